import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import zh from '../../src/locales/zh-CN';
import en from '../../src/locales/en';

function leaves(obj: unknown, prefix = ''): string[] {
  if (typeof obj === 'string') return [prefix];
  if (Array.isArray(obj)) return obj.flatMap((v, i) => leaves(v, `${prefix}[${i}]`));
  return Object.entries(obj as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  const keys = leaves(zh).filter((k) => !k.includes('['));

  it('English has every Chinese key', () => {
    expect(leaves(en).filter((k) => !k.includes('['))).toEqual(keys);
  });

  it.each(['zh-CN', 'en'])('every %s message compiles and renders', (locale) => {
    const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zh, en }, missingWarn: false, fallbackWarn: false });
    for (const key of keys) {
      const out = i18n.global.t(key, { n: 1, d: 2, p: 3, f: 'x', name: 'y', parent: 'z', rows: 1, imported: 1 });
      expect(typeof out, key).toBe('string');
      expect(out, key).not.toBe(key);
    }
    expect(i18n.global.t('login.hint')).toContain('Anjian@2024');
  });
});
