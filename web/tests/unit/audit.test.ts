import { describe, expect, it } from 'vitest';
import {
  auditChanges, auditOtherDetails, auditValue, groupSecret, hasDetails, isLocked, outcomeTagType, passwordHints, splitAction, svgDataUrl,
} from '../../src/lib/audit';
import { auditExportPath, isMissingEndpoint } from '../../src/api/security';
import { ApiError } from '../../src/api/client';

describe('audit entries', () => {
  const entry = {
    details: {
      changes: { risk: { old: 'yellow', new: 'red' }, employees: { old: 12, new: null }, categories: { old: ['a'], new: ['a', 'b'] } },
      reason: '复查发现',
    },
    hash: 'ab'.repeat(32),
  };

  it('lists the field-level changes old → new', () => {
    expect(auditChanges(entry)).toEqual([
      { field: 'risk', old: 'yellow', new: 'red' },
      { field: 'employees', old: '12', new: '—' },
      { field: 'categories', old: '["a"]', new: '["a","b"]' },
    ]);
    expect(auditOtherDetails(entry)).toEqual([['reason', '复查发现']]);
    expect(hasDetails(entry)).toBe(true);
    expect(hasDetails({ details: {} })).toBe(false);
    expect(auditChanges({ details: undefined })).toEqual([]);
    expect(auditValue(false)).toBe('false');
    expect(auditValue('')).toBe('—');
  });

  it('names outcomes and splits actions', () => {
    expect(outcomeTagType('success')).toBe('success');
    expect(outcomeTagType('denied')).toBe('warning');
    expect(outcomeTagType('failure')).toBe('danger');
    expect(splitAction('auth.login_failed')).toEqual(['auth', 'login_failed']);
    expect(splitAction('plan.approve')).toEqual(['plan', 'approve']);
    expect(splitAction('odd')).toEqual(['', 'odd']);
  });

  it('exports with the list filters, without paging', () => {
    const path = auditExportPath({ actor: 'admin', outcome: 'denied', from: '2026-01-01', to: '2026-01-31', page: 3, page_size: 20, action: '' });
    expect(path).toBe('/api/v1/audit/export?actor=admin&outcome=denied&from=2026-01-01&to=2026-01-31&format=xlsx');
  });

  it('tells a missing endpoint from a missing object', () => {
    expect(isMissingEndpoint(new ApiError(404, 'not_found', '接口不存在 (no such route)'))).toBe(true);
    expect(isMissingEndpoint(new ApiError(404, 'http_404', '请求的资源不存在'))).toBe(true);
    expect(isMissingEndpoint(new ApiError(501, 'unimplemented', 'x'))).toBe(true);
    expect(isMissingEndpoint(new ApiError(404, 'not_found', '账号不存在'))).toBe(false);
    expect(isMissingEndpoint(new ApiError(403, 'permission_denied', '无权'))).toBe(false);
  });
});

describe('account helpers', () => {
  it('locks, secrets and the QR image', () => {
    expect(isLocked(2000, 1000)).toBe(true);
    expect(isLocked(500, 1000)).toBe(false);
    expect(isLocked(null)).toBe(false);
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(url).not.toContain('<');
  });

  it('hints what a new password lacks (the server has the last word)', () => {
    expect(passwordHints('short', 'admin')).toEqual(['length', 'kinds']);
    expect(passwordHints('admin-Password-1', 'admin')).toEqual(['username']);
    expect(passwordHints('Qz7!mT2#vR9p', 'inspector')).toEqual([]);
  });
});
