// Adds the inspection messages to the app's i18n instance. Imported by the
// inspection, record, document and portal pages only (and the hazard pages,
// which show reminders and evidence photos), so the strings load with them.
import { i18n } from '../../i18n';
import zh from './zh-CN';
import en from './en';

i18n.global.mergeLocaleMessage('zh-CN', zh);
i18n.global.mergeLocaleMessage('en', en);

export const inspectionMessages = { 'zh-CN': zh, en };
