// The other team members' signatures: attestations picked up from the server,
// the signing request on the submitter's device (its errors, and that the
// password and the code go into that one request and nowhere else), and the
// attestation a submission was refused for.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installStorage } from './setup-storage';
import { ApiError } from '../../src/api/client';
import { inspectionApi, type Attestation } from '../../src/api/inspections';
import {
  choiceOf, dropRejectedAttestation, methodLabel, signForMember, signatureAuthText, syncAttestations, usableFor, type Secrets,
} from '../../src/lib/attestation';
import { formatDateTime } from '../../src/lib/format';
import { DraftStore, memoryBackend } from '../../src/lib/draftStore';
import { DRAFT_FORMAT, buildRecordBody, validateDraft, type InspectionDraft } from '../../src/lib/inspection';
import { submitDraft } from '../../src/lib/inspectionSubmit';
import { ME, PNG, filledDraft, makeTask } from './fixtures';

const PASSWORD = 'Li$i-secret-2024';
const CODE = '482913';

function att(over: Partial<Attestation> = {}): Attestation {
  return {
    id: 91, task_id: 7, inspector_id: 4, inspector_name: '李四', user_id: 12, username: 'lisi', method: 'session',
    method_label: '本人账号签字', png_sha256: 'b'.repeat(64), created_at: 1795400000, expires_at: 1795486400, record_id: null,
    usable: true, ...over,
  };
}

function respond(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const refusal = (status: number, code: string, message: string, field?: string) =>
  respond(status, { error: { code, message, ...(field ? { field } : {}) } });

/** fetch that answers each call with the next of `answers` and records what was sent. */
function fakeFetch(...answers: (Response | 'network')[]) {
  const calls: { method: string; url: string; body: Record<string, unknown> | undefined }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ method: init.method ?? 'GET', url, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined });
    const a = answers.shift();
    if (!a || a === 'network') throw new TypeError('Failed to fetch');
    return a;
  }));
  return calls;
}

const send = (body: Parameters<typeof inspectionApi.signTask>[1]) => inspectionApi.signTask(7, body);
const typed = (password = PASSWORD, totp_code = ''): Secrets => ({ password, totp_code });

afterEach(() => vi.unstubAllGlobals());

describe('attestations picked up from the server', () => {
  it('takes the newest usable one of each member but the submitter', () => {
    const d = filledDraft();
    d.signatures.attestations = {};
    const items = [
      att({ id: 95, inspector_id: 3, username: 'zhang' }), // the submitter's own: not used
      att({ id: 94, created_at: 1795400300, usable: false, record_id: 40 }), // used by another record
      att({ id: 93, created_at: 1795400200 }),
      att({ id: 92, created_at: 1795400100 }),
      att({ id: 90, created_at: 1795400400, usable: false }), // expired
    ];
    expect(usableFor(items, 4)?.id).toBe(93);
    expect(syncAttestations(d, items, ME)).toEqual({ picked: [4], dropped: [] });
    expect(d.signatures.attestations).toEqual({
      4: { id: 93, method: 'session', method_label: '本人账号签字', username: 'lisi', created_at: 1795400200 },
    });
    expect(d.signatures.attestations[3]).toBeUndefined();
    expect(validateDraft(d, ME)).toEqual([]);
  });

  it('keeps a usable choice, drops one used or expired meanwhile, and keeps one the list does not name', () => {
    const d = filledDraft(); // 李四: attestation 91
    expect(syncAttestations(d, [att({ id: 91 }), att({ id: 99, created_at: 1795409999 })], ME)).toEqual({ picked: [], dropped: [] });
    expect(d.signatures.attestations[4].id).toBe(91);
    expect(syncAttestations(d, [att({ id: 91, usable: false, record_id: 41 })], ME)).toEqual({ picked: [], dropped: [4] });
    expect(d.signatures.attestations[4]).toBeUndefined();
    d.signatures.attestations[4] = choiceOf(att({ id: 88 }));
    expect(syncAttestations(d, [], ME)).toEqual({ picked: [], dropped: [] });
    expect(d.signatures.attestations[4].id).toBe(88);
  });

  it('keeps no PNG bytes of the server, only a thumbnail drawn here when there is one', () => {
    expect(choiceOf(att())).not.toHaveProperty('thumb');
    expect(choiceOf(att(), PNG).thumb).toBe(PNG);
    expect(Object.keys(choiceOf(att()))).toEqual(['id', 'method', 'method_label', 'username', 'created_at']);
  });

  it('labels the methods, the server’s label first', () => {
    expect(methodLabel('session')).toBe('本人账号签字');
    expect(methodLabel('password', '本设备密码验证')).toBe('本设备密码验证');
    expect(methodLabel('password_totp', null, 'en')).toBe('Password and code on this device');
    expect(methodLabel('totp', '服务器标签')).toBe('服务器标签');
  });

  it('GET /tasks/{id}/signatures', async () => {
    const calls = fakeFetch(respond(200, { items: [att()] }));
    expect((await inspectionApi.taskSignatures(7)).items[0].id).toBe(91);
    expect(calls[0]).toMatchObject({ method: 'GET', url: '/api/v1/tasks/7/signatures' });
  });
});

describe('signing on the submitter’s device', () => {
  it('sends the member, the PNG and the password once, then forgets the password', async () => {
    const calls = fakeFetch(respond(201, { attestation: att({ method: 'password', method_label: '本设备密码验证' }) }));
    const secrets = typed();
    const out = await signForMember(send, { inspectorId: 4, png: PNG }, secrets);
    expect(out).toMatchObject({ ok: true, attestation: { id: 91, method: 'password' } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/v1/tasks/7/signatures' });
    expect(calls[0].body).toEqual({ inspector_id: 4, png: PNG, password: PASSWORD });
    expect(secrets).toEqual({ password: '', totp_code: '' });
  });

  it('a one-time code instead of the password; both when both are typed; a username only when given', async () => {
    const calls = fakeFetch(respond(201, { attestation: att() }), respond(201, { attestation: att() }));
    await signForMember(send, { inspectorId: 4, png: PNG }, typed('', ` ${CODE} `));
    await signForMember(send, { inspectorId: 4, png: PNG, username: ' lisi2 ' }, typed(PASSWORD, CODE));
    expect(calls[0].body).toEqual({ inspector_id: 4, png: PNG, totp_code: CODE });
    expect(calls[1].body).toEqual({ inspector_id: 4, png: PNG, password: PASSWORD, totp_code: CODE, username: 'lisi2' });
  });

  it('in one’s own session nothing secret is sent', async () => {
    const calls = fakeFetch(respond(201, { attestation: att() }));
    const out = await signForMember(send, { inspectorId: 4, png: PNG, username: 'ignored' }, null);
    expect(out.ok).toBe(true);
    expect(calls[0].body).toEqual({ inspector_id: 4, png: PNG });
  });

  it('a wrong password (403) is shown at the password field, and the input is empty again', async () => {
    fakeFetch(refusal(403, 'permission_denied', '密码不正确', 'password'));
    const secrets = typed();
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, secrets))
      .toEqual({ ok: false, reason: 'credentials', field: 'password', message: '密码不正确' });
    expect(secrets.password).toBe('');
  });

  it('a wrong code (403 totp_code) is shown at the code field', async () => {
    fakeFetch(refusal(403, 'permission_denied', '动态验证码不正确', 'totp_code'));
    const secrets = typed(PASSWORD, CODE);
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, secrets))
      .toMatchObject({ ok: false, reason: 'credentials', field: 'totp_code' });
    expect(secrets).toEqual({ password: '', totp_code: '' });
  });

  it('an account with an authenticator asks for the code after the password: password and code are typed again and sent together', async () => {
    const calls = fakeFetch(refusal(400, 'invalid_argument', '该账号已启用两步验证，请输入动态验证码', 'totp_code'),
      respond(201, { attestation: att({ method: 'password_totp' }) }));
    const secrets = typed();
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, secrets)).toMatchObject({ ok: false, reason: 'needTotp', field: 'totp_code' });
    expect(secrets.password).toBe('');
    secrets.password = PASSWORD;
    secrets.totp_code = CODE;
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, secrets)).toMatchObject({ ok: true });
    expect(calls[1].body).toEqual({ inspector_id: 4, png: PNG, password: PASSWORD, totp_code: CODE });
    expect(secrets).toEqual({ password: '', totp_code: '' });
  });

  it('400 username: several accounts are linked to the member', async () => {
    fakeFetch(refusal(400, 'invalid_argument', '该执法人员关联了多个账号，请填写账号', 'username'));
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, typed())).toMatchObject({ ok: false, reason: 'needUsername', field: 'username' });
  });

  it('400 on another field is shown at that field', async () => {
    fakeFetch(refusal(400, 'invalid_argument', '签名图片无效', 'png'), refusal(400, 'invalid_argument', '请输入密码', 'password'));
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, typed())).toMatchObject({ ok: false, reason: 'invalid', field: 'png' });
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, typed(''))).toMatchObject({ ok: false, reason: 'invalid', field: 'password' });
  });

  it('422: no account is linked to the member; 429: too many failures', async () => {
    fakeFetch(refusal(422, 'unprocessable', '该执法人员没有关联的账号'), refusal(429, 'rate_limited', '验证失败次数过多，请 15 分钟后再试'));
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, typed()))
      .toEqual({ ok: false, reason: 'noAccount', message: '该执法人员没有关联的账号', field: undefined });
    const secrets = typed();
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, secrets))
      .toMatchObject({ ok: false, reason: 'tooMany', message: '验证失败次数过多，请 15 分钟后再试' });
    expect(secrets.password).toBe('');
  });

  it('without a network: not queued, not retried, and the password is forgotten as well', async () => {
    const calls = fakeFetch('network', respond(201, { attestation: att() }));
    const secrets = typed(PASSWORD, CODE);
    expect(await signForMember(send, { inspectorId: 4, png: PNG }, secrets)).toMatchObject({ ok: false, reason: 'offline' });
    expect(calls).toHaveLength(1);
    expect(secrets).toEqual({ password: '', totp_code: '' });
  });

  it('no secret ends up in the draft, the draft store, the record body or localStorage', async () => {
    const storage = installStorage();
    const backend = memoryBackend();
    const store = new DraftStore<InspectionDraft>(backend, 'inspection', DRAFT_FORMAT);
    const d = filledDraft();
    d.signatures.attestations = {};
    fakeFetch(refusal(403, 'permission_denied', '密码不正确', 'password'),
      respond(201, { attestation: att({ id: 96, method: 'password_totp', method_label: '本设备密码和验证码验证' }) }));
    const secrets = typed(`${PASSWORD}-typo`, CODE);
    const first = await signForMember(send, { inspectorId: 4, png: PNG }, secrets);
    expect(first.ok).toBe(false);
    await store.save('5-7', d);
    Object.assign(secrets, typed(PASSWORD, CODE));
    const out = await signForMember(send, { inspectorId: 4, png: PNG }, secrets);
    if (!out.ok) throw new Error(out.message);
    d.signatures.attestations[4] = choiceOf(out.attestation, PNG);
    await store.save('5-7', d);

    const stored = (await backend.get('inspection:5-7')) ?? '';
    const local = Array.from({ length: storage.length }, (_, i) => `${storage.key(i)}=${storage.getItem(storage.key(i) ?? '')}`).join('\n');
    const everything = [JSON.stringify(d), stored, JSON.stringify(buildRecordBody(d, ME)), local];
    for (const text of everything) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(CODE);
      expect(text).not.toMatch(/"(password|totp_code)"/);
    }
    expect(stored).toContain('"id":96');
    expect(validateDraft(d, ME)).toEqual([]);
    expect(buildRecordBody(d, ME).signatures.inspectors[1]).toEqual({ inspector_id: 4, attestation_id: 96 });
  });
});

describe('a stored record’s signatures', () => {
  it('name the account, the method and the time', () => {
    const at = 1796610660;
    expect(signatureAuthText({
      inspector_id: 4, png: 'c'.repeat(64), attestation_id: 96, authenticated_user_id: 12, authenticated_username: 'inspector2',
      auth_method: 'password', auth_method_label: '本设备密码验证', authenticated_at: at,
    })).toBe(`本设备密码验证 · inspector2 · ${formatDateTime(at)}`);
    expect(formatDateTime(at)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(signatureAuthText({ inspector_id: 3, authenticated_username: 'zhang', auth_method: 'session', authenticated_at: at }, 'en'))
      .toBe(`Signed in own account · zhang · ${formatDateTime(at)}`);
  });

  it('of records from before the binding show nothing more', () => {
    expect(signatureAuthText({ inspector_id: 3, png: 'c'.repeat(64) })).toBe('');
    expect(signatureAuthText({ inspector_id: 3, auth_method: 'session', auth_method_label: '本人账号签字', authenticated_username: '', authenticated_at: 0 }))
      .toBe('');
  });
});

describe('an attestation the submission was refused for', () => {
  it('409 naming signatures.inspectors[i].attestation_id drops that member’s attestation', () => {
    const d = filledDraft();
    const e = new ApiError(409, 'conflict', '李四的签字已被其他检查记录使用', 'signatures.inspectors[1].attestation_id');
    expect(dropRejectedAttestation(d, e)?.name).toBe('李四');
    expect(d.signatures.attestations[4]).toBeUndefined();
    expect(validateDraft(d, ME).map((p) => p.key)).toEqual(['inspectorAttestation']);
  });

  it('other errors drop nothing', () => {
    const d = filledDraft();
    for (const e of [
      new ApiError(409, 'idempotency_key_reused', '幂等键已用于不同的请求'),
      new ApiError(503, 'unavailable', 'x', 'signatures.inspectors[1].attestation_id'),
      new ApiError(409, 'conflict', 'x', 'signatures.inspectors[9].attestation_id'),
      new ApiError(400, 'invalid_argument', 'x', 'signatures.inspectors[0].png'),
      new TypeError('Failed to fetch'),
    ]) expect(dropRejectedAttestation(d, e)).toBeNull();
    expect(d.signatures.attestations[4].id).toBe(91);
  });

  it('the record POST carries the attestation; its 409 is not retried', async () => {
    const calls = fakeFetch(refusal(409, 'conflict', '签字已过期，请重新签字', 'signatures.inspectors[1].attestation_id'));
    const d = filledDraft();
    const err = await submitDraft(d, {
      inspectorId: ME, upload: () => Promise.reject(new Error('no upload')), save: () => {},
      send: (id, body, key) => inspectionApi.submitRecord(id, body, key), retry: { sleep: async () => {}, baseDelayMs: 1 },
    }).catch((e) => e);
    expect(calls).toHaveLength(1);
    expect((calls[0].body as { signatures: { inspectors: unknown[] } }).signatures.inspectors)
      .toEqual([{ inspector_id: 3, png: PNG }, { inspector_id: 4, attestation_id: 91 }]);
    expect(d.submission.state).toBe('failed');
    expect(dropRejectedAttestation(d, err)?.inspector_id).toBe(4);
  });

  it('a member of another task order is found by the index of the body', () => {
    const d = filledDraft();
    d.task = makeTask({ team: [...d.task.team].reverse() });
    const e = new ApiError(409, 'conflict', 'x', 'signatures.inspectors[0].attestation_id');
    expect(dropRejectedAttestation(d, e)?.inspector_id).toBe(4);
  });
});
