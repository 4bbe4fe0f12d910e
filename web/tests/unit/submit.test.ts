// The submission queue against a fake server behind a fake fetch: uploads and
// the record POST are retried on network errors and 5xx with the same
// Idempotency-Key, so the server stores one record however often it is asked.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/client';
import { inspectionApi } from '../../src/api/inspections';
import { backoffDelay, isRetryable, withRetry } from '../../src/lib/retry';
import { dataUrlToBlob, isKeyReused, submitDraft, uploadPhoto, type SubmitDeps } from '../../src/lib/inspectionSubmit';
import { ME, filledDraft } from './fixtures';

interface FakeServer {
  fetch: typeof fetch;
  records: Map<string, { body: string; answer: unknown }>;
  created: number;
  uploads: string[];
  calls: { url: string; key: string | null }[];
  /** answers to give before the real one, per path kind */
  failures: { records: ('network' | number)[]; uploads: ('network' | number)[] };
}

function fakeServer(): FakeServer {
  const s: FakeServer = {
    records: new Map(), created: 0, uploads: [], calls: [], failures: { records: [], uploads: [] },
    fetch: (async () => { throw new Error('replaced'); }) as unknown as typeof fetch,
  };
  s.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const key = headers['Idempotency-Key'] ?? null;
    s.calls.push({ url, key });
    const kind = url.includes('/uploads') ? 'uploads' : 'records';
    const fail = s.failures[kind].shift();
    if (fail === 'network') throw new TypeError('Failed to fetch');
    if (typeof fail === 'number') return new Response(JSON.stringify({ error: { code: 'unavailable', message: '服务暂不可用' } }), { status: fail });
    if (kind === 'uploads') {
      const file = (init?.body as FormData).get('file') as Blob;
      const bytes = new Uint8Array(await file.arrayBuffer());
      const sha = `sha${bytes.length}x${bytes[0] ?? 0}`.padEnd(64, '0');
      s.uploads.push(sha);
      return new Response(JSON.stringify({ sha256: sha, mime: file.type, size: bytes.length }), { status: 201 });
    }
    const body = String(init?.body);
    const seen = key ? s.records.get(key) : undefined;
    if (seen) {
      if (seen.body !== body) return new Response(JSON.stringify({ error: { code: 'idempotency_key_reused', message: '幂等键已用于不同的请求' } }), { status: 409 });
      return new Response(JSON.stringify(seen.answer), { status: 201 });
    }
    s.created += 1;
    const answer = { record: { id: 100 + s.created }, hazards: [501], documents: [{ id: 9, type: 'rectification_order', type_label: '责令限期整改指令书', number: '（X）应急责改〔2026〕1 号' }] };
    if (key) s.records.set(key, { body, answer });
    return new Response(JSON.stringify(answer), { status: 201 });
  }) as typeof fetch;
  return s;
}

let server: FakeServer;
const noSleep = { sleep: async () => {}, baseDelayMs: 1 };

function deps(saved: string[] = []): SubmitDeps {
  return {
    inspectorId: ME,
    upload: (b, n) => inspectionApi.upload(b, n),
    send: (id, body, key) => inspectionApi.submitRecord(id, body, key),
    save: (d) => { saved.push(d.submission.state); },
    retry: noSleep,
  };
}

const JPEG = 'data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==';

beforeEach(() => {
  server = fakeServer();
  vi.stubGlobal('fetch', server.fetch);
});
afterEach(() => vi.unstubAllGlobals());

describe('retry policy', () => {
  it('retries only what may pass by itself', () => {
    expect(isRetryable(new ApiError(0, 'network', 'x'))).toBe(true);
    expect(isRetryable(new ApiError(503, 'x', 'x'))).toBe(true);
    expect(isRetryable(new ApiError(429, 'x', 'x'))).toBe(true);
    expect(isRetryable(new TypeError('Failed to fetch'))).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 413, 415, 422]) expect(isRetryable(new ApiError(s, 'x', 'x'))).toBe(false);
  });

  it('backs off exponentially up to a cap, with bounded jitter', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 15_000, jitter: 0, random: () => 0 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, o))).toEqual([1000, 2000, 4000, 8000, 15000, 15000]);
    const j = { baseDelayMs: 1000, jitter: 0.2 };
    expect(backoffDelay(1, { ...j, random: () => 0 })).toBe(800);
    expect(backoffDelay(1, { ...j, random: () => 1 })).toBe(1000);
  });

  it('gives up after maxAttempts with the last error, and at once on a final one', async () => {
    let n = 0;
    const fail = () => { n += 1; return Promise.reject(new ApiError(503, 'x', 'down')); };
    await expect(withRetry(fail, { ...noSleep, maxAttempts: 3 })).rejects.toThrow('down');
    expect(n).toBe(3);
    n = 0;
    await expect(withRetry(() => { n += 1; return Promise.reject(new ApiError(400, 'x', 'bad')); }, noSleep)).rejects.toThrow('bad');
    expect(n).toBe(1);
  });

  it('waits the backoff delays between attempts', async () => {
    const waits: number[] = [];
    let n = 0;
    const r = await withRetry(async () => { if (++n < 3) throw new TypeError('offline'); return 'ok'; },
      { sleep: async (ms) => { waits.push(ms); }, jitter: 0, baseDelayMs: 500 });
    expect(r).toBe('ok');
    expect(waits).toEqual([500, 1000]);
  });
});

describe('submitting a draft', () => {
  it('retries network errors and 5xx with the same key: one record is created', async () => {
    server.failures.records = ['network', 503, 'network'];
    const d = filledDraft();
    const saved: string[] = [];
    const answer = await submitDraft(d, deps(saved));
    expect(answer.record.id).toBe(101);
    expect(server.created).toBe(1);
    const posts = server.calls.filter((c) => c.url.endsWith('/api/v1/tasks/7/records'));
    expect(posts).toHaveLength(4);
    expect(new Set(posts.map((c) => c.key))).toEqual(new Set(['key-0001-abcdef']));
    expect(d.submission).toMatchObject({ state: 'done', attempts: 4 });
    expect(saved[0]).toBe('submitting');
    expect(saved.at(-1)).toBe('done');
  });

  it('a lost answer followed by a new submission of the same draft gets the stored answer, not a second record', async () => {
    const d = filledDraft();
    const first = await submitDraft(JSON.parse(JSON.stringify(d)), deps());
    // the phone never saw that answer: the draft is still "editing" and is sent again
    const again = await submitDraft(d, deps());
    expect(again).toEqual(first);
    expect(server.created).toBe(1);
  });

  it('a double click runs one submission', async () => {
    const d = filledDraft();
    const [a, b] = await Promise.all([submitDraft(d, deps()), submitDraft(d, deps())]);
    expect(a).toBe(b);
    expect(server.calls.filter((c) => c.url.includes('/records'))).toHaveLength(1);
    expect(await submitDraft(d, deps())).toBe(a); // done: answered from the draft
    expect(server.calls.filter((c) => c.url.includes('/records'))).toHaveLength(1);
  });

  it('uploads pending photos first (retried), then sends their hashes', async () => {
    server.failures.uploads = ['network', 502];
    const d = filledDraft();
    d.results.C2.photos.push({ id: 'p2', name: 'b.jpg', thumb: '', data: JPEG, sha: null, status: 'pending' });
    let sent: string[] = [];
    const answer = await submitDraft(d, { ...deps(), send: (id, body, key) => { sent = body.results[1].photos; return inspectionApi.submitRecord(id, body, key); } });
    expect(answer.documents[0].type).toBe('rectification_order');
    expect(server.uploads).toHaveLength(1);
    expect(d.results.C2.photos[1]).toMatchObject({ status: 'done', data: null, sha: server.uploads[0] });
    expect(sent).toEqual(['a'.repeat(64), server.uploads[0]]);
  });

  it('gives up on a final error, keeps the draft as failed, and can be submitted again later', async () => {
    server.failures.records = [503, 503, 503];
    const d = filledDraft();
    const saved: string[] = [];
    await expect(submitDraft(d, { ...deps(saved), retry: { ...noSleep, maxAttempts: 3 } })).rejects.toBeInstanceOf(ApiError);
    expect(d.submission.state).toBe('failed');
    expect(saved.at(-1)).toBe('failed');
    expect(server.created).toBe(0);
    await submitDraft(d, deps());
    expect(server.created).toBe(1);
    expect(d.submission.state).toBe('done');
  });

  it('an edited body under a used key is the 409 idempotency_key_reused', async () => {
    const d = filledDraft();
    await submitDraft(JSON.parse(JSON.stringify(d)), deps());
    d.basics.place = '仓库';
    const err = await submitDraft(d, deps()).catch((e) => e);
    expect(isKeyReused(err)).toBe(true);
    expect(server.created).toBe(1);
  });

  it('a photo upload in flight is not sent twice', async () => {
    const ph = { id: 'p9', name: 'c.jpg', thumb: '', data: JPEG, sha: null, status: 'pending' as const };
    const up = { upload: (b: Blob, n: string) => inspectionApi.upload(b, n), retry: noSleep };
    const [a, b] = await Promise.all([uploadPhoto(ph, up), uploadPhoto(ph, up)]);
    expect(a).toBe(b);
    expect(server.uploads).toHaveLength(1);
  });

  it('decodes data URLs to blobs of the right type', async () => {
    const b = dataUrlToBlob('data:image/png;base64,AAEC');
    expect(b.type).toBe('image/png');
    expect([...new Uint8Array(await b.arrayBuffer())]).toEqual([0, 1, 2]);
  });
});
