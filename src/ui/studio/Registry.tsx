/** The model registry (IndexedDB): list, activate, export, import (schema- and hash-checked), delete. */
import { useEffect, useState } from 'react';
import { deleteModel, listModels, saveModel, type ModelRecord } from '../../db/models';
import { loadModel, serializeModel, type ModelDocument } from '../../model/modelFile';
import { DEMO_MODEL_NAME, DEMO_MODEL_NOTICE, loadDemoModel, useModelStore } from '../../store/models';
import { downloadBlob, safeName } from '../case/download';
import { fmt } from './report';
import { useStudioStore } from './studioStore';

export function Registry() {
  const active = useModelStore((s) => s.active);
  const activateDemo = useModelStore((s) => s.activateDemo);
  const activateRecord = useModelStore((s) => s.activateRecord);
  const revision = useStudioStore((s) => s.registryRevision);
  const bumpRegistry = useStudioStore((s) => s.bumpRegistry);
  const [records, setRecords] = useState<ModelRecord[]>([]);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [demo, setDemo] = useState<ModelDocument | null>(null);

  useEffect(() => {
    let live = true;
    loadDemoModel()
      .then((d) => {
        if (live) setDemo(d);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    let live = true;
    listModels()
      .then((r) => {
        if (live) setRecords(r);
      })
      .catch((e: unknown) => {
        if (live)
          setMessage({
            kind: 'error',
            text: `The model registry could not be read: ${(e as Error).message}`,
          });
      });
    return () => {
      live = false;
    };
  }, [revision]);

  const act = async (what: () => Promise<void>, done: string) => {
    try {
      await what();
      setMessage({ kind: 'info', text: done });
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    }
  };

  const importFile = async (file: File) => {
    try {
      const doc = await loadModel(await file.text());
      const record = await saveModel(doc, file.name.replace(/\.json$/i, '') || 'Imported model', 'imported');
      bumpRegistry();
      setMessage({
        kind: 'info',
        text: `Imported “${file.name}” as ${record.name} v${record.version} (schema and SHA-256 verified).`,
      });
    } catch (e) {
      setMessage({
        kind: 'error',
        text: `The model file “${file.name}” was refused: ${(e as Error).message}`,
      });
    }
  };

  const label = (r: ModelRecord) => `${r.name} v${r.version}`;

  return (
    <section className="panel studio-registry" aria-labelledby="registry-heading">
      <div className="panel-head">
        <h3 id="registry-heading">Model registry</h3>
        <label className="button file-button">
          Import model file…
          <input
            type="file"
            aria-label="Import model file"
            accept=".json,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importFile(f);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p role="status" aria-label="Active model">
        Active model: <strong>{active?.name ?? 'none'}</strong>
        {active?.isDemo && <span className="demo-notice-inline"> — {DEMO_MODEL_NOTICE}</span>}
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text}
        </p>
      )}
      <table className="report-table" aria-label="Stored models">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Version</th>
            <th scope="col">Saved</th>
            <th scope="col">Cohort size</th>
            <th scope="col">Validation AUC (clinical / radiomics / combined)</th>
            <th scope="col">SHA-256</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{DEMO_MODEL_NAME}</td>
            <td>built in</td>
            <td>{demo ? demo.createdAt.slice(0, 10) : '–'}</td>
            <td>{demo ? `${demo.training.n} (synthetic)` : '–'}</td>
            <td>
              {demo
                ? `${fmt(demo.models.clinical?.metrics.validation.auc)} / ${fmt(demo.models.radiomics?.metrics.validation.auc)} / ${fmt(demo.models.combined?.metrics.validation.auc)}`
                : '–'}
            </td>
            <td>{demo ? <code title={demo.hash.value}>{demo.hash.value.slice(0, 12)}…</code> : '–'}</td>
            <td>
              <button
                type="button"
                disabled={active?.isDemo}
                onClick={() => void act(() => activateDemo(), 'The demonstration model is active again.')}
              >
                Activate demonstration model
              </button>
            </td>
          </tr>
          {records.map((r) => (
            <tr key={r.id} className={active?.id === r.id ? 'active-row' : undefined}>
              <td>
                {r.name}
                {active?.id === r.id && <strong> (active)</strong>}
              </td>
              <td>{r.version}</td>
              <td>{r.savedAt.slice(0, 16).replace('T', ' ')}</td>
              <td>{r.cohortSize}</td>
              <td>
                {fmt(r.metrics.clinical?.validation)} / {fmt(r.metrics.radiomics?.validation)} /{' '}
                {fmt(r.metrics.combined?.validation)}
              </td>
              <td>
                <code title={r.id}>{r.id.slice(0, 12)}…</code>
              </td>
              <td className="row-actions">
                <button
                  type="button"
                  aria-label={`Activate ${label(r)}`}
                  disabled={active?.id === r.id}
                  onClick={() => void act(() => activateRecord(r), `${label(r)} is now the active model.`)}
                >
                  Activate
                </button>
                <button
                  type="button"
                  aria-label={`Export ${label(r)}`}
                  onClick={() =>
                    downloadBlob(
                      serializeModel(r.document),
                      `${safeName(r.name)}-v${r.version}.sonomir-model.json`,
                      'application/json',
                    )
                  }
                >
                  Export
                </button>
                <button
                  type="button"
                  aria-label={`Delete ${label(r)}`}
                  disabled={active?.id === r.id}
                  title={active?.id === r.id ? 'Activate another model before deleting this one' : undefined}
                  onClick={() =>
                    void act(
                      async () => {
                        await deleteModel(r.id);
                        bumpRegistry();
                      },
                      `${label(r)} was deleted.`,
                    )
                  }
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
