// The skeleton of a paged list view: items, total, page, page size, loading and error, on top of
// useAsync (so a stale page never replaces a newer one). `fetch` gets the page and page size; the
// view's filters are read by `fetch` itself. With `filters`, a change of what it returns goes back
// to page 1 (and loads, unless `autoLoad` is false); views that keep their filters in the URL call
// `search()` instead, which does the same once.
import { ref, watch, type Ref, type ShallowRef, type WatchSource } from 'vue';
import { useAsync, type AsyncOptions } from './useAsync';

export interface PageAnswer<T> {
  items: T[];
  total: number;
}

export interface PagedListOptions extends AsyncOptions {
  pageSize?: number;
  /** a watch source over the filters: when it changes, the list goes back to page 1 */
  filters?: WatchSource<unknown>;
  /** load after a filter change (default true) */
  autoLoad?: boolean;
}

export interface PagedList<T, R extends PageAnswer<T> = PageAnswer<T>> {
  /** the rows of the current page (deeply reactive: a view may replace one row in place) */
  items: Ref<T[]>;
  /** the whole answer of the latest page, for what a list sends besides its rows (counts by state) */
  answer: ShallowRef<R | null>;
  total: Ref<number>;
  page: Ref<number>;
  pageSize: Ref<number>;
  loading: Ref<boolean>;
  error: Ref<string>;
  /** loads the current page */
  load: () => Promise<void>;
  /** back to page 1, then loads */
  search: () => Promise<void>;
  /** goes to page `p` and loads */
  setPage: (p: number) => Promise<void>;
  /** changes the page size, back to page 1, and loads */
  setPageSize: (n: number) => Promise<void>;
}

export function usePagedList<T, R extends PageAnswer<T> = PageAnswer<T>>(
  fetch: (page: number, pageSize: number) => Promise<R>,
  options: PagedListOptions = {},
): PagedList<T, R> {
  const page = ref(1);
  const pageSize = ref(options.pageSize ?? 20);
  const items = ref([]) as Ref<T[]>;
  const total = ref(0);
  const request = useAsync((p: number, n: number) => fetch(p, n), null as R | null, options);

  async function load(): Promise<void> {
    const answer = await request.run(page.value, pageSize.value);
    if (!answer) return;
    items.value = answer.items;
    total.value = answer.total;
  }
  async function search(): Promise<void> {
    page.value = 1;
    await load();
  }
  async function setPage(p: number): Promise<void> {
    page.value = p;
    await load();
  }
  async function setPageSize(n: number): Promise<void> {
    pageSize.value = n;
    page.value = 1;
    await load();
  }
  if (options.filters) {
    watch(options.filters, () => {
      page.value = 1;
      if (options.autoLoad !== false) void load();
    }, { deep: true });
  }

  return {
    items, answer: request.data, total, page, pageSize, loading: request.loading, error: request.error, load, search, setPage, setPageSize,
  };
}
