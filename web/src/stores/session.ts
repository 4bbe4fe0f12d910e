// Session. The session token lives only in the server's HttpOnly cookie
// (anjian_session): the app never sees or stores it. What the app keeps:
//   - the CSRF token of the session, in memory (the anjian_csrf cookie is read first);
//   - the user's non-secret profile in localStorage, to draw the shell at once and to keep
//     working offline, confirmed by GET /api/v1/auth/me at start-up.
// When the session ends (logout, or a 401 on a session that was signed in) the device
// forgets what it held for the user: offline inspection drafts (photos, signatures)
// and cached file URLs (see lib/deviceSession.ts).
import { defineStore } from 'pinia';
import { api, configureApi } from '../api';
import { ApiError, CSRF_COOKIE, readCookie } from '../api/client';
import type { Action, LoginResponse, MeResponse, User } from '../api/types';
import { deviceSession } from '../lib/deviceSession';

/** Removed at start-up: older versions kept the bearer token here. */
export const LEGACY_TOKEN_KEY = 'anjian.token';
export const USER_KEY = 'anjian.user';

/** What the session probe found: a session, none, or no answer (offline: the cached profile is used). */
export type SessionStatus = 'unknown' | 'signedIn' | 'signedOut' | 'offline';

interface StoredProfile extends User {
  must_change_password?: boolean;
}

function storage(): Storage | undefined {
  return (globalThis as { localStorage?: Storage }).localStorage;
}

function readProfile(): StoredProfile | null {
  try {
    const ls = storage();
    ls?.removeItem(LEGACY_TOKEN_KEY);
    const raw = ls?.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as StoredProfile) : null;
  } catch {
    return null;
  }
}

/** The user of a /auth/me answer, whether flat (the user's fields) or `{user, csrf_token, demo}`. */
export function userOfMe(me: MeResponse): User {
  if (me.user && typeof me.user === 'object') return me.user;
  const { csrf_token: _c, demo: _d, user: _u, ...user } = me;
  return user as User;
}

/** Drafts removed from the device when a signed-in session ends. */
async function forgetDrafts(): Promise<number> {
  const { wipeInspectionDrafts } = await import('../lib/inspectionDrafts');
  return wipeInspectionDrafts();
}

async function countDrafts(): Promise<number> {
  const { draftCount } = await import('../lib/inspectionDrafts');
  return draftCount();
}

/** Tells the user that the session expired and how many drafts are about to be removed. */
export type ExpiryNotice = (draftsToRemove: number) => Promise<void> | void;

let notifyExpired: ExpiryNotice = () => {};
let probe: Promise<void> | null = null;

export const useSession = defineStore('session', {
  state: () => {
    const stored = readProfile();
    return {
      user: stored as User | null,
      mustChangePassword: !!stored?.must_change_password,
      csrf: '' as string,
      status: 'unknown' as SessionStatus,
      /** The server runs with demo data (GET /health or /auth/me say `demo: true`); null until known. */
      demo: null as boolean | null,
      jurisdictionName: '' as string,
    };
  },
  getters: {
    isAuthenticated: (s) => !!s.user && s.status !== 'signedOut',
    role: (s) => s.user?.role ?? '',
    /** Whether the server lets this account do `action` (its `allowed_actions`); the one role check of the app. */
    can: (s) => (action: Action): boolean => !!s.user?.allowed_actions?.includes(action),
  },
  actions: {
    persist() {
      const ls = storage();
      if (!ls) return;
      ls.removeItem(LEGACY_TOKEN_KEY);
      if (this.user) ls.setItem(USER_KEY, JSON.stringify({ ...this.user, must_change_password: this.mustChangePassword }));
      else ls.removeItem(USER_KEY);
    },
    /** The CSRF token to send on writes: the cookie's, else the one the server last answered. */
    csrfToken(): string | null {
      return readCookie(CSRF_COOKIE) || this.csrf || null;
    },
    applyMe(me: MeResponse) {
      this.user = userOfMe(me);
      if (me.csrf_token) this.csrf = me.csrf_token;
      if (typeof me.demo === 'boolean') this.demo = me.demo;
      const must = me.must_change_password ?? this.user.must_change_password;
      if (typeof must === 'boolean') this.mustChangePassword = must;
      this.status = 'signedIn';
      deviceSession.begin();
      this.persist();
    },
    /**
     * Asks the server once whether a session exists (GET /auth/me). 401: none (and if this device
     * still showed a user, that session expired: the user is told and the drafts go). No answer:
     * the cached profile is used (offline), if any.
     */
    ensure(): Promise<void> {
      if (this.status !== 'unknown') return Promise.resolve();
      probe ??= (async () => {
        try {
          this.applyMe(await api.me(true));
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) {
            // not awaited: the login page shows while the user reads the notice
            if (this.user) void this.expire();
            else this.status = 'signedOut';
          } else if (this.user) {
            this.status = 'offline';
            deviceSession.begin();
          } else {
            this.status = 'signedOut';
          }
        } finally {
          probe = null;
        }
      })();
      return probe;
    },
    /** Whether the demo banner is due: from /auth/me, else GET /health (the login page). */
    async loadDemo(): Promise<boolean> {
      if (this.demo === null) {
        try {
          const h = await api.health();
          this.demo = !!h?.demo;
        } catch {
          /* unknown: no banner */
        }
      }
      return !!this.demo;
    },
    async login(username: string, password: string, totpCode?: string): Promise<LoginResponse> {
      const res = await api.login(username.trim(), password, totpCode?.trim() || undefined);
      this.user = res.user;
      this.csrf = res.csrf_token ?? '';
      this.mustChangePassword = !!(res.must_change_password ?? res.user?.must_change_password);
      if (typeof res.demo === 'boolean') this.demo = res.demo;
      this.status = 'signedIn';
      deviceSession.begin();
      this.persist();
      // what the account may do comes with /auth/me only
      try {
        this.applyMe(await api.me());
      } catch {
        /* the next navigation's ensure() asks again */
      }
      return res;
    },
    async refreshMe() {
      const me = await api.me();
      this.applyMe(me);
      return this.user as User;
    },
    /** A fresh CSRF token from /auth/me (after a 403 `csrf`). */
    async refreshCsrf(): Promise<boolean> {
      if (!this.user) return false;
      this.applyMe(await api.me());
      return !!this.csrfToken();
    },
    passwordChanged() {
      this.mustChangePassword = false;
      if (this.user) this.user = { ...this.user, must_change_password: false };
      this.persist();
    },
    /** Drops the session locally and stops draft writes (the drafts themselves go in `forget`). */
    clear() {
      this.user = null;
      this.csrf = '';
      this.mustChangePassword = false;
      this.jurisdictionName = '';
      this.status = 'signedOut';
      this.persist();
      void deviceSession.end();
    },
    /** Logout: the server ends the session and clears its cookies; the device forgets the drafts. */
    async logout() {
      try {
        if (this.user) await api.logout();
      } catch {
        // the session is dropped locally whatever the server says
      } finally {
        this.clear();
        await forgetDrafts().catch(() => 0);
      }
    },
    /**
     * A 401 on a session that was signed in: dropped locally, the user is told (with the number of
     * drafts about to be removed), then the drafts are removed. Returns how many were removed.
     */
    async expire(): Promise<number> {
      this.clear();
      const n = await countDrafts().catch(() => 0);
      try {
        await notifyExpired(n);
      } catch {
        /* a dismissed notice is still a notice */
      }
      return forgetDrafts().catch(() => 0);
    },
  },
});

export interface SessionHooks {
  /** The session was lost while the app was showing it: go to the login page. */
  onLoggedOut: () => void;
  /** Tells the user the session expired (resolves once the user has seen it). */
  notifyExpired?: ExpiryNotice;
}

/**
 * Connects the API client to this store: writes carry the store's CSRF token, a 403 `csrf` fetches a
 * fresh one once, and a 401 on a signed-in session expires it, then calls `onLoggedOut`.
 */
export function installSessionHooks(store: ReturnType<typeof useSession>, hooks: SessionHooks | (() => void)): void {
  const h: SessionHooks = typeof hooks === 'function' ? { onLoggedOut: hooks } : hooks;
  notifyExpired = h.notifyExpired ?? (() => {});
  configureApi({
    getCsrfToken: () => store.csrfToken(),
    refreshCsrf: () => store.refreshCsrf(),
    onUnauthorized: () => {
      if (!store.user) return;
      void store.expire();
      h.onLoggedOut();
    },
  });
}
