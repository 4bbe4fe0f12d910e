// Object URLs of files that need the session (uploaded photos, document
// PDFs): fetched once through the API client and cached. Photos are content
// addressed, so a cached URL never goes stale.
import { inspectionApi } from '../api/inspections';
import { api } from '../api';
import { deviceSession } from './deviceSession';

const photoUrls = new Map<string, Promise<string>>();

/** Object URL of an uploaded photo by its SHA-256. */
export function photoUrl(sha: string): Promise<string> {
  let p = photoUrls.get(sha);
  if (!p) {
    p = inspectionApi.uploadBlob(sha).then((b) => URL.createObjectURL(b));
    p.catch(() => photoUrls.delete(sha));
    photoUrls.set(sha, p);
  }
  return p;
}

const fileUrls = new Map<string, Promise<string>>();

/** Object URL of any API path that needs the token (e.g. a stored signature). */
export function apiFileUrl(path: string): Promise<string> {
  let p = fileUrls.get(path);
  if (!p) {
    p = api.download(path).then((b) => URL.createObjectURL(b));
    p.catch(() => fileUrls.delete(path));
    fileUrls.set(path, p);
  }
  return p;
}

/** Opens a PDF that needs the token in a new tab as a blob URL. */
export async function openPdf(path: string): Promise<void> {
  // Opened before the fetch: a window opened after an await is blocked as a pop-up.
  const win = window.open('', '_blank');
  try {
    const blob = await api.download(path);
    const url = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
    if (win) win.location.href = url;
    else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 120_000);
  } catch (e) {
    win?.close();
    throw e;
  }
}

export const documentPdfPath = (id: number) => `/api/v1/documents/${id}/pdf`;

/** File name for a downloaded document: its number, else type and id. */
export function documentFileName(d: { id: number; number?: string; type_label?: string }): string {
  const base = (d.number || `${d.type_label ?? '文书'}-${d.id}`).replace(/[\\/:*?"<>|\s]+/g, '');
  return `${base || `document-${d.id}`}.pdf`;
}

// The session's files are not kept once it ends.
deviceSession.onEnd(() => {
  for (const cache of [photoUrls, fileUrls]) {
    for (const p of cache.values()) p.then((u) => URL.revokeObjectURL(u), () => {});
    cache.clear();
  }
});
