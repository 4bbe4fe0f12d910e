import { onBeforeUnmount, ref } from 'vue';

export const MOBILE_QUERY = '(max-width: 768px)';

/** Reactive flag: true on phone-sized viewports. */
export function useMobile() {
  const mql = typeof window !== 'undefined' ? window.matchMedia(MOBILE_QUERY) : null;
  const mobile = ref(mql?.matches ?? false);
  const update = (e: MediaQueryListEvent) => (mobile.value = e.matches);
  mql?.addEventListener('change', update);
  onBeforeUnmount(() => mql?.removeEventListener('change', update));
  return mobile;
}
