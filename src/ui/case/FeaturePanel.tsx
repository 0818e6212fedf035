/** The radiomics features: the model's 5 first, then all 107 in a searchable table grouped by class. */
import { useMemo, useState } from 'react';
import { MODEL_FEATURES, STUDY_FEATURE_NAMES } from '../../radiomics/extract';
import { effectiveSpacing, useCaseStore } from '../../store/caseStore';
import { downloadBlob, safeName } from './download';
import { fmtFeature } from './format';
import type { FeatureRunState } from './useFeatures';
import { t as tr, useMessage, useT } from '../../i18n';

/** Feature-class names: the texture matrices keep their acronyms in both languages. */
const classLabel = (cls: string): string =>
  cls === 'shape'
    ? tr('features.classShape')
    : cls === 'firstorder'
      ? tr('features.classFirstorder')
      : cls.toUpperCase();

/** CSV with PyRadiomics names and full-precision values. */
export function featuresCsv(values: Record<string, number>): string {
  const lines = ['feature,value'];
  for (const name of STUDY_FEATURE_NAMES) if (name in values) lines.push(`${name},${String(values[name])}`);
  return `${lines.join('\n')}\n`;
}

export function FeaturePanel({ run }: { run: FeatureRunState }) {
  const t = useT();
  const m = useMessage();
  const record = useCaseStore((s) => s.record);
  const setFeatureUnit = useCaseStore((s) => s.setFeatureUnit);
  const [query, setQuery] = useState('');
  const [allOpen, setAllOpen] = useState(false);
  const [copied, setCopied] = useState<'features.copied' | 'features.copyRefused' | null>(null);
  const f = record.features;
  const spacing = effectiveSpacing(record);

  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const out = new Map<string, string[]>();
    for (const name of STUDY_FEATURE_NAMES) {
      if (q && !name.toLowerCase().includes(q)) continue;
      const cls = name.split('_')[1];
      out.set(cls, [...(out.get(cls) ?? []), name]);
    }
    return out;
  }, [query]);

  const copy = async () => {
    if (!f) return;
    try {
      await navigator.clipboard.writeText(featuresCsv(f.values));
      setCopied('features.copied');
    } catch {
      setCopied('features.copyRefused');
    }
  };

  return (
    <section className="panel feature-panel" aria-labelledby="features-heading">
      <div className="panel-head">
        <h3 id="features-heading">{t('features.heading')}</h3>
        <span className="run-state" role="status" aria-label={t('features.runLabel')}>
          {run.status === 'running'
            ? t('features.computing')
            : f
              ? t('features.count', { n: Object.keys(f.values).length })
              : ''}
        </span>
      </div>
      {run.status === 'error' && (
        <div role="alert" className="message error">
          <p>{run.crashed ? m(run.message) : t('features.failed', { message: m(run.message) })}</p>
          <button type="button" onClick={run.retry}>
            {t('features.retry')}
          </button>
        </div>
      )}
      {run.restarted !== undefined && run.status !== 'error' && (
        <p role="status" className="message warn">
          {t('features.workerRestarted', { cause: run.restarted })}
        </p>
      )}
      {!f ? (
        <p className="hint">{t('features.drawRoi')}</p>
      ) : (
        <>
          <table className="model-features" aria-label={t('features.modelLabel')}>
            <tbody>
              {MODEL_FEATURES.map((name) => (
                <tr key={name}>
                  <th scope="row">{name.replace(/^original_/, '')}</th>
                  <td data-feature={name}>{fmtFeature(f.values[name])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="settings-line">
            {t('features.settings', {
              binWidth: f.settings.binWidth,
              normalize: String(f.settings.normalize),
              scale: f.settings.normalizeScale,
              shift: f.settings.voxelArrayShift,
              spacing:
                f.spacingUnit === 'mm'
                  ? `${f.spacing[2].toPrecision(4)} × ${f.spacing[1].toPrecision(4)} mm`
                  : t('features.spacingPixel'),
            })}
          </p>
          <div className="row">
            <label className="inline">
              {t('features.units')}
              <select
                value={f.spacingUnit}
                onChange={(e) => setFeatureUnit(e.target.value as 'mm' | 'pixel')}
                disabled={spacing?.unit !== 'mm'}
              >
                <option value="pixel">{t('features.unitPixel')}</option>
                <option value="mm">{t('features.unitMm')}</option>
              </select>
            </label>
            <button type="button" onClick={() => void copy()}>
              {t('features.copyCsv')}
            </button>
            <button
              type="button"
              onClick={() =>
                downloadBlob(featuresCsv(f.values), `${safeName(record.patientId)}_features.csv`, 'text/csv')
              }
            >
              {t('features.exportCsv')}
            </button>
            {copied && (
              <span role="status" className="hint">
                {t(copied)}
              </span>
            )}
          </div>
          {/* The 107-row table is built only while open: it stays out of every ROI change's render. */}
          <details className="all-features" onToggle={(e) => setAllOpen(e.currentTarget.open)}>
            <summary>{t('features.all', { n: STUDY_FEATURE_NAMES.length })}</summary>
            <label className="inline">
              {t('features.search')}
              <input
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder={t('features.searchPlaceholder')}
              />
            </label>
            {allOpen && (
              <table aria-label={t('features.allLabel')}>
                <thead>
                  <tr>
                    <th scope="col">{t('features.colFeature')}</th>
                    <th scope="col">{t('features.colValue')}</th>
                  </tr>
                </thead>
                {[...groups.entries()].map(([cls, names]) => (
                  <tbody key={cls}>
                    <tr className="group-row">
                      <th colSpan={2} scope="colgroup">
                        {classLabel(cls)} ({names.length})
                      </th>
                    </tr>
                    {names.map((name) => (
                      <tr key={name}>
                        <td>{name}</td>
                        <td className="num">{fmtFeature(f.values[name])}</td>
                      </tr>
                    ))}
                  </tbody>
                ))}
              </table>
            )}
            {groups.size === 0 && <p className="hint">{t('features.noMatch', { query })}</p>}
          </details>
        </>
      )}
    </section>
  );
}
