/** Turning the passphrase lock on and off, and locking now. */
import { useState } from 'react';

import {
  disableLock,
  enableLock,
  MIN_PASSPHRASE_LENGTH,
  PBKDF2_ITERATIONS,
  useLockStore,
} from '../../store/lock';
import { describeWriteError } from '../../store/storage';
import { lockApp } from '../../store/autosave';
import { formatInteger, message as render, t as tr, useT } from '../../i18n';

export function SecurityPanel() {
  const t = useT();
  const status = useLockStore((s) => s.status);
  const minutes = useLockStore((s) => s.autoLockMinutes);
  const [pass1, setPass1] = useState('');
  const [pass2, setPass2] = useState('');
  const [autoLock, setAutoLock] = useState('15');
  const [current, setCurrent] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);

  const run = async (what: string, f: () => Promise<void>, done: string) => {
    setBusy(true);
    setMessage({ kind: 'info', text: what });
    try {
      await f();
      setMessage({ kind: 'ok', text: done });
      setPass1('');
      setPass2('');
      setCurrent('');
    } catch (e) {
      setMessage({ kind: 'error', text: render(describeWriteError(e, 'lock')) });
    } finally {
      setBusy(false);
    }
  };

  const turnOn = () => {
    const m = Number(autoLock);
    if (pass1.length < MIN_PASSPHRASE_LENGTH) {
      setMessage({
        kind: 'error',
        text: tr('security.tooShort', { n: MIN_PASSPHRASE_LENGTH }),
      });
      return;
    }
    if (pass1 !== pass2) {
      setMessage({ kind: 'error', text: tr('security.differ') });
      return;
    }
    if (!Number.isInteger(m) || m < 1 || m > 240) {
      setMessage({ kind: 'error', text: tr('security.badMinutes') });
      return;
    }
    void run(
      tr('security.encrypting'),
      () => enableLock(pass1, { autoLockMinutes: m }),
      tr('security.turnedOn', { minutes: m }),
    );
  };

  return (
    <section className="panel" aria-labelledby="security-heading">
      <h3 id="security-heading">{t('security.heading')}</h3>
      <p className="hint">{t('security.hint', { iterations: formatInteger(PBKDF2_ITERATIONS) })}</p>
      <p role="status" aria-label={t('security.statusLabel')}>
        {status === 'unlocked'
          ? t('security.on', { minutes })
          : status === 'off'
            ? t('security.off')
            : t('security.reading')}
      </p>
      {status === 'off' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            turnOn();
          }}
        >
          <div className="row">
            <label className="inline">
              {t('security.newPassphrase')}
              <input
                type="password"
                autoComplete="new-password"
                value={pass1}
                onChange={(e) => setPass1(e.target.value)}
              />
            </label>
            <label className="inline">
              {t('security.repeat')}
              <input
                type="password"
                autoComplete="new-password"
                value={pass2}
                onChange={(e) => setPass2(e.target.value)}
              />
            </label>
            <label className="inline">
              {t('security.autoLock')}
              <input
                type="number"
                min={1}
                max={240}
                step={1}
                value={autoLock}
                onChange={(e) => setAutoLock(e.target.value)}
              />
            </label>
          </div>
          <button type="submit" disabled={busy}>
            {t('security.turnOn')}
          </button>
        </form>
      )}
      {status === 'unlocked' && (
        <>
          <button type="button" disabled={busy} onClick={() => void lockApp()}>
            {t('security.lockNow')}
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(tr('security.decrypting'), () => disableLock(current), tr('security.turnedOff'));
            }}
          >
            <label className="inline">
              {t('security.current')}
              <input
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            </label>{' '}
            <button type="submit" disabled={busy || !current}>
              {t('security.turnOff')}
            </button>
          </form>
        </>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text}
        </p>
      )}
    </section>
  );
}
