import { describe, expect, it } from 'vitest';
import {
  HAZARD_ACTIONS, HAZARD_STATES, actionInput, addDays, closureChecklist, closureProgress, deadlineTone, hazardActionLabel,
  hazardGradeLabel, hazardStateIndex, hazardStateLabel, hazardStateType, normalizeCounts,
  signatureForRole, type ClosureFacts,
} from '../../src/lib/hazard';

describe('states, grades and actions', () => {
  it('maps every state code to the server label, in loop order', () => {
    expect(HAZARD_STATES.map((s) => s.code)).toEqual(['registered', 'rectifying', 'submitted', 'review_passed', 'closed', 'archived']);
    expect(HAZARD_STATES.map((s) => hazardStateLabel(s.code))).toEqual(['登记', '整改中', '企业已提交整改', '复查通过', '销号', '归档']);
    expect(hazardStateLabel('submitted', 'en')).toBe('Submitted');
    expect(hazardStateLabel('unknown')).toBe('unknown');
    expect(hazardStateLabel(undefined)).toBe('');
    expect(hazardStateIndex('registered')).toBe(0);
    expect(hazardStateIndex('archived')).toBe(5);
    expect(hazardStateIndex('nope')).toBe(-1);
    expect(hazardStateType('rectifying')).toBe('warning');
    expect(hazardStateType('nope')).toBe('info');
  });

  it('labels grades in full and short', () => {
    expect(hazardGradeLabel('major')).toBe('重大隐患');
    expect(hazardGradeLabel('major', 'zh-CN', true)).toBe('重大');
    expect(hazardGradeLabel('general')).toBe('一般隐患');
    expect(hazardGradeLabel('general', 'en')).toBe('General');
    expect(hazardGradeLabel('other')).toBe('other');
  });

  it('labels every action and the registration in the timeline', () => {
    expect(HAZARD_ACTIONS.map((a) => hazardActionLabel(a.code))).toEqual([
      '下达整改指令', '提交整改', '复查通过', '复查不通过', '销号', '归档', '挂牌督办', '上报上级', '签字', '验收合格',
    ]);
    expect(hazardActionLabel('register')).toBe('登记隐患');
    expect(hazardActionLabel('close', 'en')).toBe('Close');
    // the server's label wins in Chinese; unknown codes fall back to it, then to the code
    expect(hazardActionLabel('sign', 'zh-CN', '签字确认')).toBe('签字确认');
    expect(hazardActionLabel('new_action', 'zh-CN', '新操作')).toBe('新操作');
    expect(hazardActionLabel('new_action')).toBe('new_action');
  });

  it('knows which actions need input', () => {
    expect(actionInput('issue_order')).toBe('deadline');
    expect(actionInput('review_fail')).toBe('deadline');
    expect(actionInput('list_supervision')).toBe('supervision');
    expect(actionInput('sign')).toBe('signature');
    for (const a of ['submit_rectification', 'review_pass', 'close', 'archive', 'report_superior', 'accept', 'x']) {
      expect(actionInput(a), a).toBe('none');
    }
  });

  it('signs with the caller role’s own signature', () => {
    expect(signatureForRole('enterprise')?.code).toBe('enterprise_principal');
    expect(signatureForRole('inspector')?.code).toBe('regulator_reviewer');
    expect(signatureForRole('leader')?.code).toBe('regulator_leader');
    expect(signatureForRole('admin')).toBeUndefined();
    expect(signatureForRole(null)).toBeUndefined();
  });
});

describe('closure checklist', () => {
  const bare: ClosureFacts = {
    grade: 'major', supervision_level: '', supervising_leader: '', reported_to_superior: false, signatures: [], accepted: false,
  };

  it('is empty for general hazards', () => {
    expect(closureChecklist({ ...bare, grade: 'general' })).toEqual([]);
    expect(closureProgress([])).toEqual({ done: 0, total: 0, complete: true });
  });

  it('lists the six conditions of a major hazard, none done', () => {
    const list = closureChecklist(bare);
    expect(list.map((c) => c.label)).toEqual([
      '挂牌督办', '上报上级', '企业主要负责人签字', '监管部门复核人签字', '监管部门负责人签字', '验收合格',
    ]);
    expect(list.every((c) => !c.done)).toBe(true);
    expect(closureProgress(list)).toEqual({ done: 0, total: 6, complete: false });
  });

  it('marks what is done and shows the supervision level and leader', () => {
    const list = closureChecklist({
      ...bare, supervision_level: '区级', supervising_leader: '张建国', reported_to_superior: true,
      signatures: ['regulator_reviewer', 'enterprise_principal'],
    });
    const done = Object.fromEntries(list.map((c) => [c.key, c.done]));
    expect(done).toEqual({
      list_supervision: true, report_superior: true, sign_enterprise_principal: true, sign_regulator_reviewer: true,
      sign_regulator_leader: false, accept: false,
    });
    expect(list[0].detail).toBe('区级 · 张建国');
    expect(closureProgress(list)).toEqual({ done: 4, total: 6, complete: false });
  });

  it('is complete when everything is done, and speaks English', () => {
    const list = closureChecklist({
      grade: 'major', supervision_level: '市级', supervising_leader: '李', reported_to_superior: true,
      signatures: ['enterprise_principal', 'regulator_reviewer', 'regulator_leader'], accepted: true,
    }, 'en');
    expect(closureProgress(list).complete).toBe(true);
    expect(list.map((c) => c.label)).toContain('Signed: Regulator leader');
  });
});

describe('deadline colouring', () => {
  const today = '2026-11-22';
  const h = (deadline: string, state = 'rectifying', flags: { overdue?: boolean; due_soon?: boolean } = {}) =>
    ({ deadline, state, ...flags });

  it('has no tone without a deadline and none once the enterprise has submitted', () => {
    expect(deadlineTone(h(''), today)).toBe('none');
    expect(deadlineTone(h('2026-11-01', 'submitted'), today)).toBe('done');
    expect(deadlineTone(h('2026-11-01', 'closed', { overdue: true }), today)).toBe('done');
  });

  it('computes overdue (red) and due soon (orange, ≤ 3 days) from the date', () => {
    expect(deadlineTone(h('2026-11-21'), today)).toBe('overdue');
    expect(deadlineTone(h('2026-11-22'), today)).toBe('soon'); // the last day still counts
    expect(deadlineTone(h('2026-11-25'), today)).toBe('soon');
    expect(deadlineTone(h('2026-11-26'), today)).toBe('normal');
    expect(deadlineTone(h('2026-12-03'), '2026-11-30')).toBe('soon'); // across a month end
  });

  it('prefers the server flags (its today is China time)', () => {
    expect(deadlineTone(h('2026-11-22', 'rectifying', { overdue: true, due_soon: false }), today)).toBe('overdue');
    expect(deadlineTone(h('2026-12-30', 'rectifying', { overdue: false, due_soon: true }), today)).toBe('soon');
    expect(deadlineTone(h('2026-11-20', 'rectifying', { overdue: false, due_soon: false }), today)).toBe('normal');
  });

  it('adds calendar days across months and years', () => {
    expect(addDays('2026-11-22', 7)).toBe('2026-11-29');
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('counts by state', () => {
  it('fills the states the server left out with 0 and sums them', () => {
    const c = normalizeCounts({ rectifying: 3, closed: 2 });
    expect(c.byState).toEqual({ registered: 0, rectifying: 3, submitted: 0, review_passed: 0, closed: 2, archived: 0 });
    expect(c.total).toBe(5);
    expect(normalizeCounts(undefined).total).toBe(0);
    expect(normalizeCounts({ other: 9 }).total).toBe(0);
  });
});
