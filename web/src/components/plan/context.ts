// What every tab of the plan page shares: the plan, inspector names by 工号,
// rule titles by id, and the opener of the 说明 (explain) drawer.
import type { ComputedRef, InjectionKey } from 'vue';
import { inject } from 'vue';
import type { PlanDetail, WorkCalendar } from '../../api/plans';

export interface PlanContext {
  plan: ComputedRef<PlanDetail | null>;
  calendar: ComputedRef<WorkCalendar | null>;
  /** 工号 → 姓名 */
  names: ComputedRef<Map<string, string>>;
  /** rule id → title */
  ruleTitles: ComputedRef<Map<string, string>>;
  explain: (creditCode: string) => void;
}

export const PLAN_CONTEXT: InjectionKey<PlanContext> = Symbol('plan-context');

export function usePlanContext(): PlanContext {
  const ctx = inject(PLAN_CONTEXT);
  if (!ctx) throw new Error('plan context missing');
  return ctx;
}

/** "马晓明（JF010）", or the bare 工号 when the name is unknown. */
export function personLabel(names: Map<string, string>, no: string): string {
  const name = names.get(no);
  return name ? `${name}（${no}）` : no;
}
