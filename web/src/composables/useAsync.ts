// One async call's state for a view: loading, the error message, the last value. Only the latest
// call counts: when a call is started before the previous one has answered (a filter changed, the
// user paged twice), the older answer is dropped, so a slow early response cannot overwrite a newer one.
import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { errorMessage } from '../api/client';

export interface AsyncState<T, A extends unknown[]> {
  /** the value of the latest call that succeeded (or `initial`) */
  data: ShallowRef<T>;
  /** true while the latest call runs */
  loading: Ref<boolean>;
  /** the latest call's error message, '' when it succeeded */
  error: Ref<string>;
  /**
   * Starts a call. Resolves with its value, or with undefined when it failed or was overtaken by a
   * newer call (its value is then not applied).
   */
  run: (...args: A) => Promise<T | undefined>;
}

export interface AsyncOptions {
  /** the message shown for an error (default: the server's message, see errorMessage) */
  describeError?: (e: unknown) => string;
}

export function useAsync<T, A extends unknown[] = []>(
  fn: (...args: A) => Promise<T>, initial: T, options: AsyncOptions = {},
): AsyncState<T, A> {
  const describe = options.describeError ?? errorMessage;
  const data = shallowRef(initial) as ShallowRef<T>;
  const loading = ref(false);
  const error = ref('');
  let latest = 0;

  async function run(...args: A): Promise<T | undefined> {
    const call = ++latest;
    loading.value = true;
    error.value = '';
    try {
      const value = await fn(...args);
      if (call !== latest) return undefined;
      data.value = value;
      return value;
    } catch (e) {
      if (call === latest) error.value = describe(e);
      return undefined;
    } finally {
      if (call === latest) loading.value = false;
    }
  }

  return { data, loading, error, run };
}
