/**
 * Two tabs (or windows) editing the same case: every save checks, inside its transaction, that the
 * stored case still has the revision this tab last read or wrote. If another tab saved in between the
 * save is refused with {@link CaseConflictError} (nothing is overwritten) and the tab asks the user to
 * reload the other version or keep theirs as a copy. Saves are also announced on a BroadcastChannel
 * so a tab with no unsaved changes follows the other tab's edits at once.
 */
import type { CaseRecord } from './types';

export class CaseConflictError extends Error {
  override readonly name = 'CaseConflictError';
  constructor(readonly theirs: CaseRecord) {
    super(
      `This case was changed in another tab or window (saved ${new Date(theirs.updatedAt).toLocaleString()}); ` +
        'your changes here were not written over it.',
    );
  }
}

export function isConflict(e: unknown): e is CaseConflictError {
  return e instanceof CaseConflictError;
}

export const CASE_CHANNEL = 'sonomir-cases';

export interface CaseSavedMessage {
  type: 'case-saved';
  id: string;
  revision: number;
}

let channel: BroadcastChannel | null | undefined;

function getChannel(): BroadcastChannel | null {
  if (channel === undefined)
    channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CASE_CHANNEL);
  return channel;
}

/** Tells the other tabs that a case was saved. */
export function announceSave(id: string, revision: number): void {
  const msg: CaseSavedMessage = { type: 'case-saved', id, revision };
  getChannel()?.postMessage(msg);
}

/** Listens for saves announced by other tabs; returns the stop function. */
export function onCaseSaved(listener: (msg: CaseSavedMessage) => void): () => void {
  const ch = getChannel();
  if (!ch) return () => undefined;
  const handler = (ev: MessageEvent) => {
    const d = ev.data as Partial<CaseSavedMessage> | null;
    if (d && d.type === 'case-saved' && typeof d.id === 'string' && typeof d.revision === 'number')
      listener({ type: 'case-saved', id: d.id, revision: d.revision });
  };
  ch.addEventListener('message', handler);
  return () => ch.removeEventListener('message', handler);
}
