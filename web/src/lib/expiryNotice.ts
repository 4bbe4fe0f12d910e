// The notice shown when the session expired while the app was open (loaded on demand).
import { ElMessageBox } from 'element-plus';
import { i18n } from '../i18n';

export async function showExpiryNotice(draftsToRemove: number): Promise<void> {
  const t = i18n.global.t as (k: string, p?: Record<string, unknown>) => string;
  const body = draftsToRemove > 0
    ? `${t('session.expiredBody')}${t('session.expiredDrafts', { n: draftsToRemove })}`
    : t('session.expiredBody');
  await ElMessageBox.alert(body, t('session.expiredTitle'), { type: 'warning', confirmButtonText: t('common.confirm') })
    .catch(() => {});
}
