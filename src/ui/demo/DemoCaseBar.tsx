/** The "Load demo case" control: one click opens a synthetic demo patient with image, ROI and Cts. */
import { useEffect, useState } from 'react';
import type { DemoCaseEntry } from '../../demo/build';
import { fetchDemoCases } from './demoAssets';
import { loadDemoCase } from './loadDemoCase';
import { message as msg, t as tr, toMessage, useT } from '../../i18n';

export function DemoCaseBar() {
  const t = useT();
  const [cases, setCases] = useState<DemoCaseEntry[]>([]);
  const [worked, setWorked] = useState<string | null>(null);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: () => string } | null>(null);

  useEffect(() => {
    let live = true;
    fetchDemoCases()
      .then((l) => {
        if (live) {
          setCases(l.cases);
          setWorked(l.workedExample ?? null);
        }
      })
      .catch((e: unknown) => {
        if (live)
          setMessage({
            kind: 'error',
            text: () => tr('demo.unavailable', { message: msg(toMessage(e)) }),
          });
      });
    return () => {
      live = false;
    };
  }, []);

  const load = async (id: string | undefined) => {
    setBusy(true);
    try {
      const c = await loadDemoCase(id);
      setMessage({
        kind: 'info',
        text: () =>
          tr('demo.opened', {
            id: c.id,
            set: tr(c.set === 'validation' ? 'demo.openedUnseen' : 'demo.openedTraining'),
            outcome: tr(c.pcr ? 'demo.outcomePcr' : 'demo.outcomeNoPcr'),
            grade: c.millerPayne,
          }) + (c.id === worked ? ` ${tr('demo.workedExampleOpened')}` : ''),
      });
    } catch (e) {
      setMessage({ kind: 'error', text: () => tr('demo.failed', { message: msg(toMessage(e)) }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="demo-case-bar">
      <label className="inline">
        {t('demo.patientLabel')}
        <select
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          aria-label={t('demo.patientLabel')}
        >
          <option value="">{t('demo.firstUnseen')}</option>
          {cases.map((c) => {
            const set = t(c.set === 'validation' ? 'demo.setValidation' : 'demo.setTraining');
            return (
              <option key={c.id} value={c.id}>
                {c.id === worked ? t('demo.workedExampleOption', { id: c.id, set }) : `${c.id} (${set})`}
              </option>
            );
          })}
        </select>
      </label>
      <button type="button" onClick={() => void load(choice || undefined)} disabled={busy}>
        {busy ? t('demo.loading') : t('demo.load')}
      </button>
      {worked && (
        <button
          type="button"
          onClick={() => {
            setChoice(worked);
            void load(worked);
          }}
          disabled={busy}
        >
          {t('demo.openWorkedExample')}
        </button>
      )}
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text()}
        </p>
      )}
    </div>
  );
}
