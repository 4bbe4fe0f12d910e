// Accounts, sessions, passwords, two-step verification and the audit log (issue 12).
// Pages that call an endpoint the server does not have yet show `isMissingEndpoint`.
import { http } from './index';
import { ApiError, type Query } from './client';
import type { Page } from './types';

export interface Account {
  id: number;
  username: string;
  display_name: string;
  role: string;
  role_label?: string;
  jurisdiction_id: number | null;
  jurisdiction_name?: string;
  unit_id?: number | null;
  inspector_id?: number | null;
  active: boolean;
  /** unix seconds; locked while in the future */
  locked_until?: number | null;
  must_change_password?: boolean;
  mfa_enabled?: boolean;
  last_login_at?: number | null;
}

export interface NewAccount {
  username: string;
  display_name: string;
  role: string;
  jurisdiction_id: number | null;
  unit_id?: number | null;
  inspector_id?: number | null;
}

export interface AccountChange {
  display_name?: string;
  role?: string;
  jurisdiction_id?: number | null;
  active?: boolean;
}

export interface SessionInfo {
  id: string | number;
  created_at: number;
  last_seen_at?: number | null;
  expires_at: number;
  client_address?: string;
  /** the session of this request (when the server says so) */
  current?: boolean;
}

export interface TotpEnrolment {
  secret: string;
  otpauth_uri: string;
  qr_svg?: string;
}

export type AuditOutcome = 'success' | 'denied' | 'failure';

export interface FieldChange {
  old: unknown;
  new: unknown;
}

export interface AuditEntry {
  seq: number;
  /** unix seconds */
  at: number;
  actor: string;
  role?: string;
  jurisdiction?: string | null;
  client_address?: string;
  action: string;
  target_type?: string;
  target_id?: string | number | null;
  outcome: AuditOutcome | string;
  /** an object (for updates `{changes: {field: {old, new}}}`), or the stored text when it is not JSON */
  details?: Record<string, unknown> & { changes?: Record<string, FieldChange> };
  prev_hash?: string;
  hash?: string;
}

export interface AuditAnchor {
  day: string;
  seq: number;
  hash: string;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  target_type?: string;
  target_id?: string;
  outcome?: string;
  from?: string;
  to?: string;
  page?: number;
  page_size?: number;
}

const items = <T>(r: { items?: T[] } | T[] | null | undefined): T[] => (Array.isArray(r) ? r : r?.items ?? []);

export const securityApi = {
  users: async () => items(await http.get<{ items: Account[] } | Account[]>('/api/v1/users')),
  createUser: (body: NewAccount) => http.post<{ user: Account; temporary_password: string }>('/api/v1/users', body),
  updateUser: (id: number, body: AccountChange) => http.put<Account>(`/api/v1/users/${id}`, body),
  resetPassword: (id: number) => http.post<{ temporary_password: string }>(`/api/v1/users/${id}/password-reset`),
  unlock: (id: number) => http.post<unknown>(`/api/v1/users/${id}/unlock`),
  userSessions: async (id: number) => items(await http.get<{ items: SessionInfo[] }>(`/api/v1/users/${id}/sessions`)),
  endUserSession: (id: number, sessionId: string | number) =>
    http.del<unknown>(`/api/v1/users/${id}/sessions/${encodeURIComponent(String(sessionId))}`),

  changePassword: (oldPassword: string, newPassword: string) =>
    http.post<unknown>('/api/v1/auth/password', { old_password: oldPassword, new_password: newPassword }),
  mySessions: async () => items(await http.get<{ items: SessionInfo[] }>('/api/v1/auth/sessions')),
  endMySession: (id: string | number) => http.del<unknown>(`/api/v1/auth/sessions/${encodeURIComponent(String(id))}`),
  enrolTotp: () => http.post<TotpEnrolment>('/api/v1/auth/totp/enrol'),
  confirmTotp: (code: string) => http.post<unknown>('/api/v1/auth/totp/confirm', { code }),

  audit: (query: AuditQuery) => http.get<Page<AuditEntry>>('/api/v1/audit', query as Query),
  anchors: async () => items(await http.get<{ items: AuditAnchor[] }>('/api/v1/audit/anchors')),
};

/** The export URL of the audit log with the list's filters (no paging). */
export function auditExportPath(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...query, page: undefined, page_size: undefined, format: 'xlsx' })) {
    if (v !== undefined && v !== null && v !== '') params.append(k, String(v));
  }
  return `/api/v1/audit/export?${params.toString()}`;
}

/**
 * The server does not have this endpoint yet (its router answers 404 "no such route", or 501),
 * as opposed to a 404 naming a missing object.
 */
export function isMissingEndpoint(e: unknown): boolean {
  if (!(e instanceof ApiError)) return false;
  if (e.status === 501 || e.status === 405) return true;
  if (e.status !== 404) return false;
  return e.code === 'http_404' || /no such route|接口不存在/i.test(e.message);
}
