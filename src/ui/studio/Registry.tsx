/** The model registry (IndexedDB): list, activate, export, import (schema- and hash-checked), delete. */
import { useEffect, useState } from 'react';
import { deleteModel, listModels, saveModel, type ModelRecord } from '../../store/storage';
import { loadModel, serializeModel, type ModelDocument } from '../../model/modelFile';
import { loadDemoModel, useModelStore } from '../../store/models';
import { downloadBlob, safeName } from '../case/download';
import { fmt } from './report';
import { useStudioStore } from './studioStore';
import { formatDate, formatDateTime, message as msg, t as tr, toMessage, useT } from '../../i18n';

export function Registry() {
  const t = useT();
  const active = useModelStore((s) => s.active);
  const activateDemo = useModelStore((s) => s.activateDemo);
  const activateRecord = useModelStore((s) => s.activateRecord);
  const revision = useStudioStore((s) => s.registryRevision);
  const bumpRegistry = useStudioStore((s) => s.bumpRegistry);
  const [records, setRecords] = useState<ModelRecord[]>([]);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: () => string } | null>(null);
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
            text: () => tr('registry.readFailed', { message: msg(toMessage(e)) }),
          });
      });
    return () => {
      live = false;
    };
  }, [revision]);

  const act = async (what: () => Promise<void>, done: () => string) => {
    try {
      await what();
      setMessage({ kind: 'info', text: done });
    } catch (e) {
      setMessage({ kind: 'error', text: () => msg(toMessage(e)) });
    }
  };

  const importFile = async (file: File) => {
    try {
      const doc = await loadModel(await file.text());
      const record = await saveModel(
        doc,
        file.name.replace(/\.json$/i, '') || tr('registry.importedName'),
        'imported',
      );
      bumpRegistry();
      setMessage({
        kind: 'info',
        text: () => tr('registry.imported', { file: file.name, name: record.name, version: record.version }),
      });
    } catch (e) {
      setMessage({
        kind: 'error',
        text: () => tr('registry.refused', { file: file.name, message: msg(toMessage(e)) }),
      });
    }
  };

  const label = (r: ModelRecord) => `${r.name} v${r.version}`;

  return (
    <section className="panel studio-registry" aria-labelledby="registry-heading">
      <div className="panel-head">
        <h3 id="registry-heading">{t('registry.heading')}</h3>
        <label className="button file-button">
          {t('registry.import')}
          <input
            type="file"
            aria-label={t('registry.importLabel')}
            accept=".json,application/json"
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void importFile(f);
              e.target.value = '';
            }}
          />
        </label>
      </div>
      <p role="status" aria-label={t('registry.activeLabel')}>
        {t('registry.active')}
        <strong>{active ? (active.isDemo ? t('models.demoName') : active.name) : t('common.none')}</strong>
        {active?.isDemo && <span className="demo-notice-inline"> — {t('models.demoNotice')}</span>}
      </p>
      {message && (
        <p role={message.kind === 'error' ? 'alert' : 'status'} className={`message ${message.kind}`}>
          {message.text()}
        </p>
      )}
      <table className="report-table" aria-label={t('registry.tableLabel')}>
        <thead>
          <tr>
            <th scope="col">{t('registry.colName')}</th>
            <th scope="col">{t('registry.colVersion')}</th>
            <th scope="col">{t('registry.colSaved')}</th>
            <th scope="col">{t('registry.colCohort')}</th>
            <th scope="col">{t('registry.colAuc')}</th>
            <th scope="col">{t('registry.colHash')}</th>
            <th scope="col">{t('registry.colActions')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{t('models.demoName')}</td>
            <td>{t('registry.builtIn')}</td>
            <td>{demo ? formatDate(demo.createdAt) : '–'}</td>
            <td>{demo ? t('registry.synthetic', { n: demo.training.n }) : '–'}</td>
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
                onClick={() =>
                  void act(
                    () => activateDemo(),
                    () => tr('registry.demoActive'),
                  )
                }
              >
                {t('registry.activateDemo')}
              </button>
            </td>
          </tr>
          {records.map((r) => (
            <tr key={r.id} className={active?.id === r.id ? 'active-row' : undefined}>
              <td>
                {r.name}
                {active?.id === r.id && <strong>{t('registry.activeMark')}</strong>}
              </td>
              <td>{r.version}</td>
              <td>{formatDateTime(r.savedAt)}</td>
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
                  aria-label={t('registry.activateLabel', { label: label(r) })}
                  disabled={active?.id === r.id}
                  onClick={() =>
                    void act(
                      () => activateRecord(r),
                      () => tr('registry.activated', { label: label(r) }),
                    )
                  }
                >
                  {t('registry.activate')}
                </button>
                <button
                  type="button"
                  aria-label={t('registry.exportLabel', { label: label(r) })}
                  onClick={() =>
                    downloadBlob(
                      serializeModel(r.document),
                      `${safeName(r.name)}-v${r.version}.sonomir-model.json`,
                      'application/json',
                    )
                  }
                >
                  {t('registry.export')}
                </button>
                <button
                  type="button"
                  aria-label={t('registry.deleteLabel', { label: label(r) })}
                  disabled={active?.id === r.id}
                  title={active?.id === r.id ? t('registry.deleteBlocked') : undefined}
                  onClick={() =>
                    void act(
                      async () => {
                        await deleteModel(r.id);
                        bumpRegistry();
                      },
                      () => tr('registry.deleted', { label: label(r) }),
                    )
                  }
                >
                  {t('registry.delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
