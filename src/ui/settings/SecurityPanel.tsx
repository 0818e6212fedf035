/** Turning the passphrase lock on and off, and locking now. */
import { useState } from 'react';
import { PBKDF2_ITERATIONS } from '../../security/crypto';
import { disableLock, enableLock, MIN_PASSPHRASE_LENGTH, useLockStore } from '../../security/lock';
import { describeWriteError } from '../../db/quota';
import { lockApp } from './LockGate';

export function SecurityPanel() {
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
      setMessage({ kind: 'error', text: describeWriteError(e, 'Changing the lock') });
    } finally {
      setBusy(false);
    }
  };

  const turnOn = () => {
    const m = Number(autoLock);
    if (pass1.length < MIN_PASSPHRASE_LENGTH) {
      setMessage({
        kind: 'error',
        text: `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`,
      });
      return;
    }
    if (pass1 !== pass2) {
      setMessage({ kind: 'error', text: 'The two passphrases differ; type the same passphrase twice.' });
      return;
    }
    if (!Number.isInteger(m) || m < 1 || m > 240) {
      setMessage({ kind: 'error', text: 'Auto-lock: enter a whole number of minutes from 1 to 240.' });
      return;
    }
    void run(
      'Encrypting the cases and images…',
      () => enableLock(pass1, { autoLockMinutes: m }),
      `Passphrase lock is on: patient data are encrypted; SonoMiR locks after ${m} minutes without input.`,
    );
  };

  return (
    <section className="panel" aria-labelledby="security-heading">
      <h3 id="security-heading">Security</h3>
      <p className="hint">
        The passphrase lock encrypts patient identifiers, images and all case data stored in this browser
        (AES-GCM 256, key derived from the passphrase with PBKDF2-SHA-256,{' '}
        {PBKDF2_ITERATIONS.toLocaleString()} iterations). The passphrase is never stored: if it is forgotten
        the data cannot be recovered, so keep a backup in a safe place.
      </p>
      <p role="status" aria-label="Lock status">
        {status === 'unlocked'
          ? `Passphrase lock is on (locks after ${minutes} minutes without input).`
          : status === 'off'
            ? 'Passphrase lock is off: data are stored unencrypted in this browser profile.'
            : 'Reading the lock settings…'}
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
              New passphrase
              <input
                type="password"
                autoComplete="new-password"
                value={pass1}
                onChange={(e) => setPass1(e.target.value)}
              />
            </label>
            <label className="inline">
              Repeat passphrase
              <input
                type="password"
                autoComplete="new-password"
                value={pass2}
                onChange={(e) => setPass2(e.target.value)}
              />
            </label>
            <label className="inline">
              Lock after inactivity (minutes)
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
            Turn on passphrase lock
          </button>
        </form>
      )}
      {status === 'unlocked' && (
        <>
          <button type="button" disabled={busy} onClick={() => void lockApp()}>
            Lock now
          </button>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run(
                'Decrypting the cases and images…',
                () => disableLock(current),
                'Passphrase lock is off: data are stored unencrypted.',
              );
            }}
          >
            <label className="inline">
              Current passphrase
              <input
                type="password"
                autoComplete="current-password"
                value={current}
                onChange={(e) => setCurrent(e.target.value)}
              />
            </label>{' '}
            <button type="submit" disabled={busy || !current}>
              Turn off passphrase lock
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
