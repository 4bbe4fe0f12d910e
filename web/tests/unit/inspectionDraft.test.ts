// useInspectionDraft (the state of the 检查表单) against a fake server behind a fake fetch and a
// draft store in memory: a new task's draft is created and saved, a stored one is restored and
// every edit saved again, validation names what is missing, and the submission POSTs the record
// body with the draft's Idempotency-Key (again with the same key when the network comes back).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick } from 'vue';
import type { Attestation, RecordBody, Task } from '../../src/api/inspections';
import { useInspectionDraft, problemTargetId, type InspectionDraftOptions } from '../../src/composables/useInspectionDraft';
import { DraftStore, memoryBackend } from '../../src/lib/draftStore';
import { DRAFT_FORMAT, STEPS, type InspectionDraft } from '../../src/lib/inspection';
import { ME, PNG, filledDraft, makeChecklist, makeTask } from './fixtures';

const USER = 5;
const KEY = `${USER}-7`;

interface Call { method: string; path: string; key: string | null; body: unknown }

interface FakeServer {
  task: Task;
  attestations: Attestation[];
  calls: Call[];
  /** answers to give to the record POST before the real one */
  recordFailures: { status: number; error: { code: string; message: string; field?: string } }[];
  created: number;
}

let server: FakeServer;
let store: DraftStore<InspectionDraft>;
let stopScope: (() => void) | undefined;

const json = (data: unknown, status = 200) => new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } });

function fakeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = new URL(String(input), 'http://anjian.test');
  const method = init?.method ?? 'GET';
  const headers = (init?.headers ?? {}) as Record<string, string>;
  const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
  server.calls.push({ method, path: url.pathname + url.search, key: headers['Idempotency-Key'] ?? null, body });
  const path = url.pathname;
  if (method === 'GET' && path === `/api/v1/tasks/${server.task.id}`) return Promise.resolve(json(server.task));
  if (method === 'GET' && path === '/api/v1/checklists/general') return Promise.resolve(json(makeChecklist()));
  if (method === 'GET' && path === `/api/v1/tasks/${server.task.id}/signatures`) return Promise.resolve(json({ items: server.attestations }));
  if (method === 'POST' && path === `/api/v1/tasks/${server.task.id}/records`) {
    const fail = server.recordFailures.shift();
    if (fail) return Promise.resolve(json({ error: fail.error }, fail.status));
    server.created += 1;
    return Promise.resolve(json({
      record: { id: 100 + server.created }, hazards: [501],
      documents: [{ id: 9, type: 'rectification_order', type_label: '责令限期整改指令书', number: '（X）应急责改〔2026〕1 号' }],
    }, 201));
  }
  return Promise.resolve(json({ error: { code: 'not_found', message: '未找到' } }, 404));
}

/** The message key and its parameters, so the tests see which message the form chose. */
const t = (key: string, params?: Record<string, unknown>) => (params ? `${key} ${JSON.stringify(params)}` : key);

function mountForm(over: Partial<InspectionDraftOptions> = {}) {
  const scope = effectScope();
  const form = scope.run(() => useInspectionDraft({
    taskId: 7, userId: USER, me: ME, t, store, saveDelayMs: 0, retry: { sleep: async () => {} }, ...over,
  }))!;
  stopScope = () => { form.stop(); scope.stop(); };
  return form;
}

/** Lets the fake requests, the debounced save and the store's writes run. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await nextTick();
    await new Promise((r) => setTimeout(r, 2));
  }
}

const records = () => server.calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/tasks/7/records');

beforeEach(() => {
  server = { task: makeTask(), attestations: [], calls: [], recordFailures: [], created: 0 };
  store = new DraftStore<InspectionDraft>(memoryBackend(), 'inspection', DRAFT_FORMAT);
  vi.stubGlobal('fetch', fakeFetch);
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('window', Object.assign(new EventTarget(), { scrollTo: () => {} }));
});
afterEach(() => {
  stopScope?.();
  stopScope = undefined;
  vi.unstubAllGlobals();
});

describe('useInspectionDraft: loading', () => {
  it('creates a draft from the task and its checklist and saves it on the device', async () => {
    const form = mountForm();
    await form.start();
    await settle();
    expect(form.loading.value).toBe(false);
    expect(form.loadError.value).toBe('');
    expect(form.restored.value).toBe(false);
    const d = form.draft.value!;
    expect(d.taskId).toBe(7);
    expect(Object.keys(d.results)).toEqual(['C1', 'C2', 'C3']);
    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'GET /api/v1/tasks/7', 'GET /api/v1/checklists/general?version=1', 'GET /api/v1/tasks/7/signatures',
    ]);
    const saved = await store.load(KEY);
    expect(saved?.idempotencyKey).toBe(d.idempotencyKey);
    expect(form.saveState.value).toBe('saved');
  });

  it('picks up the attestation another member made in their own session', async () => {
    server.attestations = [{
      id: 77, task_id: 7, inspector_id: 4, inspector_name: '李四', user_id: 14, username: 'lisi', method: 'session',
      method_label: '本人账号签字', png_sha256: 'b'.repeat(64), created_at: 1795400000, expires_at: 1795486400, record_id: null, usable: true,
    }];
    const form = mountForm();
    await form.start();
    await settle();
    expect(form.draft.value?.signatures.attestations['4']?.id).toBe(77);
    expect(form.problems.value.map((p) => p.key)).not.toContain('inspectorAttestation');
  });

  it('shows a finished task instead of a form, without asking for the checklist', async () => {
    server.task = makeTask({ status: 'completed', record_id: 300 });
    const form = mountForm();
    await form.start();
    expect(form.closedTask.value?.record_id).toBe(300);
    expect(form.draft.value).toBeNull();
    expect(server.calls.map((c) => c.path)).toEqual(['/api/v1/tasks/7']);
  });

  it('says so when offline without a draft on the device', async () => {
    vi.stubGlobal('navigator', { onLine: false });
    const form = mountForm();
    await form.start();
    expect(form.loadError.value).toBe('inspection.form.offlineNoDraft');
    expect(server.calls).toEqual([]);
  });
});

describe('useInspectionDraft: the draft on the device', () => {
  it('restores a stored draft, marks an interrupted submission failed and saves every edit', async () => {
    const stored = filledDraft();
    stored.step = 2;
    stored.submission.state = 'submitting';
    await store.save(KEY, stored);
    const form = mountForm();
    await form.start();
    await settle();
    expect(form.restored.value).toBe(true);
    expect(form.step.value).toBe(2);
    expect(form.draft.value?.submission.state).toBe('failed');
    expect(form.draft.value?.basics.place).toBe('生产车间');

    form.draft.value!.basics.place = '仓库';
    form.go(3);
    await settle();
    const again = await store.load(KEY);
    expect(again?.basics.place).toBe('仓库');
    expect(again?.step).toBe(3);
    // reaching the signatures step asks the server for the members' attestations
    expect(server.calls.filter((c) => c.path === '/api/v1/tasks/7/signatures').length).toBeGreaterThanOrEqual(2);
  });

  it('keeps the draft of another account apart', async () => {
    await store.save(`9-7`, filledDraft());
    const form = mountForm();
    await form.start();
    await settle();
    expect(form.restored.value).toBe(false);
    expect(form.draft.value?.basics.place).toBe('');
  });

  it('discards the draft from the form and the device', async () => {
    await store.save(KEY, filledDraft());
    const form = mountForm();
    await form.start();
    expect(await form.discard()).toBe(true);
    expect(form.draft.value).toBeNull();
    expect(await store.load(KEY)).toBeNull();
  });
});

describe('useInspectionDraft: validation', () => {
  it('names every missing field, and marks them once the last step is reached', async () => {
    const form = mountForm();
    await form.start();
    await settle();
    expect(form.problems.value.map((p) => p.key)).toEqual([
      'endedRequired', 'placeRequired', 'personRequired', 'unanswered', 'unanswered', 'unanswered',
      'inspectorSignature', 'inspectorAttestation', 'onSiteSignature',
    ]);
    expect(form.invalidTargets.value.size).toBe(0);
    form.go(STEPS.length - 2);
    form.next();
    expect(form.step.value).toBe(STEPS.length - 1);
    expect(form.showProblems.value).toBe(true);
    expect([...form.invalidTargets.value]).toEqual(expect.arrayContaining(['ended_at', 'place', 'person', 'C1', 'inspector-3', 'inspector-4', 'on-site']));

    form.markRestConform();
    expect(form.stats.value).toEqual({ answered: 3, total: 3, nonconform: 0 });
    expect(form.problems.value.map((p) => p.key)).not.toContain('unanswered');
  });

  it('sends nothing while problems are left', async () => {
    const d = filledDraft();
    d.signatures.on_site = '';
    await store.save(KEY, d);
    const form = mountForm();
    await form.start();
    await form.submit();
    expect(records()).toEqual([]);
    expect(form.showProblems.value).toBe(true);
    expect(form.invalidTargets.value.has('on-site')).toBe(true);
  });

  it('scrolls each problem to its field', () => {
    expect(problemTargetId({ step: 0, key: 'placeRequired', params: {}, target: 'place' })).toBe('field-place');
    expect(problemTargetId({ step: 1, key: 'unanswered', params: {}, target: 'C2' })).toBe('item-C2');
    expect(problemTargetId({ step: 2, key: 'fineAmount', params: {}, target: 'p1' })).toBe('penalty-p1');
    expect(problemTargetId({ step: 2, key: 'findingBasis', params: {}, target: 'f1' })).toBe('finding-f1');
    expect(problemTargetId({ step: 3, key: 'onSiteSignature', params: {}, target: 'on-site' })).toBe('sig-on-site');
  });
});

describe('useInspectionDraft: submission', () => {
  it('POSTs the record body with the Idempotency-Key and drops the device copy', async () => {
    await store.save(KEY, filledDraft());
    const form = mountForm();
    await form.start();
    await form.submit();
    await settle();

    const sent = records();
    expect(sent).toHaveLength(1);
    expect(sent[0].key).toBe('key-0001-abcdef');
    const body = sent[0].body as RecordBody;
    expect(Object.keys(body).sort()).toEqual([
      'case_filed', 'ended_at', 'findings', 'handling', 'on_site_person', 'penalties', 'place', 'purpose', 'results', 'signatures', 'started_at',
    ]);
    expect(body.started_at).toBe('2026-11-23T09:00');
    expect(body.ended_at).toBe('2026-11-23T10:20');
    expect(body.on_site_person).toEqual({ name: '王五', post: '安全主管', phone: '13800000000' });
    expect(body.results).toEqual([
      { code: 'C1', result: 'conform', note: '', photos: [] },
      { code: 'C2', result: 'nonconform', note: '配电箱无警示标志', photos: ['a'.repeat(64)] },
      { code: 'C3', result: 'not_applicable', note: '', photos: [] },
    ]);
    expect(body.findings).toEqual([{
      item_code: 'C2', description: '配电箱无警示标志', grade: 'general', legal_basis: '《安全生产法》第21条', measure: 'rectify',
      photos: ['a'.repeat(64)], deadline: '2026-12-08',
    }]);
    expect(body.penalties).toEqual([]);
    expect(body.handling).toBe('1项问题责令限期整改。');
    expect(body.signatures).toEqual({
      inspectors: [{ inspector_id: 3, png: PNG }, { inspector_id: 4, attestation_id: 91 }],
      on_site_person: { png: PNG },
      refusal: null,
    });

    expect(form.result.value?.record.id).toBe(101);
    expect(form.submitError.value).toBe('');
    expect(form.busy.value).toBe(false);
    expect(await store.load(KEY)).toBeNull();
  });

  it('sends the witness instead of the on-site signature when the person refused', async () => {
    const d = filledDraft();
    d.signatures.on_site = '';
    d.signatures.refused = true;
    d.signatures.refusal = { reason: ' 拒绝签字 ', witness_name: '赵六', witness_png: PNG };
    await store.save(KEY, d);
    const form = mountForm();
    await form.start();
    await form.submit();
    const body = records()[0].body as RecordBody;
    expect(body.signatures.on_site_person).toBeNull();
    expect(body.signatures.refusal).toEqual({ reason: '拒绝签字', witness_name: '赵六', witness_png: PNG });
  });

  it('goes again with the same key when the network comes back', async () => {
    server.recordFailures = [{ status: 503, error: { code: 'unavailable', message: '服务暂不可用' } }];
    await store.save(KEY, filledDraft());
    const form = mountForm({ retry: { maxAttempts: 1, sleep: async () => {} } });
    await form.start();
    await form.submit();
    expect(form.submitError.value).toBe('服务暂不可用');
    expect(form.draft.value?.submission.state).toBe('failed');
    expect(form.result.value).toBeNull();
    expect((await store.load(KEY))?.submission.state).toBe('failed');

    window.dispatchEvent(new Event('online'));
    await settle();
    expect(form.result.value?.record.id).toBe(101);
    expect(records().map((c) => c.key)).toEqual(['key-0001-abcdef', 'key-0001-abcdef']);
    expect(server.created).toBe(1);
  });

  it('drops an attestation the server refused and names the member who signs again', async () => {
    server.recordFailures = [{
      status: 409, error: { code: 'attestation_used', message: '签字已被其他记录使用', field: 'signatures.inspectors[1].attestation_id' },
    }];
    await store.save(KEY, filledDraft());
    const form = mountForm();
    await form.start();
    await form.submit();
    await settle();
    expect(form.rejectedMember.value).toBe('李四');
    expect(form.submitError.value).toBe('签字已被其他记录使用');
    expect(form.draft.value?.signatures.attestations['4']).toBeUndefined();
    expect(form.problems.value.map((p) => p.key)).toEqual(['inspectorAttestation']);
    expect((await store.load(KEY))?.signatures.attestations['4']).toBeUndefined();
  });
});
