// The state and logic of the 检查表单 (InspectionFormView) for one task, without its template:
// loading the task and its checklist, the draft kept on the device (saved shortly after every
// change, restored on reload, removed once the server has confirmed the record), the client-side
// validation, the other members' attestations, the photos uploaded in the background, the steps,
// and the submission with the draft's Idempotency-Key (lib/inspectionSubmit: retried with backoff,
// so a repeat never makes a second record). The pure rules live in lib/inspection.ts; this file
// holds the Vue state around them. The view calls start() when mounted and stop() before it is
// unmounted, and provides the returned state to the step components (components/inspection/context.ts).
import { computed, nextTick, ref, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type Ref, type WritableComputedRef } from 'vue';
import { ApiError, errorMessage } from '../api/client';
import { inspectionApi, type Attestation, type RecordCreated, type Task, type TeamMember } from '../api/inspections';
import {
  STEPS, allPhotos, beijingLocalTime, createDraft, inTeam, normaliseDraft, progress, syncFindings, validateDraft,
  type InspectionDraft, type PhotoEntry, type Problem,
} from '../lib/inspection';
import { choiceOf, dropRejectedAttestation, syncAttestations } from '../lib/attestation';
import type { DraftStore } from '../lib/draftStore';
import { draftId, inspectionDrafts } from '../lib/inspectionDrafts';
import { isKeyReused, submitDraft, submitting, uploadPhoto } from '../lib/inspectionSubmit';
import { isRetryable, type RetryOptions } from '../lib/retry';

/** vue-i18n's t, as far as the form uses it */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The server calls the form makes (inspectionApi's). */
export type InspectionFormApi = Pick<typeof inspectionApi, 'task' | 'checklist' | 'taskSignatures' | 'upload' | 'submitRecord'>;

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

export interface InspectionDraftOptions {
  /** the task of the form; when it changes, the form loads the other task */
  taskId: MaybeRefOrGetter<number>;
  /** the signed-in account's id: drafts are kept per account and task */
  userId: MaybeRefOrGetter<number | undefined>;
  /** the signed-in account's roster person: the one member who signs on the pad here */
  me: MaybeRefOrGetter<number | null | undefined>;
  t: Translate;
  /** default inspectionApi */
  api?: InspectionFormApi;
  /** default the device's store of inspection drafts */
  store?: DraftStore<InspectionDraft>;
  /** the delay between an edit and the save of the draft (default 400 ms) */
  saveDelayMs?: number;
  /** merged over the submission's retry policy (6 attempts from 1 s); tests pass a sleep */
  retry?: RetryOptions;
}

export interface InspectionDraftState {
  draft: Ref<InspectionDraft | null>;
  /** true until the draft (or the closed task, or the error) is known */
  loading: Ref<boolean>;
  loadError: Ref<string>;
  /** a finished or cancelled task (from the server) without a draft to continue */
  closedTask: Ref<Task | null>;
  /** the draft was found on the device */
  restored: Ref<boolean>;
  saveState: Ref<SaveState>;
  online: Ref<boolean>;
  /** the problems are marked in the form (after a visit of the last step or a submission) */
  showProblems: Ref<boolean>;
  /** what the submission is doing (uploading, sending, waiting for a retry) */
  phase: Ref<string>;
  submitError: Ref<string>;
  /** the server saw the draft's Idempotency-Key with another body */
  keyReused: Ref<boolean>;
  /** the member whose attestation the server refused (used by another record, expired) */
  rejectedMember: Ref<string>;
  busy: Ref<boolean>;
  /** the server's answer once the record is stored */
  result: Ref<RecordCreated | null>;

  me: ComputedRef<number | null>;
  /** the index in STEPS of the step shown (kept in the draft) */
  step: WritableComputedRef<number>;
  /** every reason the server would refuse the draft, in form order */
  problems: ComputedRef<Problem[]>;
  /** the targets marked invalid (empty until showProblems) */
  invalidTargets: ComputedRef<Set<string>>;
  stats: ComputedRef<{ answered: number; total: number; nonconform: number }>;
  photoCount: ComputedRef<number>;
  /** the form is read-only while the record is being submitted */
  locked: ComputedRef<boolean>;

  /** the signed-in member is in the task's team */
  meInTeam: ComputedRef<boolean>;
  attLoading: Ref<boolean>;
  attError: Ref<string>;
  /** members the server has no account for (422): they cannot verify on this device */
  noAccount: Ref<Record<number, string>>;
  /** the member signing in the dialog */
  signing: Ref<TeamMember | null>;
  signOpen: Ref<boolean>;

  /** adds the online/offline listeners, loads the draft, uploads what is pending */
  start: () => Promise<void>;
  /** removes the listeners and saves an unfinished draft */
  stop: () => void;
  load: () => Promise<void>;
  saveNow: () => Promise<void>;
  /** GET /tasks/{id}/signatures (an error is shown when `asked`, else only when it is not a missing route or network) */
  refreshAttestations: (asked?: boolean) => Promise<void>;
  openSign: (m: TeamMember) => void;
  onSigned: (a: Attestation, png: string) => void;
  onNoAccount: (message: string) => void;
  /** drops the member's attestation and opens the dialog again */
  resign: (m: TeamMember) => void;
  uploadInBackground: (photo: PhotoEntry) => void;
  go: (n: number) => void;
  next: () => void;
  prev: () => void;
  /** goes to the problem's step and scrolls to its field */
  fix: (p: Problem) => Promise<void>;
  /** answers 符合 for every item not answered yet */
  markRestConform: () => void;
  setNow: (field: 'started_at' | 'ended_at') => void;
  submit: () => Promise<void>;
  /** removes the draft from the form and the device; true when there was one (the caller confirms first) */
  discard: () => Promise<boolean>;
}

/** The id of the element a problem scrolls to. */
export function problemTargetId(p: Problem): string {
  if (p.step === 1) return `item-${p.target}`;
  if (p.step === 2) return p.key === 'fineAmount' || p.key === 'penaltyBasis' ? `penalty-${p.target}` : `finding-${p.target}`;
  if (p.step === 3) return `sig-${p.target}`;
  return `field-${p.target}`;
}

const SIGNATURES_STEP = STEPS.indexOf('signatures');

export function useInspectionDraft(options: InspectionDraftOptions): InspectionDraftState {
  const { t } = options;
  const api = options.api ?? inspectionApi;
  const store = options.store ?? inspectionDrafts();
  const saveDelayMs = options.saveDelayMs ?? 400;

  const taskId = computed(() => toValue(options.taskId));
  const storeKey = computed(() => draftId(toValue(options.userId), taskId.value));
  const me = computed(() => toValue(options.me) ?? null);

  const draft = ref<InspectionDraft | null>(null);
  const loading = ref(true);
  const loadError = ref('');
  const closedTask = ref<Task | null>(null);
  const restored = ref(false);
  const saveState = ref<SaveState>('idle');
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const showProblems = ref(false);
  const phase = ref('');
  const submitError = ref('');
  const keyReused = ref(false);
  const rejectedMember = ref('');
  const busy = ref(false);
  const result = ref<RecordCreated | null>(null);
  const lastErrorRetryable = ref(false);

  const step = computed({
    get: () => draft.value?.step ?? 0,
    set: (v: number) => { if (draft.value) draft.value.step = Math.max(0, Math.min(STEPS.length - 1, v)); },
  });
  const problems = computed<Problem[]>(() => (draft.value ? validateDraft(draft.value, me.value) : []));
  const invalidTargets = computed(() => new Set(showProblems.value ? problems.value.map((p) => p.target ?? '') : []));
  const stats = computed(() => (draft.value ? progress(draft.value) : { answered: 0, total: 0, nonconform: 0 }));
  const photoCount = computed(() => (draft.value ? allPhotos(draft.value).length : 0));
  const locked = computed(() => draft.value?.submission.state === 'submitting' || busy.value);

  // -------------------------------------------------------------- saving

  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  async function saveNow() {
    clearTimeout(saveTimer);
    const d = draft.value;
    if (!d || result.value) return;
    saveState.value = 'saving';
    try {
      d.updatedAt = Date.now();
      await store.save(storeKey.value, d);
      saveState.value = 'saved';
    } catch {
      saveState.value = 'failed';
    }
  }
  watch(draft, () => {
    if (!draft.value || result.value) return;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void saveNow(), saveDelayMs);
  }, { deep: true });

  // -------------------------------------------------------------- loading

  async function load() {
    loading.value = true;
    loadError.value = '';
    closedTask.value = null;
    try {
      const stored = await store.load(storeKey.value).catch(() => null);
      if (stored && stored.taskId === taskId.value) {
        draft.value = normaliseDraft(stored, me.value);
        restored.value = true;
        if (stored.submission.state === 'submitting') stored.submission.state = 'failed'; // interrupted by the reload
        if (stored.submission.state === 'done' && stored.submission.answer) finish(stored.submission.answer);
        void refreshTask();
        return;
      }
      if (!online.value) {
        loadError.value = t('inspection.form.offlineNoDraft');
        return;
      }
      const task = await api.task(taskId.value);
      if (task.status !== 'scheduled') {
        closedTask.value = task;
        return;
      }
      const checklist = await api.checklist(task.checklist_id || 'general', task.checklist_version || undefined)
        .catch((e) => { throw new Error(`${t('inspection.form.noChecklist')}：${errorMessage(e)}`); });
      draft.value = createDraft(task, checklist);
      await saveNow();
      void refreshAttestations();
    } catch (e) {
      loadError.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  /** The task may have been completed elsewhere (or by a submission whose answer was lost). */
  async function refreshTask() {
    loading.value = false;
    if (!online.value || !draft.value || result.value) return;
    try {
      const task = await api.task(taskId.value);
      if (task.status !== 'scheduled' && draft.value.submission.state !== 'done') closedTask.value = task;
      else void refreshAttestations();
    } catch {
      // offline or not found: keep working on the draft
    }
  }

  // -------------------------------------------------------------- the other members' signatures

  const meInTeam = computed(() => !!draft.value && inTeam(draft.value.task, me.value));
  const attLoading = ref(false);
  const attError = ref('');
  const noAccount = ref<Record<number, string>>({});
  const signing = ref<TeamMember | null>(null);
  const signOpen = ref(false);

  /**
   * GET /tasks/{id}/signatures: drops chosen attestations that were used or expired and picks up
   * the newest usable one of each member without one (signed in their own account meanwhile).
   */
  async function refreshAttestations(asked = false) {
    const d = draft.value;
    if (!d || result.value || !online.value || attLoading.value) return;
    attLoading.value = true;
    if (asked) attError.value = '';
    try {
      const answer = await api.taskSignatures(d.taskId);
      if (draft.value !== d) return;
      syncAttestations(d, answer.items ?? [], me.value);
      attError.value = '';
    } catch (e) {
      // quiet unless asked for: the form works without it (a server without the route answers 404)
      if (asked || !(e instanceof ApiError && (e.status === 0 || e.status === 404))) attError.value = t('inspection.att.refreshFailed', { f: errorMessage(e) });
    } finally {
      attLoading.value = false;
    }
  }
  function openSign(m: TeamMember) {
    signing.value = m;
    signOpen.value = true;
  }
  function onSigned(a: Attestation, png: string) {
    const d = draft.value;
    if (!d) return;
    d.signatures.attestations[String(a.inspector_id)] = choiceOf(a, png);
    attError.value = '';
    void saveNow();
  }
  function onNoAccount(message: string) {
    if (signing.value) noAccount.value = { ...noAccount.value, [signing.value.inspector_id]: message };
  }
  function resign(m: TeamMember) {
    if (!draft.value) return;
    delete draft.value.signatures.attestations[String(m.inspector_id)];
    if (online.value && !noAccount.value[m.inspector_id]) openSign(m);
  }
  watch(step, (s) => { if (s === SIGNATURES_STEP) void refreshAttestations(); });

  // -------------------------------------------------------------- photos uploaded in the background

  const retryQuiet: RetryOptions = { maxAttempts: 3, baseDelayMs: 1500 };
  function uploadInBackground(photo: PhotoEntry) {
    if (!online.value) return;
    void uploadPhoto(photo, { upload: (b, n, tk) => api.upload(b, n, tk), retry: retryQuiet }).catch(() => {
      // kept as 'error' in the draft: retried when the record is submitted
    });
  }
  function uploadPending() {
    if (!draft.value || !online.value) return;
    for (const ph of allPhotos(draft.value)) if (ph.status === 'pending' || ph.status === 'error') uploadInBackground(ph);
  }

  // -------------------------------------------------------------- navigation

  function go(n: number) {
    if (!draft.value) return;
    syncFindings(draft.value);
    step.value = n;
    void nextTick(() => window.scrollTo({ top: 0 }));
  }
  function next() {
    go(step.value + 1);
    if (step.value === STEPS.length - 1) showProblems.value = true;
  }
  function prev() {
    go(step.value - 1);
  }
  async function fix(p: Problem) {
    showProblems.value = true;
    go(p.step);
    await nextTick();
    const id = p.target ? problemTargetId(p) : '';
    const el = id ? document.getElementById(id) : null;
    el?.scrollIntoView({ block: 'center' });
  }
  function markRestConform() {
    if (!draft.value) return;
    for (const it of draft.value.checklist.items) {
      const r = draft.value.results[it.code];
      if (r && !r.result) r.result = 'conform';
    }
  }
  function setNow(field: 'started_at' | 'ended_at') {
    if (draft.value) draft.value.basics[field] = beijingLocalTime();
  }

  // -------------------------------------------------------------- submit

  async function submit() {
    const d = draft.value;
    if (!d || busy.value || submitting(d)) return;
    syncFindings(d);
    showProblems.value = true;
    if (validateDraft(d, me.value).length) return;
    busy.value = true;
    submitError.value = '';
    keyReused.value = false;
    rejectedMember.value = '';
    try {
      const answer = await submitDraft(d, {
        inspectorId: me.value,
        upload: (b, n, tk) => api.upload(b, n, tk),
        send: (id, body, key) => api.submitRecord(id, body, key),
        save: async (x) => { await store.save(storeKey.value, x); },
        retry: {
          maxAttempts: 6,
          baseDelayMs: 1000,
          onRetry: (attempt, _e, ms) => { phase.value = t('inspection.form.retrying', { n: Math.round(ms / 1000), m: attempt }); },
          ...options.retry,
        },
        onProgress: (what, n, m) => {
          phase.value = what === 'upload' ? t('inspection.form.uploading', { n, m }) : t('inspection.form.sending');
        },
      });
      finish(answer);
    } catch (e) {
      keyReused.value = isKeyReused(e);
      lastErrorRetryable.value = isRetryable(e);
      submitError.value = errorMessage(e);
      // an attestation used by another record or expired: dropped, the member signs again
      const member = dropRejectedAttestation(d, e);
      if (member) {
        rejectedMember.value = member.name;
        void saveNow();
        void refreshAttestations();
      }
    } finally {
      busy.value = false;
      phase.value = '';
    }
  }

  function finish(answer: RecordCreated) {
    result.value = answer;
    clearTimeout(saveTimer);
    // the server holds the record now: the device copy is no longer needed
    void store.remove(storeKey.value).catch(() => {});
    window.scrollTo({ top: 0 });
  }

  async function discard(): Promise<boolean> {
    clearTimeout(saveTimer);
    const d = draft.value;
    draft.value = null;
    await store.remove(storeKey.value).catch(() => {});
    return !!d;
  }

  // -------------------------------------------------------------- online / offline, lifecycle

  function onOnline() {
    online.value = true;
    uploadPending();
    void refreshAttestations();
    const d = draft.value;
    // a submission that failed on the network goes again by itself
    if (d && d.submission.state === 'failed' && lastErrorRetryable.value) void submit();
  }
  function onOffline() {
    online.value = false;
  }
  function start(): Promise<void> {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    return load().then(() => uploadPending());
  }
  function stop() {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    if (draft.value && !result.value) void saveNow();
  }
  watch(taskId, () => {
    draft.value = null;
    result.value = null;
    void load();
  });

  return {
    draft, loading, loadError, closedTask, restored, saveState, online, showProblems, phase, submitError, keyReused, rejectedMember,
    busy, result, me, step, problems, invalidTargets, stats, photoCount, locked,
    meInTeam, attLoading, attError, noAccount, signing, signOpen,
    start, stop, load, saveNow, refreshAttestations, openSign, onSigned, onNoAccount, resign, uploadInBackground,
    go, next, prev, fix, markRestConform, setNow, submit, discard,
  };
}
