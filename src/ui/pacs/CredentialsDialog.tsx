/**
 * Asks for the PACS password or token again after the server answered 401/403 (the store's
 * `authPrompt`). Signing in keeps the new secret in memory only and sends what waits in the outbox.
 */
import { useCallback, useState } from 'react';
import { usePacsStore } from '../../store/pacs';
import { useT } from '../../i18n';
import { ModalDialog } from './ModalDialog';
import { usePacsMessage } from './pacsMessage';

export function CredentialsDialog() {
  const t = useT();
  const pm = usePacsMessage();
  const prompt = usePacsStore((s) => s.authPrompt);
  const settings = usePacsStore((s) => s.settings);
  const [value, setValue] = useState('');
  const open = prompt !== null && settings.enabled;

  const clear = useCallback(() => setValue(''), []);
  const cancel = () => usePacsStore.setState({ authPrompt: null });
  const submit = () => {
    const s = usePacsStore.getState();
    s.setSecret(value);
    // Nothing is lost here: a failed send is recorded on its outbox item (lastError, shown in the PACS
    // bar with "Send now"), and the item stays in the outbox until the server has kept it.
    if (s.outbox.some((x) => x.state === 'pending')) void s.flushOutbox(true).catch(() => undefined);
  };

  return (
    <ModalDialog
      open={open}
      onOpen={clear}
      onCancel={cancel}
      className="pacs-dialog pacs-credentials"
      labelledBy="pacs-cred-title"
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
    </ModalDialog>
  );
}
