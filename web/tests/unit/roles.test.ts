import { describe, expect, it } from 'vitest';
import { NAV, ROLES, homeRoute, navFor, routeAllowed } from '../../src/lib/roles';
import zh from '../../src/locales/zh-CN';

const names = (role: string) => navFor(role).map((i) => i.name);
const BUSINESS = ['dashboard', 'tasks', 'registry', 'roster', 'plans', 'hazards', 'documents', 'notices', 'regions', 'imports', 'portal'];

describe('menu by role', () => {
  it('the security admin sees 账号管理 only: no registry, plans or hazards', () => {
    expect(names('security_admin')).toEqual(['accounts']);
    expect(navFor('security_admin').map((i) => zh.nav[i.label.split('.')[1] as keyof typeof zh.nav])).toEqual(['账号管理']);
  });

  it('the auditor sees 审计日志 only', () => {
    expect(names('auditor')).toEqual(['audit']);
    expect(zh.nav.audit).toBe('审计日志');
  });

  it('the business roles keep their menus and see neither 账号管理 nor 审计日志', () => {
    for (const role of ['admin', 'leader', 'inspector', 'community', 'grid', 'viewer']) {
      const n = names(role);
      expect(n, role).toContain('registry');
      expect(n, role).toContain('plans');
      expect(n, role).toContain('hazards');
      expect(n, role).not.toContain('accounts');
      expect(n, role).not.toContain('audit');
    }
    expect(names('enterprise')).toEqual(['portal', 'dashboard', 'registry', 'roster', 'hazards', 'self-inspections', 'documents', 'notices', 'regions', 'imports']);
  });

  it('the security roles cannot open business routes; everyone opens 我的账号', () => {
    for (const route of BUSINESS) {
      expect(routeAllowed('security_admin', route), route).toBe(false);
      expect(routeAllowed('auditor', route), route).toBe(false);
    }
    expect(routeAllowed('security_admin', 'accounts', { roles: ['security_admin'] })).toBe(true);
    expect(routeAllowed('security_admin', 'audit', { roles: ['auditor'] })).toBe(false);
    expect(routeAllowed('auditor', 'audit', { roles: ['auditor'] })).toBe(true);
    expect(routeAllowed('auditor', 'accounts', { roles: ['security_admin'] })).toBe(false);
    expect(routeAllowed('admin', 'accounts', { roles: ['security_admin'] })).toBe(false);
    expect(routeAllowed('admin', 'audit', { roles: ['auditor'] })).toBe(false);
    for (const role of ROLES) expect(routeAllowed(role, 'account'), role).toBe(true);
  });

  it('every role lands on a page it may open', () => {
    expect(homeRoute('security_admin')).toBe('accounts');
    expect(homeRoute('auditor')).toBe('audit');
    expect(homeRoute('enterprise')).toBe('portal');
    expect(homeRoute('inspector')).toBe('dashboard');
    const meta = Object.fromEntries(NAV.map((i) => [i.name, i]));
    for (const role of ROLES) expect(routeAllowed(role, homeRoute(role), meta[homeRoute(role)]), role).toBe(true);
  });

  it('every role has a Chinese name', () => {
    for (const role of ROLES) expect(typeof (zh.roles as Record<string, string>)[role], role).toBe('string');
    expect(zh.roles.security_admin).toBe('安全管理员');
    expect(zh.roles.auditor).toBe('审计员');
  });
});
