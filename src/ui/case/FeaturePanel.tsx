/** The radiomics features: the model's 5 first, then all 107 in a searchable table grouped by class. */
import { useMemo, useState } from 'react';
import { MODEL_FEATURES, STUDY_FEATURE_NAMES } from '../../radiomics/extract';
import { effectiveSpacing, useCaseStore } from '../../store/caseStore';
import { downloadBlob, safeName } from './download';
import { fmtFeature } from './format';
import type { FeatureRunState } from './useFeatures';

const CLASS_LABEL: Record<string, string> = {
  shape: 'Shape',
  firstorder: 'First order',
  glcm: 'GLCM',
  glrlm: 'GLRLM',
  glszm: 'GLSZM',
  gldm: 'GLDM',
  ngtdm: 'NGTDM',
};

/** CSV with PyRadiomics names and full-precision values. */
export function featuresCsv(values: Record<string, number>): string {
  const lines = ['feature,value'];
  for (const name of STUDY_FEATURE_NAMES) if (name in values) lines.push(`${name},${String(values[name])}`);
  return `${lines.join('\n')}\n`;
}

export function FeaturePanel({ run }: { run: FeatureRunState }) {
  const record = useCaseStore((s) => s.record);
  const setFeatureUnit = useCaseStore((s) => s.setFeatureUnit);
  const [query, setQuery] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
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
      setCopied('Copied the 107 features as CSV.');
    } catch {
      setCopied('The browser refused clipboard access; use “Export CSV” instead.');
    }
  };

  return (
    <section className="panel feature-panel" aria-labelledby="features-heading">
      <div className="panel-head">
        <h3 id="features-heading">Radiomics features</h3>
        <span className="run-state" role="status" aria-label="Feature extraction">
          {run.status === 'running' ? 'Computing…' : f ? `${Object.keys(f.values).length} features` : ''}
        </span>
      </div>
      {run.status === 'error' && (
        <p role="alert" className="message error">
          Features could not be computed for this ROI: {run.message}
        </p>
      )}
      {!f ? (
        <p className="hint">Draw the lesion ROI: the 107 PyRadiomics features are computed automatically.</p>
      ) : (
        <>
          <table className="model-features" aria-label="Model features">
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
            Settings: bin width {f.settings.binWidth}, normalise {String(f.settings.normalize)} (scale{' '}
            {f.settings.normalizeScale}), voxel array shift {f.settings.voxelArrayShift}, shape class 3-D
            &ldquo;shape&rdquo;; spacing{' '}
            {f.spacingUnit === 'mm'
              ? `${f.spacing[2].toPrecision(4)} × ${f.spacing[1].toPrecision(4)} mm`
              : '1 × 1 pixel'}
            .
          </p>
          <div className="row">
            <label className="inline">
              Feature units
              <select
                value={f.spacingUnit}
                onChange={(e) => setFeatureUnit(e.target.value as 'mm' | 'pixel')}
                disabled={spacing?.unit !== 'mm'}
              >
                <option value="pixel">pixels (as the study)</option>
                <option value="mm">mm (calibrated spacing)</option>
              </select>
            </label>
            <button type="button" onClick={() => void copy()}>
              Copy CSV
            </button>
            <button
              type="button"
              onClick={() =>
                downloadBlob(featuresCsv(f.values), `${safeName(record.patientId)}_features.csv`, 'text/csv')
              }
            >
              Export CSV
            </button>
            {copied && (
              <span role="status" className="hint">
                {copied}
              </span>
            )}
          </div>
          <details className="all-features">
            <summary>All {STUDY_FEATURE_NAMES.length} features</summary>
            <label className="inline">
              Search features
              <input
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
                placeholder="e.g. glcm"
              />
            </label>
            <table aria-label="All features">
              <thead>
                <tr>
                  <th scope="col">Feature (PyRadiomics name)</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              {[...groups.entries()].map(([cls, names]) => (
                <tbody key={cls}>
                  <tr className="group-row">
                    <th colSpan={2} scope="colgroup">
                      {CLASS_LABEL[cls] ?? cls} ({names.length})
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
            {groups.size === 0 && <p className="hint">No feature name contains “{query}”.</p>}
          </details>
        </>
      )}
    </section>
  );
}
