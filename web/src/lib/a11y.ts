// Accessible names Element Plus does not give its own controls, set from outside.
import type { Directive } from 'vue';
import { i18n } from '../i18n';

/** Names the page-size select of an ElPagination (「每页条数」): Element Plus renders it with no label. */
function labelPager(el: HTMLElement): void {
  const label = i18n.global.t('common.pageSize');
  for (const input of el.querySelectorAll<HTMLInputElement>('.el-pagination__sizes input')) {
    if (input.getAttribute('aria-label') !== label) input.setAttribute('aria-label', label);
  }
}

/** `<ElPagination v-pager-labels …>`: labels the page-size select after every render. */
export const vPagerLabels: Directive<HTMLElement> = {
  mounted: labelPager,
  updated: labelPager,
};
