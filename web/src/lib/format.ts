// Display helpers shared by every screen: dates, enum labels, risk colours.
import { enumLabel } from './enums';

export type RiskCode = 'red' | 'orange' | 'yellow' | 'blue';
export type LevelCode = 'level1' | 'level2' | 'level3';
export type Lang = 'zh-CN' | 'en';

export interface RiskMeta {
  code: RiskCode;
  color: string; // background
  text: string; // foreground with enough contrast
}

export const RISKS: readonly RiskMeta[] = [
  { code: 'red', color: '#d9001b', text: '#ffffff' },
  { code: 'orange', color: '#f59a23', text: '#1f1f1f' },
  { code: 'yellow', color: '#e6c619', text: '#1f1f1f' },
  { code: 'blue', color: '#1f6fd1', text: '#ffffff' },
];

const RISK_BY_LABEL: Record<string, RiskCode> = {
  红: 'red', 红色: 'red', 橙: 'orange', 橙色: 'orange', 黄: 'yellow', 黄色: 'yellow', 蓝: 'blue', 蓝色: 'blue',
};

/** Risk meta for a code ("red") or label ("红"); undefined when unknown. */
export function riskMeta(value: string | null | undefined): RiskMeta | undefined {
  if (!value) return undefined;
  const code = (RISK_BY_LABEL[value] ?? value.toLowerCase()) as RiskCode;
  return RISKS.find((r) => r.code === code);
}

export function riskLabel(value: string | null | undefined, lang: Lang = 'zh-CN'): string {
  const m = riskMeta(value);
  if (!m) return value ?? '';
  return enumLabel('risk', m.code, lang);
}

export const LEVELS: readonly { code: LevelCode }[] = [
  { code: 'level1' },
  { code: 'level2' },
  { code: 'level3' },
];

export function levelLabel(code: string | null | undefined, lang: Lang = 'zh-CN'): string {
  const m = LEVELS.find((l) => l.code === code || enumLabel('level', l.code) === code);
  if (!m) return code ?? '';
  return enumLabel('level', m.code, lang);
}

export const STATUSES = [
  { code: 'operating' },
  { code: 'suspended' },
  { code: 'closed' },
] as const;

export function statusLabel(code: string | null | undefined, lang: Lang = 'zh-CN'): string {
  const m = STATUSES.find((s) => s.code === code);
  if (!m) return code ?? '';
  return enumLabel('status', m.code, lang);
}

export const CATEGORIES: readonly { code: string; label: string }[] = [
  { code: 'hazardous_chemicals', label: '危险化学品' },
  { code: 'fireworks', label: '烟花爆竹' },
  { code: 'non_coal_mining', label: '非煤矿山' },
  { code: 'metallurgy', label: '冶金' },
  { code: 'machinery', label: '机械' },
  { code: 'building_materials', label: '建材' },
  { code: 'light_industry', label: '轻工' },
  { code: 'commerce', label: '商贸' },
  { code: 'confined_space', label: '有限空间' },
  { code: 'combustible_dust', label: '粉尘涉爆' },
  { code: 'ammonia_refrigeration', label: '涉氨制冷' },
  { code: 'nine_small_places', label: '九小场所' },
  { code: 'crowded_places', label: '人员密集场所' },
  { code: 'gas', label: '燃气' },
  { code: 'construction', label: '建筑施工' },
  { code: 'other', label: '其他' },
];

export const INSPECTOR_ROLES: readonly { code: string; label: string; leader: boolean }[] = [
  { code: 'principal', label: '主要负责人', leader: true },
  { code: 'safety_leader', label: '分管安全领导', leader: true },
  { code: 'field_leader', label: '分管领导', leader: true },
  { code: 'community_leader', label: '分包社区领导', leader: true },
  { code: 'enforcement_officer', label: '执法人员', leader: false },
  { code: 'community_safety_officer', label: '社区安全员', leader: false },
  { code: 'grid_member', label: '网格员', leader: false },
];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local-calendar YYYY-MM-DD for a Date. */
export function ymd(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * Formats epoch seconds, epoch milliseconds, a Date or an ISO string as
 * YYYY-MM-DD; '' for empty input and the input itself when unparseable.
 */
export function formatDate(value: number | string | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : ymd(value);
  if (typeof value === 'number') {
    const ms = value < 1e11 ? value * 1000 : value; // seconds vs milliseconds
    return ymd(new Date(ms));
  }
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(value.trim());
  if (m) return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : ymd(d);
}

/** YYYY-MM-DD HH:mm for timestamps (history, imports). */
export function formatDateTime(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = typeof value === 'number' ? new Date(value < 1e11 ? value * 1000 : value) : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${ymd(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export type ExpiryState = 'none' | 'expired' | 'soon' | 'valid';

/** Whole days from `today` to `date` (both YYYY-MM-DD, calendar days). */
export function daysUntil(date: string, today: string): number {
  const a = Date.UTC(+today.slice(0, 4), +today.slice(5, 7) - 1, +today.slice(8, 10));
  const b = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

/**
 * Certificate expiry state: expired when the valid-until date is before today
 * (the last valid day still counts), soon when within `soonDays` days.
 */
export function certificateState(
  validUntil: string | null | undefined,
  today: string = ymd(new Date()),
  soonDays = 30,
): ExpiryState {
  if (!validUntil) return 'none';
  const days = daysUntil(formatDate(validUntil), today);
  if (days < 0) return 'expired';
  if (days <= soonDays) return 'soon';
  return 'valid';
}

/** Chinese-style count: 2370 → "2,370". */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n.toLocaleString('en-US');
}
