// Submitting a draft: upload every photo the server does not hold yet, then
// POST the record with the draft's Idempotency-Key, each step retried with
// backoff. The draft is saved after every change of state, so a reload in the
// middle resumes where it stopped and a repeat never creates a second record.
// Two calls for the same draft at once (a double click, the "online" event
// while the user presses 提交) share one run.
import type { RecordBody, RecordCreated } from '../api/inspections';
import { ApiError } from '../api/client';
import { allPhotos, buildRecordBody, type InspectionDraft, type PhotoEntry } from './inspection';
import { withRetry, type RetryOptions } from './retry';

export interface SubmitDeps {
  /** the submitting account's inspector id: its member signs with the draft's PNG, the others with attestations */
  inspectorId: number | null | undefined;
  upload: (blob: Blob, name: string, takenAt: string | null) => Promise<{ sha256: string }>;
  send: (taskId: number, body: RecordBody, idempotencyKey: string) => Promise<RecordCreated>;
  /** persists the draft (called after every state change) */
  save: (draft: InspectionDraft) => Promise<void> | void;
  retry?: RetryOptions;
  /** progress for the UI */
  onProgress?: (phase: 'upload' | 'send', done: number, total: number) => void;
}

/** Blob of a data URL (base64 only). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const comma = dataUrl.indexOf(',');
  const header = dataUrl.slice(5, comma); // after "data:"
  const mime = header.split(';')[0] || 'application/octet-stream';
  const bin = atob(dataUrl.slice(comma + 1));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}

const photoInflight = new Map<string, Promise<PhotoEntry>>();

/**
 * Uploads one photo if needed; marks it done (and drops its bytes) on
 * success. A photo already being uploaded (in the background while the form
 * is filled) is not sent a second time: the running upload is awaited.
 */
export function uploadPhoto(photo: PhotoEntry, deps: Pick<SubmitDeps, 'upload' | 'retry'>): Promise<PhotoEntry> {
  if (photo.sha && photo.status === 'done') return Promise.resolve(photo);
  const running = photoInflight.get(photo.id);
  if (running) return running;
  const run = uploadOnce(photo, deps).finally(() => photoInflight.delete(photo.id));
  photoInflight.set(photo.id, run);
  return run;
}

async function uploadOnce(photo: PhotoEntry, deps: Pick<SubmitDeps, 'upload' | 'retry'>): Promise<PhotoEntry> {
  if (!photo.data) throw new Error(`photo ${photo.name} has neither bytes nor a sha`);
  const data = photo.data;
  photo.status = 'uploading';
  photo.error = undefined;
  try {
    const answer = await withRetry(() => deps.upload(dataUrlToBlob(data), photo.name, photo.takenAt ?? null), deps.retry);
    photo.sha = answer.sha256;
    photo.data = null;
    photo.status = 'done';
  } catch (e) {
    photo.status = 'error';
    photo.error = e instanceof Error ? e.message : String(e);
    throw e;
  }
  return photo;
}

const inflight = new Map<string, Promise<RecordCreated>>();

export function submitting(draft: Pick<InspectionDraft, 'idempotencyKey'>): boolean {
  return inflight.has(draft.idempotencyKey);
}

export function submitDraft(draft: InspectionDraft, deps: SubmitDeps): Promise<RecordCreated> {
  if (draft.submission.state === 'done' && draft.submission.answer) return Promise.resolve(draft.submission.answer);
  const running = inflight.get(draft.idempotencyKey);
  if (running) return running;
  const run = runSubmission(draft, deps).finally(() => inflight.delete(draft.idempotencyKey));
  inflight.set(draft.idempotencyKey, run);
  return run;
}

async function runSubmission(draft: InspectionDraft, deps: SubmitDeps): Promise<RecordCreated> {
  const save = async () => {
    draft.updatedAt = Date.now();
    await deps.save(draft);
  };
  draft.submission.state = 'submitting';
  draft.submission.error = '';
  await save();
  try {
    const photos = allPhotos(draft);
    const pending = photos.filter((ph) => !(ph.sha && ph.status === 'done'));
    let done = 0;
    deps.onProgress?.('upload', done, pending.length);
    for (const ph of pending) {
      await uploadPhoto(ph, deps);
      done += 1;
      deps.onProgress?.('upload', done, pending.length);
      await save();
    }
    const body = buildRecordBody(draft, deps.inspectorId);
    deps.onProgress?.('send', 0, 1);
    const answer = await withRetry(async () => {
      draft.submission.attempts += 1;
      return deps.send(draft.taskId, body, draft.idempotencyKey);
    }, deps.retry);
    draft.submission.state = 'done';
    draft.submission.answer = answer;
    deps.onProgress?.('send', 1, 1);
    await save();
    return answer;
  } catch (e) {
    draft.submission.state = 'failed';
    draft.submission.error = e instanceof Error ? e.message : String(e);
    await save();
    throw e;
  }
}

/** The server saw this key with another body: an earlier attempt may have been stored. */
export function isKeyReused(e: unknown): boolean {
  return e instanceof ApiError && e.status === 409 && /idempotency/.test(e.code);
}
