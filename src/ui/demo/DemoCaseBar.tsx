/** The "Load demo case" control: one click opens a synthetic demo patient with image, ROI and Cts. */
import { useEffect, useState } from 'react';
import type { DemoCaseEntry } from '../../demo/build';
import { fetchDemoCases } from './demoAssets';
import { loadDemoCase } from './loadDemoCase';

export function DemoCaseBar() {
  const [cases, setCases] = useState<DemoCaseEntry[]>([]);
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);

  useEffect(() => {
    let live = true;
    fetchDemoCases()
      .then((l) => {
        if (live) setCases(l.cases);
      })
      .catch((e: unknown) => {
        if (live)
          setMessage({ kind: 'error', text: `Demo cases are not available: ${(e as Error).message}` });
      });
    return () => {
      live = false;
    };
  }, []);

  const load = async () => {
    setBusy(true);
    try {
      const c = await loadDemoCase(choice || undefined);
      setMessage({
        kind: 'info',
        text: `Opened synthetic demo patient ${c.id} (${c.set === 'validation' ? 'not seen by the demonstration model' : 'part of the demonstration model’s training set'}; recorded outcome: ${c.pcr ? 'pCR' : 'no pCR'}, Miller–Payne ${c.millerPayne}). Features and miR-34a are computed from its image, ROI and Ct values.`,
      });
    } catch (e) {
      setMessage({ kind: 'error', text: `The demo case could not be opened: ${(e as Error).message}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="demo-case-bar">
      <label className="inline">
        Demo patient
        <select value={choice} onChange={(e) => setChoice(e.target.value)} aria-label="Demo patient">
          <option value="">first unseen (validation) patient</option>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.id} ({c.set})
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void load()} disabled={busy}>
        {busy ? 'Loading demo case…' : 'Load demo case'}
      </button>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
