// The device's store of inspection drafts (IndexedDB, else localStorage),
// one per signed-in user and task, kept until the server confirms the record.
import { DraftStore, defaultBackend } from './draftStore';
import { DRAFT_FORMAT, type InspectionDraft } from './inspection';

let store: DraftStore<InspectionDraft> | null = null;

export function inspectionDrafts(): DraftStore<InspectionDraft> {
  store ??= new DraftStore<InspectionDraft>(defaultBackend(), 'inspection', DRAFT_FORMAT);
  return store;
}

export const draftId = (userId: number | undefined, taskId: number) => `${userId ?? 0}-${taskId}`;

/** Task ids with a stored draft of this user. */
export async function draftTaskIds(userId: number | undefined): Promise<Set<number>> {
  const prefix = `${userId ?? 0}-`;
  const ids = await inspectionDrafts().ids().catch(() => [] as string[]);
  return new Set(ids.filter((i) => i.startsWith(prefix)).map((i) => Number(i.slice(prefix.length))));
}
