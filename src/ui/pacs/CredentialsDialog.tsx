/**
 * Asks for the PACS password or token again after the server answered 401/403 (the store's
 * `authPrompt`). Signing in keeps the new secret in memory only and sends what waits in the outbox.
 */
import { useEffect, useRef, useState } from 'react';
import { usePacsStore } from '../../store/pacs';
import { useT } from '../../i18n';
import { usePacsMessage } from './pacsMessage';

export function CredentialsDialog() {
  const t = useT();
  const pm = usePacsMessage();
  const prompt = usePacsStore((s) => s.authPrompt);
  const settings = usePacsStore((s) => s.settings);
  const [value, setValue] = useState('');
  const ref = useRef<HTMLDialogElement>(null);
  const open = prompt !== null && settings.enabled;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setValue('');
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const cancel = () => usePacsStore.setState({ authPrompt: null });
  const submit = () => {
    const s = usePacsStore.getState();
    s.setSecret(value);
    if (s.outbox.some((x) => x.state === 'pending')) void s.flushOutbox(true).catch(() => undefined);
  };

  return (
    <dialog
      ref={ref}
      className="pacs-dialog pacs-credentials"
      aria-labelledby="pacs-cred-title"
      onCancel={(e) => {
        e.preventDefault();
        cancel();
      }}
    >
      {open && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <h3 id="pacs-cred-title">{t('pacs.credTitle')}</h3>
          <p role="alert" className="message error">
            {pm(prompt)}
          </p>
          {settings.authKind === 'none' ? (
            <>
              <p>{t('pacs.credAskNone')}</p>
              <div className="row">
                <a
                  className="button"
                  href="#/settings"
                  onClick={() => {
                    cancel();
                  }}
                >
                  {t('pacs.credSettings')}
                </a>
                <button type="button" onClick={cancel}>
                  {t('pacs.credCancel')}
                </button>
              </div>
            </>
          ) : (
            <>
              <p>
                {settings.authKind === 'basic'
                  ? t('pacs.credAskPassword', { user: settings.user })
                  : t('pacs.credAskToken')}
              </p>
              <label className="inline">
                {settings.authKind === 'basic' ? t('pacs.password') : t('pacs.token')}
                <input
                  type="password"
                  value={value}
                  onChange={(e) => setValue(e.target.value)}
                  autoComplete={settings.authKind === 'basic' ? 'current-password' : 'off'}
                  autoFocus
                />
              </label>
              <div className="row">
                <button type="submit" className="primary" disabled={value === ''}>
                  {t('pacs.credSubmit')}
                </button>
                <button type="button" onClick={cancel}>
                  {t('pacs.credCancel')}
                </button>
              </div>
            </>
          )}
        </form>
      )}
    </dialog>
  );
}
