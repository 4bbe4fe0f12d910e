// Pure model of an on-site inspection (现场检查) as the phone form edits it:
// the draft kept per task until the server confirms it, the client-side
// validation (the same rules as docs/inspections.md, each problem naming the
// item and the step it is on), the request body built from the draft, and
// the labels and date helpers of the task list. No Vue, no DOM.
import type {
  AttestationMethod, Checklist, ChecklistItem, FindingGrade, FindingMeasure, InspectorSignatureBody, ItemResult, OnSitePerson,
  PenaltyType, RecordBody, RecordCreated, Task,
} from '../api/inspections';
import type { Lang } from './format';
import { enumLabel, type EnumGroup } from './enums';

// ---------------------------------------------------------------- labels

/** A coded value whose label is the message `enum.<group>.<code>` (lib/enums.ts). */
interface Labelled<C extends string = string> {
  code: C;
  group: EnumGroup;
}

export const TASK_KINDS: readonly Labelled[] = [
  { code: 'planned', group: 'taskKind' },
  { code: 'special', group: 'taskKind' },
  { code: 'joint', group: 'taskKind' },
  { code: 'covert', group: 'taskKind' },
  { code: 'complaint', group: 'taskKind' },
  { code: 'reinspection', group: 'taskKind' },
  { code: 'leader_led', group: 'taskKind' },
];

/** Kinds an ad hoc task may have (planned ones come from a plan). */
export const AD_HOC_KINDS = TASK_KINDS.filter((k) => k.code !== 'planned');

export const RESULTS: readonly Labelled<ItemResult>[] = [
  { code: 'conform', group: 'result' },
  { code: 'nonconform', group: 'result' },
  { code: 'not_applicable', group: 'result' },
];

export const MEASURES: readonly Labelled<FindingMeasure>[] = [
  { code: 'immediate', group: 'measure' },
  { code: 'rectify', group: 'measure' },
  { code: 'on_site', group: 'measure' },
];

export const PENALTIES: readonly Labelled<PenaltyType>[] = [
  { code: 'warning', group: 'penalty' },
  { code: 'order_correct', group: 'penalty' },
  { code: 'fine', group: 'penalty' },
  { code: 'suspend', group: 'penalty' },
];

export const HALF_DAYS: readonly Labelled[] = [
  { code: 'am', group: 'halfDay' },
  { code: 'pm', group: 'halfDay' },
];

export const DOCUMENT_TYPES: readonly Labelled[] = [
  { code: 'inspection_record', group: 'documentType' },
  { code: 'rectification_order', group: 'documentType' },
  { code: 'on_site_measures', group: 'documentType' },
  { code: 'reinspection_opinion', group: 'documentType' },
  { code: 'penalty_notice', group: 'documentType' },
  { code: 'penalty_decision', group: 'documentType' },
];

export function labelOf(table: readonly Labelled[], code: string | null | undefined, lang: Lang = 'zh-CN'): string {
  const m = table.find((x) => x.code === code);
  if (!m) return code ?? '';
  return enumLabel(m.group, m.code, lang);
}

// ---------------------------------------------------------------- Beijing dates

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** YYYY-MM-DD in Beijing time (the server's calendar), whatever the device's zone. */
export function beijingDate(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DDTHH:MM in Beijing time. */
export function beijingLocalTime(now: Date = new Date()): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

function shiftDate(date: string, days: number): string {
  const d = new Date(Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10) + days));
  return d.toISOString().slice(0, 10);
}

/** Monday and Sunday of the week holding `date` (YYYY-MM-DD). */
export function weekRange(date: string): { from: string; to: string } {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  const back = (dow + 6) % 7;
  const from = shiftDate(date, -back);
  return { from, to: shiftDate(from, 6) };
}

export type TaskRange = 'today' | 'week' | 'all';

/** from/to of the task list's tabs (all: no bounds). */
export function rangeFor(range: TaskRange, today: string): { from?: string; to?: string } {
  if (range === 'today') return { from: today, to: today };
  if (range === 'week') return weekRange(today);
  return {};
}

export { shiftDate as addDays };

// ---------------------------------------------------------------- draft

export type PhotoStatus = 'pending' | 'uploading' | 'done' | 'error';

/** A photo taken in the form: its bytes stay in the draft until the server holds them. */
export interface PhotoEntry {
  id: string;
  name: string;
  /** small JPEG data URL for the thumbnail (kept) */
  thumb: string;
  /** the downscaled photo as a data URL until uploaded, then null */
  data: string | null;
  sha: string | null;
  /** EXIF time of the original photo, sent with the upload (the downscaled copy has no EXIF) */
  takenAt?: string | null;
  status: PhotoStatus;
  error?: string;
}

export interface ResultDraft {
  result: ItemResult | '';
  note: string;
  photos: PhotoEntry[];
}

export interface FindingDraft {
  key: string;
  item_code: string;
  description: string;
  grade: FindingGrade;
  legal_basis: string;
  measure: FindingMeasure;
  deadline: string;
  on_site_decision: string;
}

export interface PenaltyDraft {
  key: string;
  type: PenaltyType;
  amount_yuan: number | null;
  legal_basis: string;
  facts: string;
}

export type SubmissionState = 'editing' | 'submitting' | 'failed' | 'done';

/**
 * The signature another team member made for this task (an attestation on the server), as the
 * draft keeps it: which one to name in the record and what to show. Never a password or a code.
 */
export interface AttestationChoice {
  id: number;
  method: AttestationMethod | string;
  method_label: string;
  username: string;
  /** unix seconds */
  created_at: number;
  /** the PNG drawn on this device, for display only (absent when the member signed in their own session) */
  thumb?: string;
}

export interface InspectionDraft {
  format: typeof DRAFT_FORMAT;
  taskId: number;
  /** Sent as Idempotency-Key with every attempt of this draft's submission. */
  idempotencyKey: string;
  createdAt: number;
  updatedAt: number;
  step: number;
  task: Task;
  checklist: Checklist;
  basics: {
    started_at: string;
    ended_at: string;
    place: string;
    purpose: string;
    on_site_person: OnSitePerson;
  };
  results: Record<string, ResultDraft>;
  findings: FindingDraft[];
  penalties: PenaltyDraft[];
  case_filed: boolean;
  handling: string;
  signatures: {
    /** inspector id → PNG data URL: the submitting account's own member only (the server takes no other) */
    inspectors: Record<string, string>;
    /** inspector id → the attestation of every other team member */
    attestations: Record<string, AttestationChoice>;
    on_site: string;
    refused: boolean;
    refusal: { reason: string; witness_name: string; witness_png: string };
  };
  submission: {
    state: SubmissionState;
    attempts: number;
    error: string;
    answer: RecordCreated | null;
  };
}

export const DRAFT_FORMAT = 1 as const;
export const STEPS = ['basics', 'checklist', 'findings', 'signatures', 'submit'] as const;
export type StepName = (typeof STEPS)[number];

/** A fresh UUID for the draft's Idempotency-Key (crypto.randomUUID where present). */
export function newKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let localSeq = 0;
export function localId(prefix = 'l'): string {
  localSeq += 1;
  return `${prefix}${Date.now().toString(36)}${localSeq.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Default purpose of the record by task kind. */
export function defaultPurpose(task: Pick<Task, 'kind' | 'kind_label'>): string {
  const label = task.kind_label || labelOf(TASK_KINDS, task.kind);
  return label ? `${label}：安全生产监督检查` : '安全生产监督检查';
}

export function createDraft(task: Task, checklist: Checklist, now: Date = new Date(), key: string = newKey()): InspectionDraft {
  const results: Record<string, ResultDraft> = {};
  for (const item of checklist.items) results[item.code] = { result: '', note: '', photos: [] };
  const start = beijingLocalTime(now);
  return {
    format: DRAFT_FORMAT,
    taskId: task.id,
    idempotencyKey: key,
    createdAt: now.getTime(),
    updatedAt: now.getTime(),
    step: 0,
    task,
    checklist,
    basics: {
      started_at: start,
      ended_at: '',
      place: '',
      purpose: defaultPurpose(task),
      on_site_person: { name: '', post: '', phone: '' },
    },
    results,
    findings: [],
    penalties: [],
    case_filed: false,
    handling: '',
    signatures: {
      inspectors: {},
      attestations: {},
      on_site: '',
      refused: false,
      refusal: { reason: '', witness_name: '', witness_png: '' },
    },
    submission: { state: 'editing', attempts: 0, error: '', answer: null },
  };
}

/**
 * Brings a draft restored from the device up to date: drafts of earlier versions have no
 * attestations, and held every member's PNG, which the server no longer takes for anyone but the
 * submitter (`me`): those are dropped from the device. Mutates and returns the draft.
 */
export function normaliseDraft(d: InspectionDraft, me: number | null | undefined): InspectionDraft {
  const s = d.signatures;
  s.attestations ??= {};
  for (const id of Object.keys(s.inspectors)) if (me == null || id !== String(me)) delete s.inspectors[id];
  return d;
}

/** Whether the inspector `me` (the signed-in account's roster person) is in the task's team. */
export function inTeam(task: Pick<Task, 'team'>, me: number | null | undefined): boolean {
  return me != null && task.team.some((m) => m.inspector_id === me);
}

/** The inspection day: the date part of started_at, else the scheduled day. */
export function inspectionDay(d: Pick<InspectionDraft, 'basics' | 'task'>): string {
  return d.basics.started_at.slice(0, 10) || d.task.scheduled_on;
}

export const DEFAULT_RECTIFY_DAYS = 15;

function newFinding(item: ChecklistItem, result: ResultDraft, day: string): FindingDraft {
  return {
    key: localId('f'),
    item_code: item.code,
    description: result.note.trim(),
    grade: 'general',
    legal_basis: item.legal_basis ?? '',
    measure: 'rectify',
    deadline: shiftDate(day, DEFAULT_RECTIFY_DAYS),
    on_site_decision: '',
  };
}

/**
 * Keeps one finding at least per nonconforming item (prefilled with the
 * item's legal basis and note) and drops the findings of items that are no
 * longer nonconforming. Findings are ordered like the checklist. Mutates and
 * returns the draft.
 */
export function syncFindings(d: InspectionDraft): InspectionDraft {
  const day = inspectionDay(d);
  const order = new Map(d.checklist.items.map((it, i) => [it.code, i]));
  const nonconform = new Set(d.checklist.items.filter((it) => d.results[it.code]?.result === 'nonconform').map((it) => it.code));
  const kept = d.findings.filter((f) => nonconform.has(f.item_code));
  for (const item of d.checklist.items) {
    if (!nonconform.has(item.code)) continue;
    if (!kept.some((f) => f.item_code === item.code)) kept.push(newFinding(item, d.results[item.code], day));
  }
  kept.sort((a, b) => (order.get(a.item_code) ?? 0) - (order.get(b.item_code) ?? 0));
  d.findings = kept;
  return d;
}

/** Adds another finding for the same item (a nonconforming item may have several). */
export function addFinding(d: InspectionDraft, itemCode: string): FindingDraft | undefined {
  const item = d.checklist.items.find((it) => it.code === itemCode);
  if (!item) return undefined;
  const f = { ...newFinding(item, d.results[itemCode] ?? { result: '', note: '', photos: [] }, inspectionDay(d)), description: '' };
  const last = d.findings.map((x) => x.item_code).lastIndexOf(itemCode);
  d.findings.splice(last + 1, 0, f);
  return f;
}

export function newPenalty(type: PenaltyType = 'order_correct'): PenaltyDraft {
  return { key: localId('p'), type, amount_yuan: null, legal_basis: '', facts: '' };
}

/** Every photo of the draft (results only: findings carry their item's photos). */
export function allPhotos(d: Pick<InspectionDraft, 'results'>): PhotoEntry[] {
  return Object.values(d.results).flatMap((r) => r.photos);
}

export function progress(d: Pick<InspectionDraft, 'checklist' | 'results'>): { answered: number; total: number; nonconform: number } {
  let answered = 0;
  let nonconform = 0;
  for (const it of d.checklist.items) {
    const r = d.results[it.code]?.result;
    if (r) answered += 1;
    if (r === 'nonconform') nonconform += 1;
  }
  return { answered, total: d.checklist.items.length, nonconform };
}

// ---------------------------------------------------------------- validation

export interface Problem {
  /** index in STEPS */
  step: number;
  /** message key under inspection.v */
  key: string;
  params: Record<string, string | number>;
  /** what to scroll to: an item code, a finding key, a penalty key, a signer */
  target?: string;
}

const DATA_PNG = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

export function isPngDataUrl(value: string | null | undefined): boolean {
  return !!value && DATA_PNG.test(value) && value.length > 'data:image/png;base64,'.length + 8;
}

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * Every reason the server would refuse the draft, in form order. Empty when
 * the draft can be submitted. Mirrors the rules of POST /tasks/{id}/records.
 * `me` is the submitting account's inspector id: that member signs with a PNG
 * here, every other member with an attestation of their own.
 */
export function validateDraft(d: InspectionDraft, me: number | null | undefined): Problem[] {
  const out: Problem[] = [];
  const p = (step: StepName, key: string, params: Record<string, string | number> = {}, target?: string) =>
    out.push({ step: STEPS.indexOf(step), key, params, target });

  const b = d.basics;
  if (!TIME.test(b.started_at)) p('basics', 'startedRequired', {}, 'started_at');
  if (!TIME.test(b.ended_at)) p('basics', 'endedRequired', {}, 'ended_at');
  else if (TIME.test(b.started_at) && b.ended_at <= b.started_at) p('basics', 'endedBeforeStart', {}, 'ended_at');
  if (!b.place.trim()) p('basics', 'placeRequired', {}, 'place');
  if (!b.purpose.trim()) p('basics', 'purposeRequired', {}, 'purpose');
  if (!b.on_site_person.name.trim()) p('basics', 'personRequired', {}, 'person');

  for (const item of d.checklist.items) {
    const r = d.results[item.code];
    if (!r || !r.result) p('checklist', 'unanswered', { code: item.code }, item.code);
    else if (r.result === 'nonconform' && !r.note.trim()) p('checklist', 'noteRequired', { code: item.code }, item.code);
  }

  const day = inspectionDay(d);
  for (const item of d.checklist.items) {
    if (d.results[item.code]?.result !== 'nonconform') continue;
    if (!d.findings.some((f) => f.item_code === item.code)) p('findings', 'findingMissing', { code: item.code }, item.code);
  }
  for (const f of d.findings) {
    const code = f.item_code;
    const note = d.results[code]?.note ?? '';
    if (!f.description.trim() && !note.trim()) p('findings', 'findingDescription', { code }, f.key);
    if (!f.legal_basis.trim()) p('findings', 'findingBasis', { code }, f.key);
    if (f.measure === 'rectify') {
      if (!f.deadline) p('findings', 'deadlineRequired', { code }, f.key);
      else if (f.deadline <= day) p('findings', 'deadlineAfter', { code, day }, f.key);
    }
    if (f.measure === 'on_site' && !f.on_site_decision.trim()) p('findings', 'decisionRequired', { code }, f.key);
  }
  d.penalties.forEach((pen, i) => {
    const n = i + 1;
    if (pen.type === 'fine' && !(typeof pen.amount_yuan === 'number' && pen.amount_yuan > 0)) {
      p('findings', 'fineAmount', { n }, pen.key);
    }
    if (!pen.legal_basis.trim()) p('findings', 'penaltyBasis', { n }, pen.key);
  });

  if (!inTeam(d.task, me)) p('signatures', 'notInTeam', {}, 'team');
  for (const m of d.task.team) {
    const target = `inspector-${m.inspector_id}`;
    if (m.inspector_id === me) {
      if (!isPngDataUrl(d.signatures.inspectors[String(m.inspector_id)])) p('signatures', 'inspectorSignature', { name: m.name }, target);
    } else if (!(d.signatures.attestations?.[String(m.inspector_id)]?.id > 0)) {
      p('signatures', 'inspectorAttestation', { name: m.name }, target);
    }
  }
  if (d.signatures.refused) {
    const r = d.signatures.refusal;
    if (!r.reason.trim()) p('signatures', 'refusalReason', {}, 'refusal');
    if (!r.witness_name.trim()) p('signatures', 'witnessName', {}, 'refusal');
    if (!isPngDataUrl(r.witness_png)) p('signatures', 'witnessSignature', {}, 'refusal');
  } else if (!isPngDataUrl(d.signatures.on_site)) {
    p('signatures', 'onSiteSignature', {}, 'on-site');
  }
  return out;
}

/** Problems of one step only (the form checks a step before moving on). */
export function problemsOfStep(d: InspectionDraft, step: number, me: number | null | undefined): Problem[] {
  return validateDraft(d, me).filter((x) => x.step === step);
}

// ---------------------------------------------------------------- request body

/** The record's signature of each team member: the PNG of `me`, the attestation of every other member. */
export function inspectorSignatures(d: Pick<InspectionDraft, 'task' | 'signatures'>, me: number | null | undefined): InspectorSignatureBody[] {
  const s = d.signatures;
  return d.task.team.map((m) => {
    const id = String(m.inspector_id);
    if (m.inspector_id === me) return { inspector_id: m.inspector_id, png: s.inspectors[id] ?? '' };
    return { inspector_id: m.inspector_id, attestation_id: s.attestations?.[id]?.id ?? 0 };
  });
}

/**
 * The POST /tasks/{id}/records body, sent by the account whose inspector id
 * is `me`. Photos must be uploaded (sha known) first: a photo without a sha
 * is an error here, not silently dropped.
 */
export function buildRecordBody(d: InspectionDraft, me: number | null | undefined): RecordBody {
  const shas = (photos: PhotoEntry[]) =>
    photos.map((ph) => {
      if (!ph.sha) throw new Error(`photo ${ph.name} is not uploaded`);
      return ph.sha;
    });
  const b = d.basics;
  const results = d.checklist.items.map((item) => {
    const r = d.results[item.code];
    return { code: item.code, result: r.result as ItemResult, note: r.note.trim(), photos: shas(r.photos) };
  });
  const findings = d.findings.map((f) => {
    const r = d.results[f.item_code];
    const out: RecordBody['findings'][number] = {
      item_code: f.item_code,
      description: f.description.trim() || (r?.note ?? '').trim(),
      grade: f.grade,
      legal_basis: f.legal_basis.trim(),
      measure: f.measure,
      photos: r ? shas(r.photos) : [],
    };
    if (f.measure === 'rectify') out.deadline = f.deadline;
    if (f.measure === 'on_site') out.on_site_decision = f.on_site_decision.trim();
    return out;
  });
  const penalties = d.penalties.map((pen) => ({
    type: pen.type,
    amount_yuan: pen.type === 'fine' ? Number(pen.amount_yuan) || 0 : 0,
    legal_basis: pen.legal_basis.trim(),
    facts: pen.facts.trim(),
  }));
  const s = d.signatures;
  return {
    started_at: b.started_at,
    ended_at: b.ended_at,
    place: b.place.trim(),
    purpose: b.purpose.trim(),
    on_site_person: { name: b.on_site_person.name.trim(), post: b.on_site_person.post.trim(), phone: b.on_site_person.phone.trim() },
    results,
    findings,
    penalties,
    case_filed: d.case_filed,
    handling: d.handling.trim() || defaultHandling(d),
    signatures: {
      inspectors: inspectorSignatures(d, me),
      on_site_person: s.refused ? null : { png: s.on_site },
      refusal: s.refused
        ? { reason: s.refusal.reason.trim(), witness_name: s.refusal.witness_name.trim(), witness_png: s.refusal.witness_png }
        : null,
    },
  };
}

/** 处理情况 when the inspector wrote none: a sentence from the measures chosen. */
export function defaultHandling(d: Pick<InspectionDraft, 'findings' | 'penalties'>): string {
  if (!d.findings.length && !d.penalties.length) return '未发现问题';
  const parts: string[] = [];
  const n = (m: FindingMeasure) => d.findings.filter((f) => f.measure === m).length;
  if (n('immediate')) parts.push(`${n('immediate')}项问题责令立即整改`);
  if (n('rectify')) parts.push(`${n('rectify')}项问题责令限期整改`);
  if (n('on_site')) parts.push(`${n('on_site')}项问题采取现场处理措施`);
  if (d.penalties.length) parts.push(`拟给予${d.penalties.map((p) => labelOf(PENALTIES, p.type)).join('、')}`);
  return `${parts.join('；')}。`;
}
