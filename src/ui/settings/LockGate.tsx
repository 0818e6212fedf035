/**
 * The passphrase lock in the UI: while the lock is on and this tab is locked, the screens are replaced
 * by the lock screen; while unlocked, inactivity locks the app again (`lockApp`: the open case is saved
 * and cleared from memory, or kept behind the lock screen when its save failed).
 */
import { useEffect, useState, type ReactNode } from 'react';
import { flushSave, lockApp, rememberedCase } from '../../store/autosave';
import { useCaseStore } from '../../store/caseStore';
import { unlock, useLockStore } from '../../store/lock';
import { message as renderText, t as tr, toMessage, useT } from '../../i18n';

const ACTIVITY = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

function useAutoLock(active: boolean, minutes: number): void {
  useEffect(() => {
    if (!active || !(minutes > 0)) return;
    let timer = setTimeout(() => void lockApp(), minutes * 60_000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void lockApp(), minutes * 60_000);
    };
    for (const e of ACTIVITY) window.addEventListener(e, reset, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, reset);
    };
  }, [active, minutes]);
}

function LockScreen() {
  const t = useT();
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await unlock(passphrase);
      setPassphrase('');
      const st = useCaseStore.getState();
      if (st.touched && st.saveState !== 'saved') {
        // Edits made before the lock (turned on in another tab) are saved now, encrypted.
        await flushSave();
      } else {
        const id = rememberedCase();
        if (id) await st.openCase(id);
        if (useCaseStore.getState().loadError) useCaseStore.getState().newCase();
      }
    } catch (e) {
      setError(renderText(toMessage(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel lock-screen" aria-labelledby="lock-heading">
      <h2 id="lock-heading">{t('security.lockedHeading')}</h2>
      <p>{t('security.lockedText')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label className="inline">
          {t('security.passphrase')}
          <input
            type="password"
            autoComplete="current-password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoFocus
          />
        </label>{' '}
        <button type="submit" disabled={busy || !passphrase}>
          {busy ? t('security.checking') : t('security.unlock')}
        </button>
      </form>
      {error && (
        <p role="alert" className="message error">
          {error}
        </p>
      )}
    </section>
  );
}

export function LockGate({ children }: { children: ReactNode }) {
  const status = useLockStore((s) => s.status);
  const minutes = useLockStore((s) => s.autoLockMinutes);
  useEffect(() => {
    void useLockStore
      .getState()
      .refresh()
      .catch(() => useLockStore.setState({ status: 'off' }));
  }, []);
  useAutoLock(status === 'unlocked', minutes);
  if (status === 'checking')
    return (
      <p role="status" className="hint">
        {tr('security.opening')}
      </p>
    );
  if (status === 'locked') return <LockScreen />;
  return <>{children}</>;
}
