// The device's store of inspection drafts (IndexedDB, else localStorage),
// one per signed-in user and task, kept until the server confirms the record
// or the session ends (logout, expiry): drafts hold photos and signatures and
// are not left on a shared phone.
import { DraftStore, defaultBackend, localStorageBackend, type KvBackend } from './draftStore';
import { DRAFT_FORMAT, type InspectionDraft } from './inspection';
import { deviceSession } from './deviceSession';

export const DRAFT_NAMESPACE = 'inspection';

let store: DraftStore<InspectionDraft> | null = null;

export function inspectionDrafts(): DraftStore<InspectionDraft> {
  store ??= new DraftStore<InspectionDraft>(defaultBackend(), DRAFT_NAMESPACE, DRAFT_FORMAT, () => deviceSession.active);
  return store;
}

/** For tests: the store on another backend. */
export function useDraftBackend(backend: KvBackend): void {
  store = new DraftStore<InspectionDraft>(backend, DRAFT_NAMESPACE, DRAFT_FORMAT, () => deviceSession.active);
}

export const draftId = (userId: number | undefined, taskId: number) => `${userId ?? 0}-${taskId}`;

/** Task ids with a stored draft of this user. */
export async function draftTaskIds(userId: number | undefined): Promise<Set<number>> {
  const prefix = `${userId ?? 0}-`;
  const ids = await inspectionDrafts().ids().catch(() => [] as string[]);
  return new Set(ids.filter((i) => i.startsWith(prefix)).map((i) => Number(i.slice(prefix.length))));
}

/** How many drafts the device holds (any user). */
export async function draftCount(): Promise<number> {
  return (await inspectionDrafts().ids().catch(() => [] as string[])).length;
}

/**
 * Removes every inspection draft from the device: the store in use and, where that is IndexedDB,
 * any left in localStorage by a browser that once lacked it. Returns how many were removed.
 */
export async function wipeInspectionDrafts(): Promise<number> {
  const drafts = inspectionDrafts();
  let n = await drafts.clear();
  const ls = (globalThis as { localStorage?: Storage }).localStorage;
  if (ls && drafts.backendName === 'indexedDB') {
    n += await new DraftStore<InspectionDraft>(localStorageBackend(ls), DRAFT_NAMESPACE, DRAFT_FORMAT).clear().catch(() => 0);
  }
  return n;
}
