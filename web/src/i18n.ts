import { createI18n } from 'vue-i18n';
import zh from './locales/zh-CN';
import en from './locales/en';
import type { Lang } from './lib/format';

export const LANG_KEY = 'anjian.lang';

export function initialLang(): Lang {
  return globalThis.localStorage?.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN';
}

export const i18n = createI18n({
  legacy: false,
  locale: initialLang(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zh, en },
});

export function setLang(lang: Lang): void {
  i18n.global.locale.value = lang;
  globalThis.localStorage?.setItem(LANG_KEY, lang);
  document.documentElement.lang = lang;
}
