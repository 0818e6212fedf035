/**
 * The Model Studio report's tables as plain data (rendered by Report.tsx, exported as CSV): baseline
 * table, selected features, Table 3, DeLong comparisons. Pure functions.
 */
import {
  MODEL_KINDS,
  type ModelDocument,
  type ModelKind,
  type PerformanceSummary,
} from '../../model/modelFile';
import type { BaselineRow, ModelComparison } from '../../model/pipeline';
import { PUBLISHED, type PublishedRow } from './published';

export const KIND_LABEL: Record<ModelKind, string> = {
  clinical: 'Clinical (miR-34a)',
  radiomics: 'Ultrasound radiomics',
  combined: 'Combined',
};

export const SET_LABEL = { cv: 'Training (5-fold CV)', validation: 'Validation' } as const;

/** A number with d decimals, or an en dash for null. */
export function fmt(v: number | null | undefined, d = 3): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(d);
}

/** P value as journals print it. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

export interface Table3Row {
  set: 'cv' | 'validation';
  kind: ModelKind;
  n: number;
  auc: number;
  ci95: [number, number];
  sensitivity: number | null;
  specificity: number | null;
  accuracy: number;
  precision: number | null;
  f1: number | null;
  published: PublishedRow;
}

/** Table 3 of the paper for a model document: both sets × the models that were built (threshold 0.5). */
export function table3(model: ModelDocument): Table3Row[] {
  const rows: Table3Row[] = [];
  for (const set of ['cv', 'validation'] as const) {
    for (const kind of MODEL_KINDS) {
      const m = model.models[kind];
      if (!m) continue;
      const p: PerformanceSummary = m.metrics[set];
      rows.push({
        set,
        kind,
        n: p.n,
        auc: p.auc,
        ci95: p.ci95,
        sensitivity: p.atHalf.sensitivity,
        specificity: p.atHalf.specificity,
        accuracy: p.atHalf.accuracy,
        precision: p.atHalf.precision,
        f1: p.atHalf.f1,
        published: set === 'cv' ? PUBLISHED.table3Cv[kind] : PUBLISHED.table3Validation[kind],
      });
    }
  }
  return rows;
}

/** CSV text (RFC 4180 quoting) of a header and rows. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  const cell = (v: string | number | null) => {
    const s = v === null ? '' : String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `${[header, ...rows].map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

export function table3Csv(model: ModelDocument): string {
  return toCsv(
    [
      'set',
      'model',
      'n',
      'AUC',
      'AUC_CI95_low',
      'AUC_CI95_high',
      'sensitivity',
      'specificity',
      'accuracy',
      'precision',
      'F1',
      'published_AUC',
      'published_CI95_low',
      'published_CI95_high',
      'published_sensitivity',
      'published_specificity',
      'published_accuracy',
      'published_precision',
      'published_F1',
    ],
    table3(model).map((r) => [
      SET_LABEL[r.set],
      KIND_LABEL[r.kind],
      r.n,
      r.auc,
      r.ci95[0],
      r.ci95[1],
      r.sensitivity,
      r.specificity,
      r.accuracy,
      r.precision,
      r.f1,
      r.published.auc,
      r.published.ci95[0],
      r.published.ci95[1],
      r.published.sensitivity,
      r.published.specificity,
      r.published.accuracy,
      r.published.precision,
      r.published.f1,
    ]),
  );
}

/** "mean ± SD" or "n (%)" text of a baseline cell. */
export function baselineCell(row: BaselineRow, group: 'pcr' | 'nonPcr'): string {
  const g = row[group];
  if (g) return `${fmt(g.mean, 2)} ± ${fmt(g.sd, 2)} (n = ${g.n})`;
  if (row.levels) {
    const total = row.levels.reduce((s, l) => s + l[group], 0);
    return row.levels
      .map((l) => `${l.level}: ${l[group]} (${total ? ((100 * l[group]) / total).toFixed(0) : '0'} %)`)
      .join('; ');
  }
  return '–';
}

export function baselineCsv(rows: BaselineRow[]): string {
  return toCsv(
    ['set', 'variable', 'pCR', 'non-pCR', 'test', 'statistic', 'P', 'note'],
    rows.map((r) => [
      r.set,
      r.variable,
      baselineCell(r, 'pcr'),
      baselineCell(r, 'nonPcr'),
      r.test,
      r.statistic,
      r.p,
      r.note ?? '',
    ]),
  );
}

/** The Rad-score formula text on z-scored features. */
export function radScoreFormula(
  intercept: number,
  coefficients: { name: string; coefficient: number }[],
): string {
  const terms = coefficients.map(
    (c) => `${c.coefficient < 0 ? '−' : '+'} ${Math.abs(c.coefficient).toFixed(6)}·${c.name}`,
  );
  return `Rad-score = ${intercept.toFixed(6)} ${terms.join(' ')}`;
}

export function featuresCsv(
  coefficients: { name: string; coefficient: number }[],
  screening: { name: string; p: number }[],
): string {
  const p = new Map(screening.map((s) => [s.name, s.p]));
  return toCsv(
    ['feature', 'LASSO_coefficient', 't_test_P'],
    coefficients.map((c) => [c.name, c.coefficient, p.get(c.name) ?? null]),
  );
}

export function delongCsv(comparisons: ModelComparison[]): string {
  return toCsv(
    ['set', 'model_A', 'model_B', 'AUC_A', 'AUC_B', 'difference', 'CI95_low', 'CI95_high', 'z', 'P'],
    comparisons.map((c) => [
      SET_LABEL[c.set],
      KIND_LABEL[c.a],
      KIND_LABEL[c.b],
      c.aucA,
      c.aucB,
      c.difference,
      c.ci95[0],
      c.ci95[1],
      c.z,
      c.p,
    ]),
  );
}

/** The published DeLong P of a comparison, where the paper reports one (validation set). */
export function publishedDelongP(c: ModelComparison): number | null {
  if (c.set !== 'validation' || c.a !== 'combined') return null;
  if (c.b === 'clinical') return PUBLISHED.delong.combinedVsClinical;
  if (c.b === 'radiomics') return PUBLISHED.delong.combinedVsRadiomics;
  return null;
}
