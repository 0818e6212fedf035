/**
 * The PACS outbox sender of the running app: while a PACS is configured and objects wait in the
 * outbox, it tries the due ones every few seconds (the outbox's own backoff decides what is due) and
 * at once when the browser comes back online.
 *
 * Must stay true: with no PACS configured it sends nothing (it does not even read the outbox), and a
 * failed attempt is never thrown at the page (the item keeps its `lastError`, which the UI shows).
 */
import { usePacsStore } from './pacs';

/** How often the sender looks for due items (the outbox's backoff starts at 5 s). */
export const OUTBOX_TICK_MS = 2_500;

let users = 0;
let timer: ReturnType<typeof setInterval> | null = null;
let busy = false;

async function tick(): Promise<void> {
  const s = usePacsStore.getState();
  if (busy || !s.settings.enabled) return;
  if (!s.outbox.some((x) => x.state === 'pending')) return;
  busy = true;
  try {
    await s.flushOutbox(false);
  } catch {
    // The item keeps its lastError (shown by the UI); the next tick tries again when it is due.
  } finally {
    busy = false;
  }
}

const onOnline = () => {
  const s = usePacsStore.getState();
  if (!s.settings.enabled || !s.outbox.some((x) => x.state === 'pending')) return;
  void s.flushOutbox(true).catch(() => undefined);
};

/**
 * Starts the sender (reference-counted: every screen that shows PACS status may start it) after
 * reading the settings and the outbox. Returns the stop function.
 */
export function startOutboxSender(): () => void {
  users++;
  if (users === 1) {
    const s = usePacsStore.getState();
    void (async () => {
      if (!s.loaded) await s.loadSettings();
      if (usePacsStore.getState().settings.enabled) await usePacsStore.getState().refreshOutbox();
    })().catch(() => undefined);
    timer = setInterval(() => void tick(), OUTBOX_TICK_MS);
    globalThis.addEventListener?.('online', onOnline);
  }
  return () => {
    users--;
    if (users === 0) {
      if (timer) clearInterval(timer);
      timer = null;
      globalThis.removeEventListener?.('online', onOnline);
    }
  };
}
