/**
 * Settings → PACS: the DICOMweb root, the authentication (none / Basic / Bearer) and a connection
 * test. Must stay true: nothing is contacted unless "Use a PACS" is saved on, and only by the
 * "Test connection" button here; the password or token is handed to the store's session memory only.
 */
import { useEffect, useState } from 'react';
import { usePacsStore, type PacsAuthKind, type PacsSettings } from '../../store/pacs';
import { formatInteger, useT } from '../../i18n';
import { CredentialsDialog } from '../pacs/CredentialsDialog';
import { usePacsMessage } from '../pacs/pacsMessage';

type Result = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export function PacsPanel() {
  const t = useT();
  const pm = usePacsMessage();
  const loaded = usePacsStore((s) => s.loaded);
  const settings = usePacsStore((s) => s.settings);
  const secret = usePacsStore((s) => s.secret);
  const [draft, setDraft] = useState<PacsSettings>(settings);
  const [draftSecret, setDraftSecret] = useState(secret);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result>(null);

  useEffect(() => {
    if (!usePacsStore.getState().loaded) void usePacsStore.getState().loadSettings();
  }, []);
  // The form starts from the stored settings once they are read, and shows a secret entered in the
  // credentials dialog (state adjusted while rendering, React's pattern for derived state).
  const [seen, setSeen] = useState({ loaded, secret });
  if (seen.loaded !== loaded || seen.secret !== secret) {
    setSeen({ loaded, secret });
    if (loaded && !seen.loaded) setDraft(usePacsStore.getState().settings);
    if (seen.secret !== secret) setDraftSecret(secret);
  }

  const update = (patch: Partial<PacsSettings>) => setDraft((d) => ({ ...d, ...patch }));

  const apply = async () => {
    await usePacsStore.getState().saveSettings(draft);
    usePacsStore.getState().setSecret(draft.authKind === 'none' ? '' : draftSecret);
  };

  const save = async () => {
    setBusy(true);
    try {
      await apply();
      setResult({ kind: 'ok', text: t('pacs.saved') });
    } catch (e) {
      setResult({ kind: 'error', text: pm(e) });
    } finally {
      setBusy(false);
    }
  };

  const test = async () => {
    setBusy(true);
    setResult({ kind: 'info', text: t('pacs.testing') });
    try {
      await apply();
      const t0 = performance.now();
      await usePacsStore.getState().testConnection();
      const ms = Math.round(performance.now() - t0);
      setResult({ kind: 'ok', text: t('pacs.testOk', { url: draft.root, ms: formatInteger(ms) }) });
    } catch (e) {
      setResult({ kind: 'error', text: t('pacs.testFailed', { message: pm(e) }) });
    } finally {
      setBusy(false);
    }
  };

  const authKinds: { kind: PacsAuthKind; label: string }[] = [
    { kind: 'none', label: t('pacs.authNone') },
    { kind: 'basic', label: t('pacs.authBasic') },
    { kind: 'bearer', label: t('pacs.authBearer') },
  ];

  return (
    <section className="panel pacs-panel" aria-labelledby="pacs-settings-heading">
      <h3 id="pacs-settings-heading">{t('pacs.settingsHeading')}</h3>
      <p className="hint">{t('pacs.settingsIntro')}</p>
      <label className="inline">
        <input
          type="checkbox"
          checked={draft.enabled}
          onChange={(e) => update({ enabled: e.target.checked })}
        />
        {t('pacs.enabled')}
      </label>
      <fieldset className="pacs-settings" disabled={!draft.enabled}>
        <label className="stacked">
          {t('pacs.rootUrl')}
          <input
            type="text"
            value={draft.root}
            onChange={(e) => update({ root: e.target.value })}
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        <p className="hint">{t('pacs.rootUrlHint')}</p>
        <fieldset>
          <legend>{t('pacs.authLegend')}</legend>
          {authKinds.map((a) => (
            <label key={a.kind} className="inline">
              <input
                type="radio"
                name="pacs-auth"
                value={a.kind}
                checked={draft.authKind === a.kind}
                onChange={() => update({ authKind: a.kind })}
              />
              {a.label}
            </label>
          ))}
          {draft.authKind === 'basic' && (
            <div className="row">
              <label className="inline">
                {t('pacs.user')}
                <input
                  type="text"
                  value={draft.user}
                  onChange={(e) => update({ user: e.target.value })}
                  autoComplete="username"
                />
              </label>
              <label className="inline">
                {t('pacs.password')}
                <input
                  type="password"
                  value={draftSecret}
                  onChange={(e) => setDraftSecret(e.target.value)}
                  autoComplete="current-password"
                />
              </label>
            </div>
          )}
          {draft.authKind === 'bearer' && (
            <label className="inline">
              {t('pacs.token')}
              <input
                type="password"
                value={draftSecret}
                onChange={(e) => setDraftSecret(e.target.value)}
                autoComplete="off"
              />
            </label>
          )}
          {draft.authKind !== 'none' && <p className="hint">{t('pacs.secretsHint')}</p>}
        </fieldset>
        <label className="inline">
          {t('pacs.operator')}
          <input
            type="text"
            value={draft.operator}
            onChange={(e) => update({ operator: e.target.value })}
            autoComplete="name"
          />
        </label>
      </fieldset>
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={busy || !loaded}>
          {t('pacs.save')}
        </button>
        <button type="button" onClick={() => void test()} disabled={busy || !loaded || !draft.enabled}>
          {t('pacs.test')}
        </button>
      </div>
      <p
        role="status"
        aria-label={t('pacs.testResultLabel')}
        className={result ? `message ${result.kind}` : 'hint'}
      >
        {result ? result.text : settings.enabled ? '' : t('pacs.notConfigured')}
      </p>
      <CredentialsDialog />
    </section>
  );
}
