// Session: the bearer token and the signed-in user, persisted in localStorage.
import { defineStore } from 'pinia';
import { api, configureApi } from '../api';
import type { User } from '../api/types';

export const TOKEN_KEY = 'anjian.token';
export const USER_KEY = 'anjian.user';

function readUser(): User | null {
  try {
    const raw = globalThis.localStorage?.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as User) : null;
  } catch {
    return null;
  }
}

export const useSession = defineStore('session', {
  state: () => ({
    token: (globalThis.localStorage?.getItem(TOKEN_KEY) ?? null) as string | null,
    user: readUser(),
    jurisdictionName: '' as string,
  }),
  getters: {
    isAuthenticated: (s) => !!s.token,
    canEdit: (s) => !!s.user && ['admin', 'leader', 'inspector', 'community'].includes(s.user.role),
    isAdmin: (s) => s.user?.role === 'admin',
  },
  actions: {
    persist() {
      const ls = globalThis.localStorage;
      if (!ls) return;
      if (this.token) ls.setItem(TOKEN_KEY, this.token);
      else ls.removeItem(TOKEN_KEY);
      if (this.user) ls.setItem(USER_KEY, JSON.stringify(this.user));
      else ls.removeItem(USER_KEY);
    },
    async login(username: string, password: string) {
      const res = await api.login(username.trim(), password);
      this.token = res.token;
      this.user = res.user;
      this.persist();
      return res.user;
    },
    async refreshMe() {
      const me = await api.me();
      this.user = me;
      this.persist();
      return me;
    },
    /** Drops the session locally (after logout or any 401). */
    clear() {
      this.token = null;
      this.user = null;
      this.jurisdictionName = '';
      this.persist();
    },
    async logout() {
      try {
        if (this.token) await api.logout();
      } catch {
        // the session is dropped locally whatever the server says
      } finally {
        this.clear();
      }
    },
  },
});

/**
 * Connects the API client to this store: the token comes from the store and a
 * 401 clears it, then calls `onLoggedOut` (the router sends the user to login).
 */
export function installSessionHooks(store: ReturnType<typeof useSession>, onLoggedOut: () => void): void {
  configureApi({
    getToken: () => store.token,
    onUnauthorized: () => {
      const had = !!store.token;
      store.clear();
      if (had) onLoggedOut();
    },
  });
}
