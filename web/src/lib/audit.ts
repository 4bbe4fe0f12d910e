// Pure helpers of the audit-log and account pages (tested without a browser).
import type { AuditEntry, FieldChange } from '../api/security';

export interface ChangeRow {
  field: string;
  old: string;
  new: string;
}

/** A value of the audit details as text: '—' for nothing, JSON for objects and lists. */
export function auditValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The field-level changes of an update entry (`details.changes`), in the server's order. */
export function auditChanges(entry: Pick<AuditEntry, 'details'>): ChangeRow[] {
  const changes = entry.details?.changes;
  if (!changes || typeof changes !== 'object') return [];
  return Object.entries(changes as Record<string, FieldChange | unknown>).map(([field, c]) => {
    const ch = (c && typeof c === 'object' ? c : { old: undefined, new: c }) as FieldChange;
    return { field, old: auditValue(ch.old), new: auditValue(ch.new) };
  });
}

/** The details other than `changes` (reason, counts…), for the expander. */
export function auditOtherDetails(entry: Pick<AuditEntry, 'details'>): [string, string][] {
  const d = entry.details as unknown;
  if (d === null || d === undefined || d === '') return [];
  if (typeof d !== 'object' || Array.isArray(d)) return [['details', auditValue(d)]];
  return Object.entries(d as Record<string, unknown>).filter(([k]) => k !== 'changes').map(([k, v]) => [k, auditValue(v)]);
}

/** Whether an entry has anything to expand. */
export const hasDetails = (entry: Pick<AuditEntry, 'details' | 'hash'>) =>
  auditChanges(entry).length > 0 || auditOtherDetails(entry).length > 0 || !!entry.hash;

/** Element Plus tag type of an outcome. */
export function outcomeTagType(outcome: string): 'success' | 'warning' | 'danger' | 'info' {
  if (outcome === 'success') return 'success';
  if (outcome === 'denied') return 'warning';
  if (outcome === 'failure') return 'danger';
  return 'info';
}

/** "unit.update" → ["unit", "update"]; "auth.login_failed" → ["auth", "login_failed"]. */
export function splitAction(action: string): [string, string] {
  const i = action.indexOf('.');
  return i < 0 ? ['', action] : [action.slice(0, i), action.slice(i + 1)];
}

/** Whether an account is locked now (locked_until in unix seconds). */
export const isLocked = (lockedUntil: number | null | undefined, nowSeconds = Date.now() / 1000) =>
  !!lockedUntil && lockedUntil > nowSeconds;

/** A secret shown in groups of four for reading aloud / typing (TOTP secrets). */
export const groupSecret = (s: string) => s.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');

/** The data: URL of an SVG (the TOTP QR code) for an <img>: no markup of the server enters the page. */
export const svgDataUrl = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * A client-side look at a new password (the server decides and says why): what is missing of the
 * rule "at least 10 characters, three kinds of characters, not containing the username".
 */
export function passwordHints(password: string, username = ''): string[] {
  const out: string[] = [];
  if (password.length < 10) out.push('length');
  const kinds = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (kinds < 3) out.push('kinds');
  if (username && password.toLowerCase().includes(username.toLowerCase())) out.push('username');
  return out;
}
