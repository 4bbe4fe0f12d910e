// Adds the hazard messages to the app's i18n instance. Imported by the hazard
// page only, so the strings load with it rather than with the first page.
import { i18n } from '../../i18n';
import zh from './zh-CN';
import en from './en';

i18n.global.mergeLocaleMessage('zh-CN', zh);
i18n.global.mergeLocaleMessage('en', en);

export const hazardMessages = { 'zh-CN': zh, en };
