// Pure helpers of the annual-plan pages: seed and commitment hashing, the
// month grid of the plan calendar, labels of rules and kinds, and the
// role check for plan actions. No Vue, no DOM: unit-tested in tests/unit.
import type { Action } from '../api/types';
import { CATEGORIES, INSPECTOR_ROLES, levelLabel, riskLabel } from './format';

// ---------------------------------------------------------------- hex, seed, SHA-256

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

type RandomFill = (a: Uint8Array<ArrayBuffer>) => Uint8Array;

/**
 * A fresh random seed as lowercase hex (`bytes` random bytes, default 32 →
 * 64 hex characters). Uses crypto.getRandomValues, which browsers provide
 * even on plain-http pages.
 */
export function generateSeed(bytes = 32, fill: RandomFill = (a) => globalThis.crypto.getRandomValues(a)): string {
  if (!Number.isInteger(bytes) || bytes < 4) throw new Error('seed must have at least 4 bytes');
  return bytesToHex(fill(new Uint8Array(bytes)));
}

/** The server accepts seeds of at least 8 characters. */
export const MIN_SEED_LENGTH = 8;

export function isValidSeed(seed: string): boolean {
  return seed.trim().length >= MIN_SEED_LENGTH && seed.trim() === seed;
}

export function isSha256Hex(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s);
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * SHA-256 in plain TypeScript. Used when crypto.subtle is missing: browsers
 * only expose it in secure contexts, and the server is often reached over
 * plain http on an office LAN.
 */
export function sha256Bytes(data: Uint8Array): Uint8Array {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const bitLen = data.length * 8;
  const padded = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15], b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  const out = new Uint8Array(32);
  const ov = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) ov.setUint32(i * 4, h[i]);
  return out;
}

/**
 * Lowercase hex SHA-256 of the UTF-8 text: crypto.subtle.digest when the page
 * has it, the TypeScript fallback otherwise (same result).
 */
export async function sha256Hex(text: string, subtle: SubtleCrypto | undefined = globalThis.crypto?.subtle): Promise<string> {
  const data = new TextEncoder().encode(text);
  if (subtle && typeof subtle.digest === 'function') {
    return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', data)));
  }
  return bytesToHex(sha256Bytes(data));
}

// ---------------------------------------------------------------- kinds, statuses, roles

export interface KindMeta {
  code: string;
  label: string;
  short: string;
  color: string;
}

/** Colour and label of each kind of plan item (labels as the server sends them). */
export const KINDS: readonly KindMeta[] = [
  { code: 'deterministic', label: '确定性检查', short: '确定', color: '#1a62bd' },
  { code: 'random', label: '随机抽查', short: '随机', color: '#8e44ad' },
  { code: 'special', label: '专项检查', short: '专项', color: '#9a5200' },
  { code: 'leader_led', label: '领导带队检查', short: '带队', color: '#b03020' },
  { code: 'community_screening', label: '社区排查', short: '排查', color: '#0d7560' },
];

export function kindMeta(code: string): KindMeta {
  return KINDS.find((k) => k.code === code) ?? { code, label: code, short: code, color: '#5b6674' };
}

const STATUS_TYPES: Record<string, 'info' | 'warning' | 'success' | 'primary' | 'danger'> = {
  draft: 'info', submitted: 'warning', approved: 'success', in_force: 'primary', reapproval_required: 'danger',
  superseded: 'info',
};

const STATUS_LABELS: Record<string, string> = {
  draft: '草稿', submitted: '已报批', approved: '已批准', in_force: '执行中', reapproval_required: '待重新报批',
  superseded: '已被新版本取代',
};

/** Chinese label of a status code (events carry codes only). */
export function planStatusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

/** Element Plus tag type for a plan status. */
export function statusType(status: string): 'info' | 'warning' | 'success' | 'primary' | 'danger' {
  return STATUS_TYPES[status] ?? 'info';
}

/** What the account needs (GET /auth/me allowed_actions) to run a lifecycle action of a plan: 报批 is the
 * compiler's, 批准 / 退回 / 发布施行 the leader's. An unknown action needs what nobody has. */
const LIFECYCLE_NEEDS: Record<string, Action> = {
  submit: 'compile_plan',
  approve: 'approve_plan',
  reject: 'approve_plan',
  enact: 'approve_plan',
};

export function lifecycleNeeds(action: string): Action | undefined {
  return LIFECYCLE_NEEDS[action];
}

/** Adjustments are refused while a plan waits for approval and for old revisions. */
export function statusAllowsAdjustment(status: string): boolean {
  return status !== 'submitted' && status !== 'superseded';
}

// ---------------------------------------------------------------- figures

/** a / (a + b) as a percentage with one decimal (0 when both are 0). */
export function share(a: number, b: number): number {
  const total = a + b;
  return total > 0 ? Math.round((a / total) * 1000) / 10 : 0;
}

/**
 * Splits a server message that lists several problems ("计划调整有误：甲；乙；丙")
 * into its items; a single message comes back as a one-element list.
 */
export function splitProblems(message: string): string[] {
  const colon = message.indexOf('：');
  const body = colon >= 0 && colon < 20 && message.includes('；') ? message.slice(colon + 1) : message;
  return body.split('；').map((s) => s.trim()).filter(Boolean);
}

// ---------------------------------------------------------------- rule wording

const PERIODS: Record<string, string> = {
  day: '每天', week: '每周', month: '每月', quarter: '每季度', half_year: '每半年', year: '每年', two_years: '每两年',
};

export function periodLabel(period: string): string {
  return PERIODS[period] ?? period;
}

/** "每年 1 次" */
export function frequencyText(count: number, period: string): string {
  return `${periodLabel(period)} ${count} 次`;
}

const EXECUTORS: Record<string, string> = {
  street_team: '街道检查组', community: '社区（村）', grid: '网格员', leader: '领导带队',
};

export function executorLabel(code: string): string {
  return EXECUTORS[code] ?? code;
}

export function roleLabel(code: string): string {
  return INSPECTOR_ROLES.find((r) => r.code === code)?.label ?? code;
}

/** Readable scope of a selector: "一级、二级 · 重点单位 · 危险化学品". Empty selector → "全部单位". */
export function selectorText(sel: Record<string, unknown> | null | undefined): string {
  if (!sel) return '全部单位';
  const parts: string[] = [];
  const levels = sel.levels as string[] | undefined;
  if (levels?.length) parts.push(levels.map((l) => levelLabel(l)).join('、'));
  const risks = sel.risks as string[] | undefined;
  if (risks?.length) parts.push(`${risks.map((r) => riskLabel(r)).join('、')}色风险`);
  if (sel.key === true) parts.push('重点单位');
  if (sel.key === false) parts.push('一般单位');
  const cats = sel.categories as string[] | undefined;
  if (cats?.length) parts.push(cats.map((c) => CATEGORIES.find((x) => x.code === c)?.label ?? c).join('、'));
  return parts.length ? parts.join(' · ') : '全部单位';
}

// ---------------------------------------------------------------- calendar

/** 0 = Monday … 6 = Sunday, for a YYYY-MM-DD date (calendar arithmetic in UTC). */
export function weekdayOf(date: string): number {
  const d = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)));
  return (d.getUTCDay() + 6) % 7;
}

function isoDate(y: number, m0: number, d: number): string {
  const dt = new Date(Date.UTC(y, m0, d));
  return dt.toISOString().slice(0, 10);
}

export interface CalendarSource {
  working_dates?: readonly string[] | ReadonlySet<string>;
  holidays?: readonly { name: string; first: string; last: string }[];
}

export interface DayItem {
  date: string;
  kind: string;
}

export interface DayCell<T extends DayItem = DayItem> {
  date: string;
  day: number;
  inMonth: boolean;
  weekday: number;
  weekend: boolean;
  /** Name of the public holiday covering the date, '' if none. */
  holiday: string;
  /** A working day by the official calendar (weekends can be make-up working days). */
  working: boolean;
  /** Weekend day that is a working day (调休上班). */
  makeup: boolean;
  items: T[];
  counts: Record<string, number>;
  total: number;
}

/**
 * Month grid (weeks Monday-first) of `month` (1–12): days of the adjacent
 * months fill the first and last week, every item is placed on its date, and
 * each day is marked weekend / holiday / working from the calendar. Without a
 * calendar, Monday to Friday are working days.
 */
export function buildMonthGrid<T extends DayItem>(
  year: number, month: number, cal: CalendarSource | null | undefined, items: readonly T[] = [],
): DayCell<T>[][] {
  const working = cal?.working_dates
    ? (cal.working_dates instanceof Set ? cal.working_dates : new Set(cal.working_dates as readonly string[]))
    : null;
  const holidays = cal?.holidays ?? [];
  const byDate = new Map<string, T[]>();
  for (const it of items) {
    const list = byDate.get(it.date);
    if (list) list.push(it);
    else byDate.set(it.date, [it]);
  }
  const first = isoDate(year, month - 1, 1);
  const lead = weekdayOf(first);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells = Math.ceil((lead + daysInMonth) / 7) * 7;
  const weeks: DayCell<T>[][] = [];
  for (let i = 0; i < cells; i++) {
    const date = isoDate(year, month - 1, 1 - lead + i);
    const weekday = i % 7;
    const weekend = weekday >= 5;
    const holiday = holidays.find((h) => h.first <= date && date <= h.last)?.name ?? '';
    const isWorking = working ? working.has(date) : !weekend && !holiday;
    const dayItems = byDate.get(date) ?? [];
    const counts: Record<string, number> = {};
    for (const it of dayItems) counts[it.kind] = (counts[it.kind] ?? 0) + 1;
    const cell: DayCell<T> = {
      date, day: +date.slice(8, 10), inMonth: +date.slice(5, 7) === month && +date.slice(0, 4) === year,
      weekday, weekend, holiday, working: isWorking, makeup: weekend && isWorking, items: dayItems, counts,
      total: dayItems.length,
    };
    if (weekday === 0) weeks.push([]);
    weeks[weeks.length - 1].push(cell);
  }
  return weeks;
}

/** First and last date of a month, for the items `from`/`to` filter. */
export function monthRange(year: number, month: number): { from: string; to: string } {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { from: isoDate(year, month - 1, 1), to: isoDate(year, month - 1, last) };
}

/** Items grouped by date, dates ascending, each day's items by slot then seq. */
export function groupByDate<T extends { date: string; slot: number; seq: number }>(items: readonly T[]): { date: string; items: T[] }[] {
  const map = new Map<string, T[]>();
  for (const it of items) {
    const l = map.get(it.date);
    if (l) l.push(it);
    else map.set(it.date, [it]);
  }
  return [...map.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([date, list]) => ({ date, items: list.sort((a, b) => a.slot - b.slot || a.seq - b.seq) }));
}

export const SLOTS = ['上午', '下午'] as const;

export function slotLabel(slot: number): string {
  return SLOTS[slot] ?? String(slot);
}

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** "3月2日 周一" */
export function dateLabel(date: string): string {
  return `${+date.slice(5, 7)}月${+date.slice(8, 10)}日 周${WEEKDAYS[weekdayOf(date)]}`;
}

export const WEEKDAY_HEADERS = WEEKDAYS;
