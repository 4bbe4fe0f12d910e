// The session's message boxes, loaded on demand (ElMessageBox stays out of the first bundle).
import { ElMessageBox } from 'element-plus';
import { i18n } from '../i18n';

const t = (k: string, p?: Record<string, unknown>) => (i18n.global.t as (k: string, p?: Record<string, unknown>) => string)(k, p ?? {});

/** The session expired while the app was open; names how many drafts are about to be removed. */
export async function showExpiryNotice(draftsToRemove: number): Promise<void> {
  const body = draftsToRemove > 0
    ? `${t('session.expiredBody')}${t('session.expiredDrafts', { n: draftsToRemove })}`
    : t('session.expiredBody');
  await ElMessageBox.alert(body, t('session.expiredTitle'), { type: 'warning', confirmButtonText: t('common.confirm') })
    .catch(() => {});
}

/** Asks before a logout that removes `drafts` unsent inspection drafts; resolves to the answer. */
export async function confirmLogoutWithDrafts(drafts: number): Promise<boolean> {
  try {
    await ElMessageBox.confirm(t('session.logoutDrafts', { n: drafts }), t('account.logout'), {
      type: 'warning', confirmButtonText: t('account.logout'), cancelButtonText: t('common.cancel'),
    });
    return true;
  } catch {
    return false;
  }
}
