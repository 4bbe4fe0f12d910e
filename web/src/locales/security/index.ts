// Adds the account / audit messages to the app's i18n instance. Imported by those
// pages only, so the strings load with them rather than with the first page.
import { i18n } from '../../i18n';
import zh from './zh-CN';
import en from './en';

i18n.global.mergeLocaleMessage('zh-CN', zh);
i18n.global.mergeLocaleMessage('en', en);

export const securityMessages = { 'zh-CN': zh, en };
