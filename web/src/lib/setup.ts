// The first-run form (首次使用, views/SetupView.vue): what is checked before sending, which form
// field a server error belongs to, the request body, and whether the database has a street yet
// (GET /api/v1/setup, asked by the router and the login page).
import { ApiError } from '../api/client';
import { setupApi, type SetupRequest } from '../api/setup';

export interface SetupForm {
  setupCode: string;
  districtName: string;
  districtCode: string;
  streetName: string;
  streetCode: string;
  adminUsername: string;
  password: string;
  confirmPassword: string;
  securityUsername: string;
}

export type SetupField = keyof SetupForm;

/** The form's fields, in the order they are shown (the first with an error gets the focus). */
export const SETUP_FIELDS: readonly SetupField[] = [
  'setupCode', 'districtName', 'districtCode', 'streetName', 'streetCode',
  'adminUsername', 'password', 'confirmPassword', 'securityUsername',
];

export const DEFAULT_SECURITY_USERNAME = 'security';

export function emptySetupForm(): SetupForm {
  return {
    setupCode: '', districtName: '', districtCode: '', streetName: '', streetCode: '',
    adminUsername: '', password: '', confirmPassword: '', securityUsername: DEFAULT_SECURITY_USERNAME,
  };
}

/** A problem found before sending: the message key (under `setup.v`) of one field. */
export type SetupErrors = Partial<Record<SetupField, string>>;

/** Account names as the security administrator creates them (账号管理). */
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
/** District: GB/T 2260, 6 digits. Street (乡镇、街道): 9 digits (GB/T 10114). */
const DISTRICT_CODE = /^\d{6}$/;
const STREET_CODE = /^\d{9}$/;
/** The server's password policy (libpwquality): at least 10 characters of 3 classes. */
export const PASSWORD_MIN_LENGTH = 10;

function passwordClasses(password: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

/**
 * The message key of one field's problem, or '' when it is fine. The dictionary check of the
 * password is the server's (its message is shown at the password field).
 */
export function checkSetupField(form: SetupForm, field: SetupField): string {
  const v = (form[field] ?? '').trim();
  switch (field) {
    case 'setupCode':
      return v ? '' : 'setup.v.codeRequired';
    case 'districtName':
      return v ? '' : 'setup.v.districtNameRequired';
    case 'districtCode':
      return !v || DISTRICT_CODE.test(v) ? '' : 'setup.v.districtCode';
    case 'streetName':
      return v ? '' : 'setup.v.streetNameRequired';
    case 'streetCode':
      return !v || STREET_CODE.test(v) ? '' : 'setup.v.streetCode';
    case 'adminUsername':
      if (!v) return 'setup.v.usernameRequired';
      return USERNAME.test(v) ? '' : 'setup.v.usernameRule';
    case 'password': {
      const p = form.password ?? '';
      if (!p) return 'setup.v.passwordRequired';
      if (p.length < PASSWORD_MIN_LENGTH) return 'setup.v.passwordLength';
      if (passwordClasses(p) < 3) return 'setup.v.passwordClasses';
      const user = form.adminUsername.trim().toLowerCase();
      if (user && p.toLowerCase().includes(user)) return 'setup.v.passwordUsername';
      return '';
    }
    case 'confirmPassword':
      if (!form.confirmPassword) return 'setup.v.confirmRequired';
      return form.confirmPassword === form.password ? '' : 'setup.v.mismatch';
    case 'securityUsername':
      if (!v) return 'setup.v.usernameRequired';
      if (!USERNAME.test(v)) return 'setup.v.usernameRule';
      // 三员分立: the business and the security administrator are two accounts
      return v.toLowerCase() === form.adminUsername.trim().toLowerCase() ? 'setup.v.sameAccount' : '';
    default:
      return '';
  }
}

/** Every field's problem (empty when the form may be sent). */
export function validateSetup(form: SetupForm): SetupErrors {
  const errors: SetupErrors = {};
  for (const field of SETUP_FIELDS) {
    const problem = checkSetupField(form, field);
    if (problem) errors[field] = problem;
  }
  return errors;
}

/** The request body: names trimmed, the optional codes left out when empty. The password is sent as typed. */
export function setupRequestOf(form: SetupForm): SetupRequest {
  const body: SetupRequest = {
    setup_code: form.setupCode.trim(),
    district_name: form.districtName.trim(),
    street_name: form.streetName.trim(),
    admin_username: form.adminUsername.trim(),
    admin_password: form.password,
    security_username: form.securityUsername.trim() || DEFAULT_SECURITY_USERNAME,
  };
  if (form.districtCode.trim()) body.district_code = form.districtCode.trim();
  if (form.streetCode.trim()) body.street_code = form.streetCode.trim();
  return body;
}

/** The server's field names (POST /api/v1/setup errors) → the form's. */
const SERVER_FIELDS: Record<string, SetupField> = {
  setup_code: 'setupCode',
  district_name: 'districtName',
  district_code: 'districtCode',
  street_name: 'streetName',
  street_code: 'streetCode',
  admin_username: 'adminUsername',
  admin_password: 'password',
  password: 'password',
  security_username: 'securityUsername',
};

/** The form field a server error names, or null when it names none the form has. */
export function setupFieldOf(serverField: string | undefined | null): SetupField | null {
  if (!serverField) return null;
  return SERVER_FIELDS[serverField] ?? null;
}

/** How the form shows a refused setup: at a field, as "already done" (go and sign in), or at the top. */
export type SetupFailure =
  | { kind: 'field'; field: SetupField; message: string }
  | { kind: 'initialized'; message: string }
  | { kind: 'general'; message: string };

export function describeSetupError(e: unknown): SetupFailure {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof ApiError)) return { kind: 'general', message };
  const field = setupFieldOf(e.field);
  if (field) return { kind: 'field', field, message };
  // 409 without a field: a street exists already (the database was set up meanwhile)
  if (e.status === 409) return { kind: 'initialized', message };
  return { kind: 'general', message };
}

// ---------------------------------------------------------------- GET /api/v1/setup

/** Once true it stays true (a street is never the last one removed by this app): asked once. */
let knownInitialized = false;

/**
 * Whether the database has a street: true, false, or null when the server did not say (offline,
 * or a server without the endpoint): then the app behaves as before, with the login page.
 */
export async function setupStatus(): Promise<boolean | null> {
  if (knownInitialized) return true;
  try {
    const res = await setupApi.status();
    if (typeof res?.initialized !== 'boolean') return null;
    knownInitialized = res.initialized;
    return res.initialized;
  } catch {
    return null;
  }
}

/** The first-run screen created the street. */
export function markInitialized(): void {
  knownInitialized = true;
}

/** Tests only: forget what the server said. */
export function resetSetupStatus(): void {
  knownInitialized = false;
}
