/**
 * Automatic saving of the current case: every persisted change (a new `revision`) schedules one
 * transactional write after a short quiet period (debounce), so typing or drawing never waits for the
 * database and nothing is lost on reload. The last opened case is remembered in localStorage.
 */
import { saveCase } from '../db/cases';
import { useCaseStore, type CaseState } from './caseStore';

export const LAST_CASE_KEY = 'sonomir.lastCaseId';
export const AUTOSAVE_DELAY_MS = 400;

let timer: ReturnType<typeof setTimeout> | null = null;

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

/** Writes the current case now (queued behind a save in progress). */
export function flushSave(): Promise<void> {
  if (timer) {
    clearTimeout(timer);
    timer = null;
  }
  return enqueueSave(null);
}

/** Queues a save of `snapshot` (a case being left), or of the current state when null. */
function enqueueSave(snapshot: CaseState | null): Promise<void> {
  running = running.then(async () => {
    const s = snapshot ?? useCaseStore.getState();
    if (!s.touched) return;
    const revision = s.revision;
    const imageDirty = s.imageDirty;
    const isCurrent = () => useCaseStore.getState().record.id === s.record.id;
    if (isCurrent()) useCaseStore.getState().setSaveState('saving');
    try {
      const stored = await saveCase(
        s.record,
        imageDirty && s.image
          ? {
              caseId: s.record.id,
              blob: new Blob([s.image.bytes as Uint8Array<ArrayBuffer>]),
              fileName: s.image.fileName,
            }
          : undefined,
      );
      if (!isCurrent()) return;
      rememberCase(stored.id);
      const now = useCaseStore.getState();
      useCaseStore.setState({
        imageDirty: now.imageDirty && !imageDirty,
        record:
          now.revision === revision
            ? { ...now.record, status: stored.status, updatedAt: stored.updatedAt }
            : now.record,
      });
      now.setSaveState(now.revision === revision ? 'saved' : 'pending');
    } catch (e) {
      if (isCurrent())
        useCaseStore.getState().setSaveState('error', `Saving failed: ${(e as Error).message}`);
    }
  });
  return running;
}

/** Resolves when the saves started so far have finished (e.g. before listing cases). */
export function whenSaved(): Promise<void> {
  return running;
}

/** Starts watching the store; returns the stop function. */
export function startAutosave(): () => void {
  const unsubscribe = useCaseStore.subscribe((s, prev) => {
    if (s.record.id !== prev.record.id && timer) {
      // Another case was opened (or a new one started) with changes of the previous one pending.
      clearTimeout(timer);
      timer = null;
      void enqueueSave(prev);
    }
    if (s.revision === prev.revision || !s.touched) return;
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
    if (timer) {
      clearTimeout(timer);
      timer = null;
      void flushSave();
    }
  };
}
