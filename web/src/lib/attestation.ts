// Signatures of the other team members. The server takes a drawn PNG only
// for the submitting account's own roster person; every other member signs
// with an attestation bound to their own account, made either in their own
// session (their phone) or on the submitter's phone after proving who they
// are with their password and/or one-time code. The password and the code
// are never kept: they go into one request and the object holding them is
// emptied as soon as that request is over, whatever its outcome. Not queued
// offline for the same reason. No Vue, no DOM.
import { ApiError } from '../api/client';
import type { Attestation, AttestationRequest, RecordInspectorSignature, TeamMember } from '../api/inspections';
import { formatDateTime, type Lang } from './format';
import { labelOf, type AttestationChoice, type InspectionDraft } from './inspection';

export const ATTESTATION_METHODS = [
  { code: 'session', group: 'attestationMethod' },
  { code: 'password', group: 'attestationMethod' },
  { code: 'totp', group: 'attestationMethod' },
  { code: 'password_totp', group: 'attestationMethod' },
] as const;

/** The label of a method: the server's (Chinese) when given, else ours. */
export function methodLabel(code: string | null | undefined, serverLabel?: string | null, lang: Lang = 'zh-CN'): string {
  if (serverLabel && lang !== 'en') return serverLabel;
  return labelOf(ATTESTATION_METHODS, code, lang) || serverLabel || '';
}

/**
 * How a stored record's signature was bound to an account, e.g. "本人账号签字 · zhang · 2026-12-07 10:31".
 * Records from before the binding name no account: '' for them.
 */
export function signatureAuthText(s: RecordInspectorSignature, lang: Lang = 'zh-CN'): string {
  if (!s.authenticated_username && !s.authenticated_at) return '';
  return [methodLabel(s.auth_method, s.auth_method_label, lang), s.authenticated_username, formatDateTime(s.authenticated_at || null)]
    .filter(Boolean).join(' · ');
}

/** What the draft keeps of an attestation (never the PNG bytes the server holds, never a secret). */
export function choiceOf(a: Attestation, thumb?: string): AttestationChoice {
  const out: AttestationChoice = {
    id: a.id, method: a.method, method_label: a.method_label, username: a.username, created_at: a.created_at,
  };
  if (thumb) out.thumb = thumb;
  return out;
}

/** The member's newest attestation that a record may still use. */
export function usableFor(items: readonly Attestation[], inspectorId: number): Attestation | undefined {
  return [...items]
    .filter((a) => a.inspector_id === inspectorId && a.usable && a.record_id == null)
    .sort((a, b) => b.created_at - a.created_at || b.id - a.id)[0];
}

/** Team members who sign with an attestation: everyone but the submitter `me`. */
export function othersOf(d: Pick<InspectionDraft, 'task'>, me: number | null | undefined): TeamMember[] {
  return d.task.team.filter((m) => m.inspector_id !== me);
}

/**
 * Applies GET /tasks/{id}/signatures to the draft: a chosen attestation the
 * server lists as no longer usable (used by a record, expired) is dropped, and
 * every other member without one gets their newest usable attestation. Returns
 * the inspector ids picked up and dropped. Mutates the draft.
 */
export function syncAttestations(
  d: InspectionDraft, items: readonly Attestation[], me: number | null | undefined,
): { picked: number[]; dropped: number[] } {
  const picked: number[] = [];
  const dropped: number[] = [];
  const chosen = (d.signatures.attestations ??= {});
  for (const m of othersOf(d, me)) {
    const key = String(m.inspector_id);
    const current = chosen[key];
    if (current) {
      const listed = items.find((a) => a.id === current.id);
      if (!listed || (listed.usable && listed.record_id == null && listed.inspector_id === m.inspector_id)) continue;
      delete chosen[key];
      dropped.push(m.inspector_id);
    }
    const next = usableFor(items, m.inspector_id);
    if (next) {
      chosen[key] = choiceOf(next);
      picked.push(m.inspector_id);
    }
  }
  return { picked, dropped };
}

/** Password and one-time code as typed; emptied by `signForMember` once its request is over. */
export interface Secrets {
  password: string;
  totp_code: string;
}

export type SignFailure =
  /** wrong password or code (403): shown at `field`, the input is empty again */
  | 'credentials'
  /** the server needs the one-time code as well: ask for password and code */
  | 'needTotp'
  /** several accounts are linked to the member: ask for the username */
  | 'needUsername'
  /** 400 on another field */
  | 'invalid'
  /** no account is linked to the member (422): verifying on this device is not possible for them */
  | 'noAccount'
  /** too many failures (429) */
  | 'tooMany'
  /** no network: verification needs one, or the member signs in their own account */
  | 'offline'
  | 'other';

export type SignOutcome =
  | { ok: true; attestation: Attestation }
  | { ok: false; reason: SignFailure; message: string; field?: string };

export interface SignInput {
  inspectorId: number;
  png: string;
  /** only when the server asked for it */
  username?: string;
}

/**
 * POST /tasks/{id}/signatures through `send`. With `secrets` (another member on
 * this device) the password and/or code typed are sent, and `secrets` is
 * emptied when the request is over, whatever the outcome; without (the
 * signed-in member) nothing secret is sent. Never throws: the outcome says what
 * to show and where.
 */
export async function signForMember(
  send: (body: AttestationRequest) => Promise<{ attestation: Attestation }>,
  input: SignInput,
  secrets: Secrets | null,
): Promise<SignOutcome> {
  const body: AttestationRequest = { inspector_id: input.inspectorId, png: input.png };
  const password = secrets?.password ?? '';
  const code = (secrets?.totp_code ?? '').trim();
  if (secrets) {
    if (password) body.password = password;
    if (code) body.totp_code = code;
    const username = input.username?.trim();
    if (username) body.username = username;
  }
  try {
    const answer = await send(body);
    return { ok: true, attestation: answer.attestation };
  } catch (e) {
    return failure(e, !!password, !!code);
  } finally {
    if (secrets) {
      secrets.password = '';
      secrets.totp_code = '';
    }
    body.password = undefined;
    body.totp_code = undefined;
  }
}

function failure(e: unknown, sentPassword: boolean, sentCode: boolean): SignOutcome {
  if (!(e instanceof ApiError)) return { ok: false, reason: 'other', message: e instanceof Error ? e.message : String(e) };
  const { status, field, message } = e;
  if (status === 0) return { ok: false, reason: 'offline', message };
  if (status === 429) return { ok: false, reason: 'tooMany', message };
  if (status === 422) return { ok: false, reason: 'noAccount', message, field };
  const wantsCode = field === 'totp_code' || e.code === 'mfa_required';
  if ((status === 400 || status === 401) && wantsCode && sentPassword && !sentCode) {
    return { ok: false, reason: 'needTotp', message, field: 'totp_code' };
  }
  if (status === 403 && (field === 'password' || field === 'totp_code')) return { ok: false, reason: 'credentials', message, field };
  if (status === 400 && field === 'username') return { ok: false, reason: 'needUsername', message, field };
  if (status === 400) return { ok: false, reason: 'invalid', message, field };
  return { ok: false, reason: 'other', message, field };
}

const ATTESTATION_FIELD = /^signatures\.inspectors\[(\d+)\]\.attestation_id$/;

/**
 * A submission refused because a member's attestation was used by another
 * record or expired (409, field `signatures.inspectors[i].attestation_id`):
 * drops that attestation from the draft and returns the member, who must sign
 * again. Null for any other error. Mutates the draft.
 */
export function dropRejectedAttestation(d: InspectionDraft, e: unknown): TeamMember | null {
  if (!(e instanceof ApiError) || e.status < 400 || e.status >= 500 || e.status === 429) return null;
  const m = ATTESTATION_FIELD.exec(e.field ?? '');
  if (!m) return null;
  const member = d.task.team[Number(m[1])];
  if (!member) return null;
  delete d.signatures.attestations?.[String(member.inspector_id)];
  return member;
}
