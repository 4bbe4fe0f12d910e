import { describe, expect, it } from 'vitest';
import { DraftStore, localStorageBackend, memoryBackend, parseDraft, serialiseDraft, type KvBackend } from '../../src/lib/draftStore';
import { DRAFT_FORMAT, type InspectionDraft } from '../../src/lib/inspection';
import { filledDraft } from './fixtures';

class FakeStorage implements Storage {
  private map = new Map<string, string>();
  get length() { return this.map.size; }
  clear() { this.map.clear(); }
  getItem(k: string) { return this.map.has(k) ? this.map.get(k)! : null; }
  key(i: number) { return [...this.map.keys()][i] ?? null; }
  removeItem(k: string) { this.map.delete(k); }
  setItem(k: string, v: string) { this.map.set(k, String(v)); }
}

/** A backend whose writes finish in the reverse order they were started (a slow disk). */
function slowBackend(): KvBackend & { data: Map<string, string> } {
  const data = new Map<string, string>();
  let delay = 30;
  return {
    name: 'slow', data,
    get: async (k) => data.get(k),
    set: (k, v) => new Promise((r) => { const d = (delay = Math.max(1, delay - 10)); setTimeout(() => { data.set(k, v); r(); }, d); }),
    delete: async (k) => void data.delete(k),
    keys: async () => [...data.keys()],
  };
}

describe('draft serialisation', () => {
  it('round-trips a draft with photos, signatures and the idempotency key', () => {
    const d = filledDraft();
    d.results.C1.photos.push({ id: 'x', name: 'b.jpg', thumb: 'data:image/jpeg;base64,AA==', data: 'data:image/jpeg;base64,/9j/AA==', sha: null, status: 'pending' });
    const back = parseDraft<InspectionDraft>(serialiseDraft(d, DRAFT_FORMAT), DRAFT_FORMAT);
    expect(back).toEqual(d);
    expect(back?.idempotencyKey).toBe('key-0001-abcdef');
    expect(back?.results.C1.photos[0].status).toBe('pending');
  });

  it('drops unreadable text and drafts of another format', () => {
    expect(parseDraft('{not json', 1)).toBeNull();
    expect(parseDraft(serialiseDraft({ a: 1 }, 2), 1)).toBeNull();
    expect(parseDraft(undefined, 1)).toBeNull();
    expect(parseDraft(JSON.stringify({ format: 1 }), 1)).toBeNull();
  });
});

describe('draft store', () => {
  it('survives a reload: a new store on the same backend finds the draft', async () => {
    const backend = localStorageBackend(new FakeStorage());
    await new DraftStore<InspectionDraft>(backend, 'inspection', DRAFT_FORMAT).save('5-7', filledDraft());
    const again = new DraftStore<InspectionDraft>(backend, 'inspection', DRAFT_FORMAT);
    expect((await again.load('5-7'))?.basics.place).toBe('生产车间');
    expect(await again.ids()).toEqual(['5-7']);
    await again.remove('5-7');
    expect(await again.load('5-7')).toBeNull();
  });

  it('writes what the draft was when save was called, and the last save wins on a slow disk', async () => {
    const backend = slowBackend();
    const store = new DraftStore<{ n: number }>(backend, 'ns', 1);
    const draft = { n: 1 };
    const a = store.save('x', draft);
    draft.n = 2;
    const b = store.save('x', draft);
    draft.n = 3; // not saved
    await Promise.all([a, b]);
    expect(await store.load('x')).toEqual({ n: 2 });
  });

  it('keeps namespaces and ids apart', async () => {
    const backend = memoryBackend();
    const a = new DraftStore<number>(backend, 'a', 1);
    const b = new DraftStore<number>(backend, 'b', 1);
    await a.save(1, 10);
    await b.save(1, 20);
    expect(await a.load(1)).toBe(10);
    expect(await b.load(1)).toBe(20);
    expect(await a.ids()).toEqual(['1']);
  });

  it('the localStorage backend lists only its own keys', async () => {
    const storage = new FakeStorage();
    storage.setItem('anjian.token', 't');
    const kv = localStorageBackend(storage);
    await kv.set('inspection:1', 'x');
    expect(await kv.keys()).toEqual(['inspection:1']);
    expect(storage.getItem('anjian.kv.inspection:1')).toBe('x');
  });
});

describe('draft store clear and write gate', () => {
  it('clear() removes every draft of the namespace after the queued writes, and leaves the others', async () => {
    const backend = slowBackend();
    const a = new DraftStore<{ n: number }>(backend, 'inspection', 1);
    const other = new DraftStore<{ n: number }>(backend, 'other', 1);
    await other.save('1', { n: 0 });
    void a.save('1-7', { n: 1 });
    void a.save('2-8', { n: 2 });
    expect(await a.clear()).toBe(2);
    expect(await a.ids()).toEqual([]);
    expect(await other.ids()).toEqual(['1']);
  });

  it('writes nothing while the gate is closed', async () => {
    let open = false;
    const store = new DraftStore<number>(memoryBackend(), 'ns', 1, () => open);
    await store.save('x', 1);
    expect(await store.load('x')).toBeNull();
    open = true;
    await store.save('x', 2);
    expect(await store.load('x')).toBe(2);
  });
});
