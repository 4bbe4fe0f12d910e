// Hazard ledger (隐患台账) and its closed loop: shapes and calls of
// /api/v1/hazards. Imported only by the lazily loaded hazard page, so none of
// this is in the initial bundle.
import { http } from './index';
import type { Query } from './client';
import type { Page } from './types';

export type HazardGrade = 'general' | 'major';
export type HazardStateCode = 'registered' | 'rectifying' | 'submitted' | 'review_passed' | 'closed' | 'archived';
export type HazardActionCode =
  | 'issue_order' | 'submit_rectification' | 'review_pass' | 'review_fail' | 'close' | 'archive'
  | 'list_supervision' | 'report_superior' | 'sign' | 'accept';
export type SignatureCode = 'enterprise_principal' | 'regulator_reviewer' | 'regulator_leader';

export interface AllowedAction {
  action: HazardActionCode | string;
  label: string;
}

export interface Hazard {
  id: number;
  unit_id: number;
  unit_name: string;
  grade: HazardGrade | string;
  grade_label: string;
  state: HazardStateCode | string;
  state_label: string;
  description: string;
  legal_basis: string;
  found_on: string;
  deadline: string; // YYYY-MM-DD or ''
  overdue: boolean;
  due_soon: boolean;
  review_round: number;
  supervision_level: string;
  supervising_leader: string;
  reported_to_superior: boolean;
  signatures: (SignatureCode | string)[];
  accepted: boolean;
  allowed_actions: AllowedAction[];
  version: number;
  created_at: number;
  updated_at: number;
}

export interface HazardTimelineEntry {
  at: number; // unix seconds
  user_id: number;
  action: string; // 'register' or a HazardActionCode
  from_state: string; // '' for register
  to_state: string;
  note: string;
  /** SHA-256 of the photos sent with the transition (before/after evidence) */
  evidence?: string[];
}

export interface HazardDetail extends Hazard {
  timeline: HazardTimelineEntry[];
}

export interface HazardPage extends Page<Hazard> {
  /** States with no hazard are left out by the server. */
  counts_by_state: Partial<Record<HazardStateCode, number>> & Record<string, number>;
}

export interface HazardQuery extends Query {
  state?: string;
  grade?: string;
  overdue?: number | string;
  due_within?: number | string;
  q?: string;
  page?: number;
  page_size?: number;
}

export interface RegisterHazardRequest {
  unit_id?: number;
  unit_credit_code?: string;
  grade: HazardGrade;
  description: string;
  legal_basis?: string;
  found_on?: string;
}

export interface TransitionRequest {
  action: HazardActionCode | string;
  version: number;
  deadline?: string;
  signature?: SignatureCode;
  supervision_level?: string;
  supervising_leader?: string;
  note?: string;
  /** SHA-256 of uploaded photos (POST /api/v1/uploads first) */
  evidence?: string[];
}

export const hazardApi = {
  list: (query: HazardQuery) => http.get<HazardPage>('/api/v1/hazards', query),
  get: (id: number) => http.get<HazardDetail>(`/api/v1/hazards/${id}`),
  register: (body: RegisterHazardRequest) => http.post<Hazard>('/api/v1/hazards', body),
  transition: (id: number, body: TransitionRequest) => http.post<Hazard>(`/api/v1/hazards/${id}/transitions`, body),
};
