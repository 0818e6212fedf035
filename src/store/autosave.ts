/**
 * Automatic saving of the current case: every persisted change (a new `revision`) schedules one
 * transactional write after a short quiet period (debounce), so typing or drawing never waits for the
 * database and nothing is lost on reload. The delay is short so that a page killed abruptly (crash,
 * closed window) loses at most the last fraction of a second of typing. The last opened case is
 * remembered in localStorage.
 *
 * Two tabs: the save transaction refuses to overwrite a case another tab saved since this tab read it
 * (`CaseConflictError`); the tab then shows the conflict (store `conflict`) and saves nothing more
 * until the user reloads the other version or keeps theirs as a copy ({@link resolveConflict}). Saves
 * are announced on a BroadcastChannel: a tab without unsaved changes follows the other tab at once,
 * a tab with unsaved changes shows the conflict immediately.
 *
 * A full storage (QuotaExceededError) sets the store's `storageFull` explanation (the UI offers a backup).
 *
 * Must stay true: a failed save is never dropped. It is told (save state 'error' with a message naming
 * the retry) and retried after {@link RETRY_DELAYS_MS} — the current case, a case already left, and the
 * copy kept of a case left in conflict alike — until it succeeds.
 */
import { loadCase, saveCase } from '../db/cases';
import { announceSave, isConflict, onCaseSaved } from '../db/conflicts';
import { describeWriteError, isQuotaError } from '../db/quota';
import type { CaseRecord, ImageRecord } from '../db/types';
import { lockNow, useLockStore } from './lock';
import { LockedError } from '../security/records';
import { useCaseStore, type CaseState } from './caseStore';
import { message, type Message } from '../util/message';

export const LAST_CASE_KEY = 'sonomir.lastCaseId';
export const AUTOSAVE_DELAY_MS = 150;

let timer: ReturnType<typeof setTimeout> | null = null;
/** The pending retry of the current case's failed save. */
let retryTimer: ReturnType<typeof setTimeout> | null = null;

/** Waits before the 1st, 2nd, … retry of a failed save (the last one repeats). */
export const RETRY_DELAYS_MS = [1000, 2000, 5000, 10_000, 30_000];
const retryDelay = (attempt: number) => RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
let currentFailures = 0;

function clearRetry(): void {
  if (retryTimer) {
    clearTimeout(retryTimer);
    retryTimer = null;
  }
}

/** Runs `task` after the delay of retry number `attempt`; returns the delay in seconds (for the message). */
function later(attempt: number, task: () => void): number {
  const ms = retryDelay(attempt);
  const t = setTimeout(task, ms);
  (t as { unref?: () => void }).unref?.();
  return ms / 1000;
}

/** Tells the user that the edits of a case already left (or its conflict copy) could not be saved yet. */
function tellLeftCaseFailed(record: CaseRecord, e: unknown, seconds: number): void {
  const failure: Message = message('save.leftCase', {
    patient: record.patientId || record.id,
    message: describeWriteError(e),
    seconds,
  });
  useCaseStore.getState().setSaveState('error', failure);
}

/** Saves the copy of a case left in conflict, retrying until it is stored. */
async function saveLeftCopy(record: CaseRecord, image: ImageRecord | undefined, attempt = 0): Promise<void> {
  try {
    await saveCase(record, image);
  } catch (e) {
    const seconds = later(attempt, () => {
      running = running.then(() => saveLeftCopy(record, image, attempt + 1));
    });
    tellLeftCaseFailed(record, e, seconds);
  }
}

/** Remembers the case to reopen after a reload (ignored where localStorage is unavailable). */
export function rememberCase(id: string | null): void {
  try {
    if (id) globalThis.localStorage?.setItem(LAST_CASE_KEY, id);
    else globalThis.localStorage?.removeItem(LAST_CASE_KEY);
  } catch {
    // Storage disabled: the case is still saved, it just does not reopen by itself.
  }
}

/** The case to reopen, if any. */
export function rememberedCase(): string | null {
  try {
    return globalThis.localStorage?.getItem(LAST_CASE_KEY) ?? null;
  } catch {
    return null;
  }
}
let running: Promise<void> = Promise.resolve();

/**
 * This tab's own saves: `${id}@${revision saved from}` → the revision stored. A snapshot of a case being
 * left can carry the revision its in-flight save started from (the result had not reached the store
 * yet); its save is based on the revision that save stored, so it is not taken for another tab's edit.
 * A revision written by another tab is never in here, so a real conflict is still refused.
 */
const ownSaves = new Map<string, number>();
const OWN_SAVES_KEPT = 256;
const ownKey = (id: string, revision: number) => `${id}@${revision}`;

/** `record` based on the latest revision this tab itself wrote on top of it. */
function rebased(record: CaseRecord): CaseRecord {
  let revision = record.revision ?? 0;
  for (let next = ownSaves.get(ownKey(record.id, revision)); next !== undefined;) {
    revision = next;
    next = ownSaves.get(ownKey(record.id, revision));
  }
  return revision === (record.revision ?? 0) ? record : { ...record, revision };
}

function rememberOwnSave(record: CaseRecord, stored: number): void {
  ownSaves.set(ownKey(record.id, record.revision ?? 0), stored);
  if (ownSaves.size > OWN_SAVES_KEPT) ownSaves.delete(ownSaves.keys().next().value as string);
}

/** Writes the current case now (queued behind a save in progress). */
export function flushSave(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  clearRetry();
  return enqueueSave(null);
}

function imageOf(s: CaseState, id = s.record.id): ImageRecord | undefined {
  return s.image
    ? { caseId: id, blob: new Blob([s.image.bytes as Uint8Array<ArrayBuffer>]), fileName: s.image.fileName }
    : undefined;
}

/** A copy of `record` under a new ID (revision 0), its patient ID marked with `suffix`. */
function copyOf(record: CaseRecord, suffix: string): CaseRecord {
  return {
    ...structuredClone(record),
    id: crypto.randomUUID(),
    patientId: `${record.patientId} ${suffix}`.trim(),
    createdAt: new Date().toISOString(),
    revision: 0,
  };
}

/** Saves a left case's version that conflicts with another tab's as a new case (its image under the copy's ID). */
function saveConflictCopy(s: CaseState): Promise<void> {
  const copy = copyOf(s.record, '(conflicting copy)');
  return saveLeftCopy(copy, imageOf(s, copy.id));
}

/** Queues a save of `snapshot` (a case being left), or of the current state when null. */
function enqueueSave(snapshot: CaseState | null, attempt = 0): Promise<void> {
  running = running.then(async () => {
    const s = snapshot ?? useCaseStore.getState();
    if (!s.touched) return;
    if (s.conflict) {
      // The current case in conflict saves nothing until the user chooses; a case left in conflict
      // keeps this tab's version as a copy (never drop the edits made here).
      if (snapshot) await saveConflictCopy(s);
      return;
    }
    const revision = s.revision;
    const imageDirty = s.imageDirty;
    // The image object this save writes: another image opened meanwhile stays dirty for the next save.
    const savedImage = imageDirty ? s.image : undefined;
    const isCurrent = () => useCaseStore.getState().record.id === s.record.id;
    if (isCurrent()) useCaseStore.getState().setSaveState('saving');
    try {
      const record = rebased(s.record);
      const stored = await saveCase(record, imageDirty ? imageOf(s) : undefined);
      rememberOwnSave(record, stored.revision ?? 0);
      announceSave(stored.id, stored.revision ?? 0);
      if (!isCurrent()) return;
      currentFailures = 0;
      rememberCase(stored.id);
      const now = useCaseStore.getState();
      useCaseStore.setState({
        imageDirty: now.imageDirty && !(imageDirty && now.image === savedImage),
        storageFull: null,
        record:
          now.revision === revision
            ? { ...now.record, status: stored.status, updatedAt: stored.updatedAt, revision: stored.revision }
            : { ...now.record, revision: stored.revision },
      });
      now.setSaveState(now.revision === revision ? 'saved' : 'pending');
    } catch (e) {
      if (isConflict(e)) {
        if (isCurrent()) {
          // The stored version read again outside the transaction (decrypted when the lock is on).
          const theirs = (await loadCase(s.record.id).catch(() => null))?.record ?? e.theirs;
          useCaseStore.setState({ conflict: theirs });
          useCaseStore.getState().setSaveState('error');
        } else {
          // A case already left: keep both versions (never drop the edits made here).
          await saveConflictCopy(s);
        }
        return;
      }
      // The lock was turned on in another tab: this tab shows the lock screen; the edits stay in memory
      // and are saved (encrypted) once the passphrase is entered.
      if (e instanceof LockedError) void useLockStore.getState().refresh();
      if (!isCurrent()) {
        // A case already left: its edits exist only in `s`; save them again later.
        const seconds = later(attempt, () => void enqueueSave(s, attempt + 1));
        tellLeftCaseFailed(s.record, e, seconds);
        return;
      }
      clearRetry();
      const ms = retryDelay(currentFailures);
      currentFailures++;
      retryTimer = setTimeout(() => {
        retryTimer = null;
        void enqueueSave(null);
      }, ms);
      (retryTimer as { unref?: () => void }).unref?.();
      const seconds = ms / 1000;
      if (isQuotaError(e)) {
        // The storage-full banner tells it (and offers a backup); the save is retried all the same.
        useCaseStore.setState({ storageFull: describeWriteError(e) });
        useCaseStore.getState().setSaveState('error');
      } else {
        useCaseStore
          .getState()
          .setSaveState('error', message('save.retrying', { message: describeWriteError(e), seconds }));
      }
    }
  });
  return running;
}

/**
 * Ends a conflict: `theirs` reopens the version the other tab saved (this tab's unsaved changes are
 * dropped); `copy` saves this tab's version as a new case (patient ID marked "(my copy)") and opens
 * it, leaving the other tab's version untouched.
 */
export async function resolveConflict(choice: 'theirs' | 'copy'): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  await running;
  const s = useCaseStore.getState();
  if (!s.conflict) return;
  if (choice === 'theirs') {
    await s.openCase(s.record.id);
    return;
  }
  const copy = copyOf(s.record, '(my copy)');
  try {
    await saveCase(copy, imageOf(s, copy.id));
  } catch (e) {
    s.setSaveState('error', describeWriteError(e, 'copy'));
    return;
  }
  // This tab's version is stored (as the copy): leaving it is not leaving unsaved edits.
  useCaseStore.setState({ touched: false });
  await s.openCase(copy.id);
  rememberCase(copy.id);
}

/** Another tab saved case `id`: follow it when nothing is unsaved here, otherwise show the conflict. */
async function otherTabSaved(id: string, revision: number): Promise<void> {
  const s = useCaseStore.getState();
  if (s.record.id !== id || (s.record.revision ?? 0) >= revision || s.conflict) return;
  const unsaved = timer !== null || s.saveState === 'pending' || s.saveState === 'saving';
  if (!unsaved) {
    await s.openCase(id);
    return;
  }
  const found = await loadCase(id);
  const now = useCaseStore.getState();
  if (found && now.record.id === id && (found.record.revision ?? 0) > (now.record.revision ?? 0)) {
    useCaseStore.setState({ conflict: found.record });
    now.setSaveState('error');
  }
}

/**
 * Locks the app (the button, or inactivity): saves what is pending, forgets the key and clears the
 * decrypted case from memory. Must stay true: locking loses no edit — a case whose save failed (storage
 * full, a conflict with another tab, any write error) stays in memory behind the lock screen, its
 * failure still shown and retried, and is saved once the passphrase is entered again.
 */
export async function lockApp(): Promise<void> {
  let flushed = true;
  try {
    await flushSave();
  } catch {
    flushed = false;
  }
  const s = useCaseStore.getState();
  const unsaved = !flushed || s.conflict !== null || (s.touched && s.saveState !== 'saved');
  lockNow();
  if (!unsaved) s.newCase();
}

/**
 * "New case" on the Case screen: starts the new case at once — what is typed next belongs to it — and
 * leaves the previous one to the autosave, which stores its last state (the running autosave saves a
 * case left with changes not yet stored; see {@link startAutosave}). Must stay true: nothing waits
 * between the click and the switch, or a patient ID typed right after the click would land in, and
 * overwrite, the previous patient's case.
 */
export function startNewCase(): void {
  useCaseStore.getState().newCase();
  rememberCase(null);
}

/** Resolves when the saves started so far have finished (e.g. before listing cases). */
export function whenSaved(): Promise<void> {
  return running;
}

/** Starts watching the store; returns the stop function. */
export function startAutosave(): () => void {
  const stopListening = onCaseSaved((m) => void otherTabSaved(m.id, m.revision));
  const unsubscribe = useCaseStore.subscribe((s, prev) => {
    // A pending timer implies the save state 'pending': the state alone says whether the case has
    // changes not yet stored.
    if (s.record.id !== prev.record.id && prev.touched && prev.saveState !== 'saved') {
      // Another case was opened (or a new one started) with changes of the previous one not yet stored
      // (pending, being saved, or failed): the previous case's last state is saved — and retried until
      // stored — as a case left. The current case's timer and retry belonged to it.
      if (timer) clearTimeout(timer);
      timer = null;
      clearRetry();
      currentFailures = 0;
      void enqueueSave(prev);
    }
    if (s.revision === prev.revision || !s.touched || s.conflict) return;
    if (s.saveState !== 'pending') s.setSaveState('pending');
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flushSave(), AUTOSAVE_DELAY_MS);
  });
  // Leaving or hiding the page writes a pending change at once instead of after the delay.
  const flushPending = () => {
    if (timer) void flushSave();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flushPending();
  };
  const hasWindow = typeof window !== 'undefined';
  if (hasWindow) {
    window.addEventListener('pagehide', flushPending);
    document.addEventListener('visibilitychange', onVisibility);
  }
  return () => {
    if (hasWindow) {
      window.removeEventListener('pagehide', flushPending);
      document.removeEventListener('visibilitychange', onVisibility);
    }
    unsubscribe();
    stopListening();
    if (timer) {
      clearTimeout(timer);
      timer = null;
      void flushSave();
    }
  };
}
