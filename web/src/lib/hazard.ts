// Pure helpers of the hazard ledger (隐患台账) and its closed loop
// (检查→处罚→登记→整治→复查→销号→归档): state / grade / action labels, the
// major-hazard closure checklist, deadline colouring and the role checks.
// No Vue, no DOM: unit-tested in tests/unit.
import { daysUntil, ymd, type Lang } from './format';
import { enumLabel } from './enums';

export type TagType = 'info' | 'warning' | 'success' | 'primary' | 'danger';

export interface HazardStateMeta {
  code: string;
  type: TagType;
}

/** The states in the order of the loop. */
export const HAZARD_STATES: readonly HazardStateMeta[] = [
  { code: 'registered', type: 'info' },
  { code: 'rectifying', type: 'warning' },
  { code: 'submitted', type: 'primary' },
  { code: 'review_passed', type: 'success' },
  { code: 'closed', type: 'success' },
  { code: 'archived', type: 'info' },
];

export function hazardStateMeta(code: string | null | undefined): HazardStateMeta | undefined {
  return HAZARD_STATES.find((s) => s.code === code);
}

export function hazardStateLabel(code: string | null | undefined, lang: Lang = 'zh-CN'): string {
  const m = hazardStateMeta(code);
  if (!m) return code ?? '';
  return enumLabel('hazardState', m.code, lang);
}

export function hazardStateType(code: string | null | undefined): TagType {
  return hazardStateMeta(code)?.type ?? 'info';
}

/** Position of a state in the loop (0 = 登记), -1 when unknown. */
export function hazardStateIndex(code: string | null | undefined): number {
  return HAZARD_STATES.findIndex((s) => s.code === code);
}

export const HAZARD_GRADES = [
  { code: 'general' },
  { code: 'major' },
] as const;

export function hazardGradeLabel(code: string | null | undefined, lang: Lang = 'zh-CN', short = false): string {
  const m = HAZARD_GRADES.find((g) => g.code === code);
  if (!m) return code ?? '';
  return enumLabel(short ? 'hazardGradeShort' : 'hazardGrade', m.code, lang);
}

export type ActionInput = 'deadline' | 'supervision' | 'signature' | 'none';

export interface HazardActionMeta {
  code: string;
  /** Extra input the action needs besides the optional note. */
  input: ActionInput;
  /** Button style: the main step of the loop, a refusal, or a side step of a major hazard. */
  kind: 'primary' | 'danger' | 'default';
}

export const HAZARD_ACTIONS: readonly HazardActionMeta[] = [
  { code: 'issue_order', input: 'deadline', kind: 'primary' },
  { code: 'submit_rectification', input: 'none', kind: 'primary' },
  { code: 'review_pass', input: 'none', kind: 'primary' },
  { code: 'review_fail', input: 'deadline', kind: 'danger' },
  { code: 'close', input: 'none', kind: 'primary' },
  { code: 'archive', input: 'none', kind: 'primary' },
  { code: 'list_supervision', input: 'supervision', kind: 'default' },
  { code: 'report_superior', input: 'none', kind: 'default' },
  { code: 'sign', input: 'signature', kind: 'default' },
  { code: 'accept', input: 'none', kind: 'default' },
];

/** Timeline-only action: the registration itself. */
const REGISTER = { code: 'register' };

export function hazardActionMeta(code: string | null | undefined): HazardActionMeta | undefined {
  return HAZARD_ACTIONS.find((a) => a.code === code);
}

/** Label of an action or timeline entry; the server's label (or the code) when unknown. */
export function hazardActionLabel(code: string | null | undefined, lang: Lang = 'zh-CN', serverLabel?: string): string {
  const m = code === REGISTER.code ? REGISTER : hazardActionMeta(code);
  if (!m) return serverLabel || code || '';
  if (lang === 'en') return enumLabel('hazardAction', m.code, lang);
  return serverLabel || enumLabel('hazardAction', m.code, lang);
}

export function actionInput(code: string): ActionInput {
  return hazardActionMeta(code)?.input ?? 'none';
}

export interface SignatureMeta {
  code: 'enterprise_principal' | 'regulator_reviewer' | 'regulator_leader';
  role: string;
}

/** The three signatures on a major hazard's rectification, and who signs each. */
export const SIGNATURES: readonly SignatureMeta[] = [
  { code: 'enterprise_principal', role: 'enterprise' },
  { code: 'regulator_reviewer', role: 'inspector' },
  { code: 'regulator_leader', role: 'leader' },
];

export function signatureLabel(code: string | null | undefined, lang: Lang = 'zh-CN'): string {
  return enumLabel('signature', code, lang);
}

/** The signature a role signs with (its own); undefined for roles that do not sign. */
export function signatureForRole(role: string | null | undefined): SignatureMeta | undefined {
  return SIGNATURES.find((s) => s.role === role);
}

// ---------------------------------------------------------------- closure checklist (major hazards)

export interface ClosureFacts {
  grade: string;
  supervision_level: string;
  supervising_leader: string;
  reported_to_superior: boolean;
  signatures: readonly string[];
  accepted: boolean;
}

export interface ClosureCondition {
  key: string;
  label: string;
  done: boolean;
  /** e.g. "区级 · 张三" for 挂牌督办 */
  detail: string;
}

/**
 * What a major hazard needs before 销号 (the server answers 422 naming the
 * missing ones): 挂牌督办, 上报上级, the three signatures, 验收合格.
 * Empty for general hazards.
 */
export function closureChecklist(h: ClosureFacts, lang: Lang = 'zh-CN'): ClosureCondition[] {
  if (h.grade !== 'major') return [];
  const signed = new Set(h.signatures);
  const listed = !!h.supervision_level;
  return [
    {
      key: 'list_supervision',
      label: enumLabel('closure', 'list_supervision', lang),
      done: listed,
      detail: listed ? [h.supervision_level, h.supervising_leader].filter(Boolean).join(' · ') : '',
    },
    { key: 'report_superior', label: enumLabel('closure', 'report_superior', lang), done: !!h.reported_to_superior, detail: '' },
    ...SIGNATURES.map((s) => ({
      key: `sign_${s.code}`,
      label: enumLabel('closure', 'signed', lang, { f: signatureLabel(s.code, lang) }),
      done: signed.has(s.code),
      detail: '',
    })),
    { key: 'accept', label: enumLabel('closure', 'accept', lang), done: !!h.accepted, detail: '' },
  ];
}

export function closureProgress(list: readonly ClosureCondition[]): { done: number; total: number; complete: boolean } {
  const done = list.filter((c) => c.done).length;
  return { done, total: list.length, complete: done === list.length };
}

// ---------------------------------------------------------------- deadlines

export type DeadlineTone = 'none' | 'overdue' | 'soon' | 'normal' | 'done';

export interface DeadlineFacts {
  deadline: string;
  state: string;
  overdue?: boolean;
  due_soon?: boolean;
}

export const DUE_SOON_DAYS = 3;

/**
 * Colour of a deadline: overdue (red) and soon (orange, ≤ 3 days) only while
 * the enterprise is rectifying; 'done' once it has submitted; 'none' without
 * a deadline. The server's overdue / due_soon flags win (its "today" is China
 * time); without them the state is computed from `today`.
 */
export function deadlineTone(h: DeadlineFacts, today: string = ymd(new Date()), soonDays = DUE_SOON_DAYS): DeadlineTone {
  if (!h.deadline) return 'none';
  if (h.state !== 'rectifying') return 'done';
  if (h.overdue) return 'overdue';
  if (h.due_soon) return 'soon';
  if (h.overdue === false && h.due_soon === false) return 'normal';
  const days = daysUntil(h.deadline, today);
  if (days < 0) return 'overdue';
  if (days <= soonDays) return 'soon';
  return 'normal';
}

/** YYYY-MM-DD `days` calendar days after `date`. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + days));
  return d.toISOString().slice(0, 10);
}

/** Every state with its count (0 when the server left it out) and the total. */
export function normalizeCounts(counts: Record<string, number> | null | undefined): {
  byState: Record<string, number>;
  total: number;
} {
  const byState: Record<string, number> = {};
  let total = 0;
  for (const s of HAZARD_STATES) {
    const n = Number(counts?.[s.code] ?? 0) || 0;
    byState[s.code] = n;
    total += n;
  }
  return { byState, total };
}
