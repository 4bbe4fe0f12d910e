import { describe, expect, it } from 'vitest';
import { nextTick, reactive } from 'vue';
import { ApiError } from '../../src/api/client';
import { useAsync } from '../../src/composables/useAsync';
import { usePagedList, type PageAnswer } from '../../src/composables/usePagedList';

/** A promise resolved or rejected from outside, to answer requests in any order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('useAsync', () => {
  it('keeps the value and clears loading when the call succeeds', async () => {
    const a = useAsync(async (n: number) => n * 2, 0);
    const running = a.run(21);
    expect(a.loading.value).toBe(true);
    expect(await running).toBe(42);
    expect(a.data.value).toBe(42);
    expect(a.loading.value).toBe(false);
    expect(a.error.value).toBe('');
  });

  it('reports the error message and keeps the previous value when the call fails', async () => {
    let fail = false;
    const a = useAsync(async () => {
      if (fail) throw new ApiError(500, 'internal', '服务器内部错误');
      return 'ok';
    }, '');
    await a.run();
    fail = true;
    expect(await a.run()).toBeUndefined();
    expect(a.error.value).toBe('服务器内部错误');
    expect(a.data.value).toBe('ok');
    expect(a.loading.value).toBe(false);
    fail = false;
    await a.run();
    expect(a.error.value).toBe('');
  });

  it('ignores a stale answer that arrives after a newer call was made', async () => {
    const calls: ReturnType<typeof deferred<string>>[] = [];
    const a = useAsync(() => { const d = deferred<string>(); calls.push(d); return d.promise; }, '');
    const first = a.run();
    const second = a.run();
    calls[1].resolve('new');
    expect(await second).toBe('new');
    expect(a.loading.value).toBe(false);
    calls[0].resolve('old');
    expect(await first).toBeUndefined();
    expect(a.data.value).toBe('new');
  });

  it('ignores a stale failure and keeps loading while the newer call runs', async () => {
    const calls: ReturnType<typeof deferred<string>>[] = [];
    const a = useAsync(() => { const d = deferred<string>(); calls.push(d); return d.promise; }, '');
    void a.run();
    const second = a.run();
    calls[0].reject(new Error('timeout'));
    await flush();
    expect(a.error.value).toBe('');
    expect(a.loading.value).toBe(true);
    calls[1].resolve('fresh');
    await second;
    expect(a.data.value).toBe('fresh');
    expect(a.loading.value).toBe(false);
  });
});

describe('usePagedList', () => {
  const rows = Array.from({ length: 45 }, (_, i) => i + 1);
  const fetchRows = async (page: number, size: number): Promise<PageAnswer<number>> =>
    ({ items: rows.slice((page - 1) * size, page * size), total: rows.length });

  it('loads pages and page sizes', async () => {
    const list = usePagedList(fetchRows);
    await list.load();
    expect(list.items.value).toEqual(rows.slice(0, 20));
    expect(list.total.value).toBe(45);
    await list.setPage(3);
    expect(list.items.value).toEqual([41, 42, 43, 44, 45]);
    await list.setPageSize(50);
    expect(list.page.value).toBe(1);
    expect(list.items.value).toHaveLength(45);
  });

  it('shows the error and keeps the rows it had', async () => {
    let down = false;
    const list = usePagedList(async (p, n) => {
      if (down) throw new ApiError(503, 'unavailable', '服务暂不可用');
      return fetchRows(p, n);
    });
    await list.load();
    down = true;
    await list.setPage(2);
    expect(list.error.value).toBe('服务暂不可用');
    expect(list.items.value).toEqual(rows.slice(0, 20));
    expect(list.loading.value).toBe(false);
  });

  it('keeps the newest page when an older request answers last', async () => {
    const answers = new Map<number, ReturnType<typeof deferred<PageAnswer<number>>>>();
    const list = usePagedList((p) => { const d = deferred<PageAnswer<number>>(); answers.set(p, d); return d.promise; });
    const two = list.setPage(2);
    const three = list.setPage(3);
    answers.get(3)!.resolve({ items: [3], total: 3 });
    await three;
    answers.get(2)!.resolve({ items: [2], total: 2 });
    await two;
    expect(list.page.value).toBe(3);
    expect(list.items.value).toEqual([3]);
    expect(list.total.value).toBe(3);
  });

  it('goes back to page 1 and reloads when a filter changes', async () => {
    const filters = reactive({ q: '' });
    const seen: string[] = [];
    const list = usePagedList(async (p, n) => {
      seen.push(`${filters.q}:${p}`);
      return fetchRows(p, n);
    }, { filters: () => ({ ...filters }) });
    await list.setPage(3);
    filters.q = '化工';
    await nextTick();
    await flush();
    expect(list.page.value).toBe(1);
    expect(seen).toEqual([':3', '化工:1']);
  });

  it('with autoLoad false only resets the page on a filter change', async () => {
    const filters = reactive({ risk: '' });
    let calls = 0;
    const list = usePagedList(async (p, n) => { calls++; return fetchRows(p, n); }, { filters: () => filters.risk, autoLoad: false });
    await list.setPage(2);
    filters.risk = 'red';
    await nextTick();
    await flush();
    expect(list.page.value).toBe(1);
    expect(calls).toBe(1);
    await list.search();
    expect(calls).toBe(2);
  });
});
