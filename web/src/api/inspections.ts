// Inspections (检查实施), official documents, uploads, reminders and the
// enterprise side: shapes and calls of docs/inspections.md. Imported only by
// the lazily loaded inspection, record, document and portal pages.
import { http } from './index';
import type { Query } from './client';
import type { Page } from './types';
import type { Hazard } from './hazards';

// ---------------------------------------------------------------- checklists

export interface ChecklistSummary {
  id: string;
  version: number;
  title: string;
  industry: string;
  item_count: number;
}

export interface ChecklistItem {
  code: string;
  text: string;
  legal_basis: string;
  source?: string;
  mandatory?: boolean;
}

export interface Checklist {
  id: string;
  version: number;
  title: string;
  industry: string;
  basis?: string;
  items: ChecklistItem[];
}

// ---------------------------------------------------------------- tasks

export type TaskKind = 'planned' | 'special' | 'joint' | 'covert' | 'complaint' | 'reinspection' | 'leader_led';
export type TaskStatus = 'scheduled' | 'completed' | 'cancelled';
export type HalfDay = 'am' | 'pm' | '';

export interface TeamMember {
  inspector_id: number;
  name: string;
  certificate_no: string;
  certificate_valid: boolean;
}

export interface Task {
  id: number;
  kind: TaskKind | string;
  kind_label: string;
  status: TaskStatus | string;
  status_label: string;
  unit_id: number;
  unit_name: string;
  unit_address: string;
  region_path?: string;
  scheduled_on: string;
  half_day: HalfDay | string | null;
  team: TeamMember[];
  checklist_id: string;
  checklist_version: number;
  plan_id: number | null;
  plan_item_seq: number | null;
  hazard_id: number | null;
  note: string;
  record_id: number | null;
  version: number;
}

export interface TaskDetail extends Task {
  records?: InspectionRecord[];
}

export interface TaskQuery extends Query {
  mine?: number;
  from?: string;
  to?: string;
  status?: string;
  kind?: string;
  unit_id?: number;
  page?: number;
  page_size?: number;
}

export interface CreateTaskRequest {
  kind: TaskKind;
  unit_id: number;
  scheduled_on: string;
  half_day?: HalfDay;
  team: number[];
  checklist_id?: string;
  checklist_version?: number;
  note?: string;
  hazard_id?: number;
}

// ---------------------------------------------------------------- uploads

export interface UploadAnswer {
  sha256: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  taken_at: string | null;
  url: string;
}

// ---------------------------------------------------------------- records

export type ItemResult = 'conform' | 'nonconform' | 'not_applicable';
export type FindingGrade = 'general' | 'major';
export type FindingMeasure = 'immediate' | 'rectify' | 'on_site';
export type PenaltyType = 'warning' | 'order_correct' | 'fine' | 'suspend';

export interface ResultBody {
  code: string;
  result: ItemResult;
  note: string;
  photos: string[];
}

export interface FindingBody {
  item_code: string;
  description: string;
  grade: FindingGrade;
  legal_basis: string;
  measure: FindingMeasure;
  deadline?: string;
  on_site_decision?: string;
  photos: string[];
}

export interface PenaltyBody {
  type: PenaltyType;
  amount_yuan: number;
  legal_basis: string;
  facts: string;
}

/**
 * One team member's signature in a record: the submitting account's own member sends the PNG,
 * every other member an attestation that member made (in their own session, or on this device
 * after proving who they are).
 */
export type InspectorSignatureBody = { inspector_id: number; png: string } | { inspector_id: number; attestation_id: number };

export interface SignaturesBody {
  inspectors: InspectorSignatureBody[];
  on_site_person: { png: string } | null;
  refusal: { reason: string; witness_name: string; witness_png: string } | null;
}

export interface OnSitePerson {
  name: string;
  post: string;
  phone: string;
}

export interface RecordBody {
  started_at: string;
  ended_at: string;
  place: string;
  purpose: string;
  on_site_person: OnSitePerson;
  results: ResultBody[];
  findings: FindingBody[];
  penalties: PenaltyBody[];
  case_filed: boolean;
  handling: string;
  signatures: SignaturesBody;
  reason?: string;
}

export interface DocumentRef {
  id: number;
  type: string;
  type_label: string;
  number: string;
}

export interface OfficialDocument extends DocumentRef {
  unit_id: number;
  unit_name: string;
  record_id: number | null;
  hazard_id: number | null;
  issued_at: number;
  issued_on: string;
  verify_url: string;
}

/** An inspector's signature as stored in a record; the account fields are absent on older records. */
export interface RecordInspectorSignature {
  inspector_id: number;
  name?: string;
  png?: string;
  url?: string;
  attestation_id?: number | null;
  authenticated_user_id?: number | null;
  authenticated_username?: string | null;
  auth_method?: AttestationMethod | string | null;
  auth_method_label?: string | null;
  /** unix seconds */
  authenticated_at?: number | null;
}

/** A stored record: the body as sent plus what the server adds. Fields beyond the contract are optional. */
export interface InspectionRecord extends Partial<Omit<RecordBody, 'signatures'>> {
  id: number;
  task_id?: number;
  unit_id?: number;
  unit_name?: string;
  version?: number;
  supersedes_id?: number | null;
  superseded_by?: number | null;
  created_at?: number;
  created_by?: number;
  checklist_id?: string;
  checklist_version?: number;
  team?: TeamMember[];
  signatures?: {
    inspectors?: RecordInspectorSignature[];
    on_site_person?: { png?: string; url?: string } | null;
    refusal?: { reason: string; witness_name: string; witness_png?: string; url?: string } | null;
  };
  documents?: OfficialDocument[] | DocumentRef[];
  hazards?: number[];
}

export interface RecordDetail extends InspectionRecord {
  versions?: InspectionRecord[];
}

export interface RecordCreated {
  record: InspectionRecord;
  hazards: number[];
  documents: DocumentRef[];
}

// ---------------------------------------------------------------- signature attestations

/**
 * How the member proved who they are: signed in their own session, or on the submitter's device
 * with their password, their one-time code, or both.
 */
export type AttestationMethod = 'session' | 'password' | 'totp' | 'password_totp';

/** A team member's signature bound to that member's account (POST /tasks/{id}/signatures). */
export interface Attestation {
  id: number;
  task_id: number;
  inspector_id: number;
  inspector_name: string;
  user_id: number;
  username: string;
  method: AttestationMethod | string;
  method_label: string;
  png_sha256: string;
  created_at: number;
  expires_at: number;
  /** the record that used it, null while unused */
  record_id: number | null;
  /** false once used by a record or expired */
  usable: boolean;
}

/**
 * The body of POST /tasks/{id}/signatures. Without a secret the signer is the session's own
 * member; with `password` and/or `totp_code` the member named signs on the caller's device.
 */
export interface AttestationRequest {
  inspector_id: number;
  png: string;
  password?: string;
  totp_code?: string;
  /** only when several accounts are linked to the member (the server asks with field `username`) */
  username?: string;
}

// ---------------------------------------------------------------- reminders

export interface Reminders {
  today: string;
  overdue: Hazard[];
  due_soon: Hazard[];
  mine: { overdue: number; due_soon: number };
}

// ---------------------------------------------------------------- enterprise side

export interface SelfInspectionBody {
  kind: 'daily' | 'periodic';
  checklist_id: string;
  done_on: string;
  results: ResultBody[];
  findings_note: string;
  principal_name: string;
  principal_png: string;
}

export interface SelfInspection extends Partial<SelfInspectionBody> {
  id: number;
  unit_id?: number;
  unit_name?: string;
  kind_label?: string;
  created_at?: number;
  nonconform_count?: number;
}

export interface Notice {
  id: number;
  title: string;
  body: string;
  published_at?: number;
  published_by?: string;
  /** For enterprise accounts: whether the own unit signed already. */
  signed?: boolean;
  signed_at?: number | null;
  receipt_count?: number;
  unit_count?: number;
  rate?: number;
}

export interface NoticeReceipt {
  unit_id: number;
  unit_name: string;
  signer_name: string;
  signed_at: number;
}

export interface NoticeReceipts {
  items: NoticeReceipt[];
  signed: number;
  total: number;
  rate: number;
  unsigned?: { unit_id: number; unit_name: string }[];
}

/** Some lists are answered as a page, some as a bare array: one shape for both. */
export function listItems<T>(answer: Page<T> | T[] | { items: T[] } | null | undefined): T[] {
  if (!answer) return [];
  if (Array.isArray(answer)) return answer;
  return answer.items ?? [];
}

export const inspectionApi = {
  checklists: () => http.get<ChecklistSummary[] | { items: ChecklistSummary[] }>('/api/v1/checklists'),
  checklist: (id: string, version?: number) =>
    http.get<Checklist>(`/api/v1/checklists/${encodeURIComponent(id)}`, { version }),

  tasks: (query: TaskQuery) => http.get<Page<Task>>('/api/v1/tasks', query),
  task: (id: number) => http.get<TaskDetail>(`/api/v1/tasks/${id}`),
  createTask: (body: CreateTaskRequest) => http.post<Task>('/api/v1/tasks', body),
  cancelTask: (id: number, version: number, reason: string) =>
    http.post<Task>(`/api/v1/tasks/${id}/cancel`, { version, reason }),

  upload: (file: Blob, name: string, takenAt: string | null = null) => {
    const form = new FormData();
    form.append('file', file, name);
    if (takenAt) form.append('taken_at', takenAt);
    return http.request<UploadAnswer>('POST', '/api/v1/uploads', { form });
  },
  uploadBlob: (sha: string) => http.request<Blob>('GET', `/api/v1/uploads/${sha}`, { blob: true }),

  submitRecord: (taskId: number, body: RecordBody, idempotencyKey: string) =>
    http.request<RecordCreated>('POST', `/api/v1/tasks/${taskId}/records`, {
      json: body,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  record: (id: number) => http.get<RecordDetail>(`/api/v1/records/${id}`),
  /** Signs for a team member: carries a password or one-time code when signing on another's device (never queued or stored). */
  signTask: (taskId: number, body: AttestationRequest) =>
    http.post<{ attestation: Attestation }>(`/api/v1/tasks/${taskId}/signatures`, body),
  /** The task's attestations, newest first. */
  taskSignatures: (taskId: number) => http.get<{ items: Attestation[] }>(`/api/v1/tasks/${taskId}/signatures`),
  correctRecord: (id: number, body: RecordBody, idempotencyKey: string) =>
    http.request<RecordCreated>('POST', `/api/v1/records/${id}/corrections`, {
      json: body,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),

  documents: (query: Query) => http.get<Page<OfficialDocument>>('/api/v1/documents', query),
  documentPdf: (id: number) => http.request<Blob>('GET', `/api/v1/documents/${id}/pdf`, { blob: true }),

  reminders: () => http.get<Reminders>('/api/v1/reminders'),

  selfInspections: (query: Query) => http.get<Page<SelfInspection>>('/api/v1/self-inspections', query),
  createSelfInspection: (body: SelfInspectionBody) => http.post<SelfInspection>('/api/v1/self-inspections', body),

  notices: (query: Query = {}) => http.get<Page<Notice> | Notice[]>('/api/v1/notices', query),
  publishNotice: (title: string, body: string) => http.post<Notice>('/api/v1/notices', { title, body }),
  signNotice: (id: number, signerName: string, png: string) =>
    http.post<unknown>(`/api/v1/notices/${id}/receipts`, { signer_name: signerName, png }),
  noticeReceipts: (id: number) => http.get<NoticeReceipts>(`/api/v1/notices/${id}/receipts`),
};
