// Labels of the coded values the server sends (risk colours, task kinds, hazard states…), in either
// language, from the vue-i18n messages under `enum.<group>.<code>` (locales/zh-CN.ts, en.ts): the
// app has one translation mechanism. An unknown code is shown as it is.
import { i18n } from '../i18n';
import type zh from '../locales/zh-CN';
import type { Lang } from './format';

export type EnumGroup = keyof typeof zh.enum;

export function enumLabel(group: EnumGroup, code: string | null | undefined, lang: Lang = 'zh-CN', named: Record<string, unknown> = {}): string {
  if (!code) return '';
  const key = `enum.${group}.${code}`;
  if (!i18n.global.te(key, lang)) return code;
  return i18n.global.t(key, named, { locale: lang });
}
