// Annual supervision-inspection plans (年度监督检查计划): shapes and calls of
// /api/v1/policies, /calendar and /plans. Imported only by the lazily loaded
// plan pages, so none of this is in the initial bundle.
import { http } from './index';
import type { Page } from './types';

export type PlanKind = 'deterministic' | 'random' | 'community_screening' | 'leader_led' | 'special';
export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'in_force' | 'reapproval_required' | 'superseded' | string;
export type PlanAction = 'submit' | 'approve' | 'reject' | 'enact' | string;

export interface PolicyListItem {
  name: string;
  title: string;
  authority: string;
  source: string;
}

/** Which units a rule applies to; every field optional. */
export interface Selector {
  levels?: string[];
  categories?: string[];
  risks?: string[];
  key?: boolean;
  [k: string]: unknown;
}

export interface FrequencyRule {
  id: string;
  title: string;
  basis: string;
  select: Selector;
  count: number;
  period: string;
  executor: string;
  mandatory: boolean;
}

export interface RandomDrawRule {
  id: string;
  title: string;
  basis: string;
  pool: Selector;
  ratio: number;
  min_count?: number;
  stratify?: string;
  fill_capacity?: boolean;
  exclude_planned?: boolean;
  exclude_inspected_within_months?: number;
}

export interface SpecialCampaign {
  id: string;
  title: string;
  basis: string;
  select: Selector;
  holidays: string[];
  months: number[];
  units_per_campaign: number;
  working_days_before: number;
}

export interface LeaderQuotaRule {
  id: string;
  title: string;
  basis: string;
  count: number;
  period: string;
  roles: string[];
  targets: Selector;
  own_jurisdiction_only?: boolean;
}

export interface KeyPeriods {
  id: string;
  title: string;
  basis: string;
  months: number[];
  days_before_holidays: number;
  holiday_weight?: number;
  month_weight?: number;
}

export interface Policy {
  name: string;
  title: string;
  authority: string;
  source: string;
  basis?: string[];
  frequency_rules?: FrequencyRule[];
  random_draws?: RandomDrawRule[];
  special_campaigns?: SpecialCampaign[];
  key_periods?: KeyPeriods;
  leader_quotas?: LeaderQuotaRule[];
  team?: Record<string, number>;
  capacity?: Record<string, unknown>;
  [k: string]: unknown;
}

export interface Holiday {
  name: string;
  first: string;
  last: string;
}

export interface WorkCalendar {
  year: number;
  working_days: number;
  holidays: Holiday[];
  working_dates: string[];
}

export interface Commitment {
  id: number;
  year: number;
  commitment: string;
  committed_at: number;
}

export interface Capacity {
  inspections: number;
  computed_inspections: number;
  overridden: boolean;
  deterministic: number;
  random: number;
  special: number;
  leader_led: number;
  community_screening: number;
  deterministic_percent: number;
  random_percent: number;
  enforcement_staff: number;
  total_workdays: number;
  other_enforcement_workdays: number;
  non_enforcement_workdays: number;
  inspection_workdays: number;
  key_workdays: number;
  general_workdays: number;
  person_days_per_inspection: number;
  steps: string[];
}

export interface PlanSummary {
  capacity?: number;
  deterministic?: number;
  random?: number;
  special?: number;
  leader_led?: number;
  community_screening?: number;
  items: number;
  units_total: number;
  units_planned: number;
  shortfall: number;
  not_planned: number;
  items_per_month?: number[];
  max_load?: number;
  min_load?: number;
  key_units?: number;
}

export interface ShortfallEntry {
  unit_credit_code: string;
  unit_name: string;
  rule: string;
  kind: PlanKind | string;
  required: number;
  planned: number;
  reason: string;
}

export interface PlanItem {
  seq: number;
  /** Stable across revisions ("{code}/{rule}/{occurrence}", additions "{code}/{rule}/r{rev}-{n}"). */
  key: string;
  unit_credit_code: string;
  unit_name: string;
  kind: PlanKind;
  kind_label: string;
  rule: string;
  also_rules: string[];
  date: string;
  slot: number;
  inspectors: string[];
  leader: string;
  community: string;
  grid: string;
  occurrence: number;
  occurrences: number;
  key_period: boolean;
  note: string;
}

export interface AdjustmentRequest {
  version?: number;
  reason: string;
  decided_on?: string;
  declared_major?: boolean;
  remove?: number[];
  move?: { seq: number; date: string; slot: number }[];
  add?: { unit_credit_code: string; kind: string; date: string; slot: number; inspectors: string[]; note?: string; rule?: string }[];
}

export interface AdjustmentDiff {
  major: boolean;
  major_reasons: string[];
  reapproval_due: string;
  units_original: number;
  units_after: number;
  added: PlanItem[];
  removed: PlanItem[];
  moved: { before: PlanItem; after: PlanItem }[];
}

export interface PlanRecord {
  plan_id: number;
  root_id: number;
  revision: number;
  year: number;
  title: string;
  policy: string;
  status: PlanStatus;
  status_label: string;
  allowed_actions: { action: PlanAction; label: string }[];
  seed: string;
  seed_commitment: string;
  committed_at: number;
  created_at?: number;
  updated_at?: number;
  input_hash: string;
  reapproval_due: string;
  version: number;
  summary: PlanSummary;
  adjustment: { request: AdjustmentRequest; diff: AdjustmentDiff } | null;
}

export interface DrawRecord {
  rule: string;
  title: string;
  pool_size: number;
  eligible: number;
  required: number;
  drawn: number;
  ratio: number;
  drawn_codes: string[];
}

export interface LoadEntry {
  employee_no: string;
  name: string;
  items: number;
  leader_items: number;
}

export interface LeaderQuotaStatus {
  employee_no: string;
  name: string;
  rule: string;
  required: number;
  planned: number;
  met: boolean;
}

export interface PlanEvent {
  at: number;
  user_id: number;
  action: string;
  from_status: string;
  to_status: string;
  note: string;
}

export interface PlanDetail extends PlanRecord {
  capacity: Capacity;
  shortfall: ShortfallEntry[];
  draws: DrawRecord[];
  loads: LoadEntry[];
  leader_quotas: LeaderQuotaStatus[];
  warnings: string[];
  authority: string;
  events: PlanEvent[];
}

export interface PreviewResult {
  capacity: Capacity;
  summary: PlanSummary;
  shortfall: ShortfallEntry[];
  warnings: string[];
  policy: Policy;
  working_days: number;
}

export interface NotPlannedEntry {
  unit_credit_code: string;
  unit_name: string;
  reason: string;
}

export interface Explanation {
  unit_credit_code: string;
  unit_name: string;
  community: string;
  level: string;
  risk: string;
  is_key: boolean;
  planned: boolean;
  items: PlanItem[];
  rules: { id: string; title: string; basis: string }[];
  reason: string;
  shortfall?: ShortfallEntry[] | ShortfallEntry | null;
}

export interface VerifyResult {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

/** Policy source for preview/compile: a preset name or an edited policy object. */
export interface PolicyChoice {
  policy?: string;
  policy_json?: Record<string, unknown>;
}

export interface ItemQuery {
  month?: number | '';
  kind?: string;
  inspector?: string;
  unit?: string;
  community?: string;
  from?: string;
  to?: string;
  page?: number;
  page_size?: number;
}

/** The server's largest page (page_size=all is rejected, see the report). */
export const MAX_PAGE_SIZE = 200;

const base = '/api/v1';

export const planApi = {
  policies: () => http.get<{ items: PolicyListItem[] }>(`${base}/policies`),
  policy: (name: string) => http.get<Policy>(`${base}/policies/${encodeURIComponent(name)}`),
  calendar: (year: number) => http.get<WorkCalendar>(`${base}/calendar/${year}`),
  commit: (year: number, commitment: string) => http.post<Commitment>(`${base}/plans/commitments`, { year, commitment }),
  preview: (body: { year: number; capacity?: number } & PolicyChoice) => http.post<PreviewResult>(`${base}/plans/preview`, body),
  compile: (body: { year: number; seed: string; commitment_id?: number; capacity?: number } & PolicyChoice) =>
    http.post<PlanRecord>(`${base}/plans`, body),
  list: (year?: number | null) => http.get<{ items: PlanRecord[] }>(`${base}/plans`, { year: year ?? undefined }),
  get: (id: number) => http.get<PlanDetail>(`${base}/plans/${id}`),
  items: (id: number, q: ItemQuery) => http.get<Page<PlanItem>>(`${base}/plans/${id}/items`, { ...q }),
  notPlanned: (id: number, q: string, page: number) =>
    http.get<Page<NotPlannedEntry>>(`${base}/plans/${id}/not-planned`, { q, page }),
  explain: (id: number, unit: string) => http.get<Explanation>(`${base}/plans/${id}/explain`, { unit }),
  verify: (id: number) => http.post<VerifyResult>(`${base}/plans/${id}/verify`),
  transition: (id: number, action: PlanAction, version: number, note = '') =>
    http.post<PlanRecord>(`${base}/plans/${id}/transitions`, { action, version, note }),
  adjust: (id: number, body: AdjustmentRequest) => http.post<PlanRecord>(`${base}/plans/${id}/adjustments`, body),
  revisions: (id: number) => http.get<{ items: PlanRecord[] }>(`${base}/plans/${id}/revisions`),
  exportPath: (id: number, file: 'plan.pdf' | 'items.xlsx' | 'plan.json') => `${base}/plans/${id}/export/${file}`,

  /**
   * Every item matching `q`: the first page tells the total, the rest are
   * fetched a few at a time.
   */
  async allItems(id: number, q: Omit<ItemQuery, 'page' | 'page_size'>): Promise<PlanItem[]> {
    const first = await planApi.items(id, { ...q, page: 1, page_size: MAX_PAGE_SIZE });
    const pages = Math.ceil(first.total / MAX_PAGE_SIZE);
    const out = [...first.items];
    const rest = Array.from({ length: Math.max(0, pages - 1) }, (_, i) => i + 2);
    const batch = 4;
    for (let i = 0; i < rest.length; i += batch) {
      const got = await Promise.all(rest.slice(i, i + batch).map((p) => planApi.items(id, { ...q, page: p, page_size: MAX_PAGE_SIZE })));
      for (const g of got) out.push(...g.items);
    }
    return out;
  },
};
