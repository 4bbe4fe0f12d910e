// Shapes of the Anjian HTTP API v1 (see src/http/openapi.json in the repo).

/**
 * What an account may do, as GET /auth/me lists it in `allowed_actions` (the server's access table,
 * src/domain/access/role.cpp): the app shows a control when the server would accept its request.
 */
export type Action =
  | 'read_registry' | 'write_registry' | 'read_roster' | 'write_roster' | 'import' | 'export' | 'manage_users'
  | 'read_plans' | 'compile_plan' | 'approve_plan' | 'read_hazards' | 'register_hazard' | 'read_inspections'
  | 'inspect' | 'self_inspect' | 'publish_notice' | 'read_regions' | 'read_audit' | 'run_jobs' | 'own_account';

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: string;
  role_label: string;
  jurisdiction_id: number | null;
  jurisdiction_name?: string;
  unit_id: number | null;
  inspector_id?: number | null;
  must_change_password?: boolean;
  mfa_enabled?: boolean;
  /** from GET /auth/me (the login answer does not carry it) */
  allowed_actions?: Action[];
}

/**
 * POST /api/v1/auth/login. The token is also set as the HttpOnly cookie anjian_session; the app
 * never stores it (it is in the answer for API clients).
 */
export interface LoginResponse {
  token?: string;
  csrf_token?: string;
  expires_at: number;
  user: User;
  must_change_password?: boolean;
  demo?: boolean;
}

/**
 * GET /api/v1/auth/me: the user, with the session's CSRF token and the demo flag. Read both as the
 * user's fields (the current answer) and as `{user, csrf_token, demo}`.
 */
export type MeResponse = User & {
  user?: User;
  csrf_token?: string;
  demo?: boolean;
  must_change_password?: boolean;
};

/** GET /api/v1/health (no session needed). */
export interface Health {
  status?: string;
  demo?: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  page_size: number;
}

export interface Unit {
  id: number;
  credit_code: string;
  credit_code_override?: boolean;
  credit_code_override_reason?: string;
  name: string;
  address: string;
  community_id: number | null;
  community_name?: string;
  grid_id: number | null;
  grid_name?: string;
  categories: string[];
  category_labels?: string[];
  industry_section?: string;
  level: string;
  level_label?: string;
  risk: string;
  risk_label?: string;
  accident_last_year: boolean;
  major_hazard_source: boolean;
  employees: number;
  supervising_department: string;
  safety_manager: string;
  contact_phone: string;
  status: string;
  status_label?: string;
  is_key?: boolean;
  version: number;
  created_at?: number;
  updated_at?: number;
}

export interface HistoryEntry {
  version: number;
  action: string;
  actor: string;
  at: number;
  snapshot: Partial<Unit> | null;
}

export interface Inspector {
  id: number;
  name: string;
  employee_no: string;
  department: string;
  role: string;
  role_label?: string;
  is_leader?: boolean;
  certificate_no: string;
  certificate_valid_until: string | null;
  jurisdiction_id: number | null;
  jurisdiction_name?: string;
  recusal_codes: string[];
  phone: string;
  leave_days: number;  // planned leave days per year (capacity input)
  active: boolean;
  version: number;
}

export interface Region {
  id: number;
  parent_id: number | null;
  level: 'district' | 'street' | 'community' | 'village' | 'grid';
  level_label: string;
  code: string;
  name: string;
  path?: string;
  version: number;
}

export interface ImportError {
  row: number;
  column: string;
  message: string;
  text: string;
}

export interface ImportReport {
  dry_run: boolean;
  street?: string;
  rows: number;
  valid_rows: number;
  imported: number;
  created_regions: number;
  error_count: number;
  errors: ImportError[];
}

export interface ImportRecord {
  id: number;
  kind: string;
  file_name: string;
  actor: string;
  at: number;
  rows: number;
  imported: number;
  error_count: number;
  dry_run: boolean;
}

export interface RegistryStats {
  total: number;
  key: number;
  by_risk: Record<string, number>;
  by_level: Record<string, number>;
  by_status: Record<string, number>;
  by_community: { id: number; name: string; total: number; key: number }[];
}
