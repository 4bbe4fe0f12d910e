import { describe, expect, it } from 'vitest';
import zhBase from '../../src/locales/zh-CN';
import zhPlan from '../../src/locales/plan/zh-CN';
import enPlan from '../../src/locales/plan/en';
import zhHazard from '../../src/locales/hazard/zh-CN';
import enHazard from '../../src/locales/hazard/en';
import { i18n } from '../../src/i18n';
import { planMessages } from '../../src/locales/plan';
import { hazardMessages } from '../../src/locales/hazard';
import zhInspection from '../../src/locales/inspection/zh-CN';
import enInspection from '../../src/locales/inspection/en';
import { inspectionMessages } from '../../src/locales/inspection';
import zhSecurity from '../../src/locales/security/zh-CN';
import enSecurity from '../../src/locales/security/en';
import { securityMessages } from '../../src/locales/security';

// Every literal message key used by a component, view or route exists.
const sources = import.meta.glob(['../../src/**/*.vue', '../../src/**/*.ts'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const zh = { ...zhBase, ...zhPlan, ...zhHazard, ...zhInspection, ...zhSecurity };

function lookup(obj: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, p) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[p] : undefined), obj);
}
function leaves(obj: unknown, prefix = ''): string[] {
  if (typeof obj === 'string') return [prefix];
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('message keys used in the sources', () => {
  const used = new Map<string, string>();
  for (const [file, text] of Object.entries(sources)) {
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g)) used.set(m[1], file);
    for (const m of text.matchAll(/\b(?:title|label): '((?:nav|plan)\.[a-zA-Z0-9_.]+)'/g)) used.set(m[1], file);
  }

  it('finds the plan pages', () => {
    expect([...used.keys()].filter((k) => k.startsWith('plan.')).length).toBeGreaterThan(150);
  });

  it('finds the hazard pages', () => {
    expect([...used.keys()].filter((k) => k.startsWith('hazard.')).length).toBeGreaterThan(50);
  });

  it('finds the inspection pages', () => {
    expect([...used.keys()].filter((k) => k.startsWith('inspection.')).length).toBeGreaterThan(150);
  });

  it('every key has a Chinese message', () => {
    const missing = [...used].filter(([k]) => typeof lookup(zh, k) !== 'string').map(([k, f]) => `${k} (${f})`);
    expect(missing).toEqual([]);
  });
});

describe('plan messages', () => {
  it('English has every Chinese key, in the same order', () => {
    expect(leaves(enPlan)).toEqual(leaves(zhPlan));
  });

  it('are merged into the app i18n when the plan pages load', () => {
    expect(planMessages['zh-CN']).toBe(zhPlan);
    const t = i18n.global.t as (k: string, p?: Record<string, unknown>) => string;
    expect(t('plan.revision', { n: 3 })).toBe('第3版');
    expect(t('nav.plans')).toBe('年度计划');
    for (const key of leaves(zhPlan)) {
      const out = t(key, { n: 1, d: 2, p: 3, f: 'x', m: 4, name: 'y' });
      expect(out, key).not.toBe(key);
      expect(out, key).not.toMatch(/\{[a-z]+\}/);
    }
  });
});

describe('hazard messages', () => {
  it('English has every Chinese key, in the same order', () => {
    expect(leaves(enHazard)).toEqual(leaves(zhHazard));
  });

  it('are merged into the app i18n when the hazard page loads', () => {
    expect(hazardMessages['zh-CN']).toBe(zhHazard);
    const t = i18n.global.t as (k: string, p?: Record<string, unknown>) => string;
    expect(t('nav.hazards')).toBe('隐患治理');
    expect(t('hazard.det.closureProgress', { n: 2, m: 6 })).toBe('已满足 2/6 项');
    for (const key of leaves(zhHazard)) {
      const out = t(key, { n: 1, m: 2, f: 'x' });
      expect(out, key).not.toBe(key);
      expect(out, key).not.toMatch(/\{[a-z]+\}/);
    }
  });
});

describe('inspection messages', () => {
  it('English has every Chinese key, in the same order', () => {
    expect(leaves(enInspection)).toEqual(leaves(zhInspection));
  });

  it('are merged into the app i18n when an inspection page loads', () => {
    expect(inspectionMessages['zh-CN']).toBe(zhInspection);
    const t = i18n.global.t as (k: string, p?: Record<string, unknown>) => string;
    expect(t('nav.tasks')).toBe('我的任务');
    expect(t('inspection.v.unanswered', { code: 'C7' })).toBe('检查项 C7 未选择结果');
    for (const key of leaves(zhInspection)) {
      const out = t(key, { n: 1, m: 2, f: 'x', p: 3, d: '2026-01-01', code: 'C1', day: '2026-01-01', name: 'y' });
      expect(out, key).not.toBe(key);
      expect(out, key).not.toMatch(/\{[a-z]+\}/);
    }
  });

  it('every validation problem has a message', () => {
    const v = (zhInspection.inspection.v as Record<string, string>);
    for (const k of ['startedRequired', 'endedRequired', 'endedBeforeStart', 'placeRequired', 'purposeRequired', 'personRequired',
      'unanswered', 'noteRequired', 'findingMissing', 'findingDescription', 'findingBasis', 'deadlineRequired', 'deadlineAfter',
      'decisionRequired', 'fineAmount', 'penaltyBasis', 'inspectorSignature', 'onSiteSignature', 'refusalReason', 'witnessName',
      'witnessSignature', 'inspectorAttestation', 'notInTeam']) expect(typeof v[k], k).toBe('string');
    expect(v.inspectorAttestation).toContain('须由该执法人员本人签字：在本设备验证身份后签字，或由其在自己的账号中签字');
  });
});

describe('account and audit messages', () => {
  it('English has every Chinese key, in the same order', () => {
    expect(leaves(enSecurity)).toEqual(leaves(zhSecurity));
  });

  it('are merged into the app i18n when an account or audit page loads', () => {
    expect(securityMessages['zh-CN']).toBe(zhSecurity);
    const t = i18n.global.t as (k: string, p?: Record<string, unknown>) => string;
    expect(t('nav.audit')).toBe('审计日志');
    expect(t('nav.accounts')).toBe('账号管理');
    expect(t('audit.anchorsHint')).toContain('每日链头哈希，可抄送留存');
    for (const key of leaves(zhSecurity)) {
      const out = t(key, { n: 1, d: '2026-01-01', f: 'GET /x', name: 'y' });
      expect(out, key).not.toBe(key);
      expect(out, key).not.toMatch(/\{[a-z]+\}/);
    }
  });

  it('the demo banner says what the issue asks', () => {
    expect(zhBase.demo.banner).toBe('演示环境：数据为虚构，演示账号密码公开，请勿录入真实信息');
  });
});
