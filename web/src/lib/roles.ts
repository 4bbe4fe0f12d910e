// Roles and what each sees: the menu, the home page and which routes open.
// security_admin (安全管理员) manages accounts, roles, sessions and unlocks and sees no
// business data; auditor (审计员) reads the audit log only. Both are kept off every
// business page (the server refuses their data too; this keeps the menu honest).

export const ROLES = [
  'admin', 'security_admin', 'auditor', 'leader', 'inspector', 'community', 'grid', 'enterprise', 'viewer',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles without business data: they see their own pages and 我的账号 only. */
export const SECURITY_ROLES: readonly string[] = ['security_admin', 'auditor'];

/** Route names (besides their own) open to the security roles. */
const SECURITY_ROUTES: Record<string, string[]> = {
  security_admin: ['accounts', 'account'],
  auditor: ['audit', 'account'],
};

export interface NavEntry {
  name: string;
  label: string;
  match?: RegExp;
  /** Only these roles see it. */
  roles?: string[];
  /** These roles do not see it. */
  denyRoles?: string[];
}

export const NAV: NavEntry[] = [
  { name: 'portal', label: 'nav.portal', roles: ['enterprise'] },
  { name: 'dashboard', label: 'nav.dashboard' },
  { name: 'tasks', label: 'nav.tasks', match: /^(tasks|inspect|record)$/, denyRoles: ['enterprise'] },
  { name: 'registry', label: 'nav.registry' },
  { name: 'roster', label: 'nav.roster' },
  { name: 'plans', label: 'nav.plans', match: /^plan/, denyRoles: ['enterprise'] },
  { name: 'hazards', label: 'nav.hazards', match: /^hazard/ },
  { name: 'self-inspections', label: 'nav.selfInspections', match: /^self-inspection/, roles: ['enterprise'] },
  { name: 'documents', label: 'nav.documents' },
  { name: 'notices', label: 'nav.notices' },
  { name: 'regions', label: 'nav.regions' },
  { name: 'imports', label: 'nav.imports' },
  { name: 'accounts', label: 'nav.accounts', roles: ['security_admin'] },
  { name: 'audit', label: 'nav.audit', roles: ['auditor'] },
];

/** Whether a role may open a route (by its name and meta). */
export function routeAllowed(role: string, name: string, meta: { roles?: string[]; denyRoles?: string[] } = {}): boolean {
  if (SECURITY_ROLES.includes(role)) return (SECURITY_ROUTES[role] ?? []).includes(name);
  if (meta.denyRoles?.includes(role)) return false;
  if (meta.roles && !meta.roles.includes(role)) return false;
  return true;
}

/** The menu of a role. */
export function navFor(role: string): NavEntry[] {
  return NAV.filter((i) => routeAllowed(role, i.name, i));
}

/** Where a role lands after login (and when it opens a page it may not). */
export function homeRoute(role: string): string {
  if (role === 'enterprise') return 'portal';
  if (role === 'security_admin') return 'accounts';
  if (role === 'auditor') return 'audit';
  return 'dashboard';
}
