/** Number formatting for the case screen (never prints NaN: missing values show as an en dash). */
export function fmt(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  return v.toFixed(digits);
}

/** A feature value with 6 significant digits (scientific notation for very large/small values). */
export function fmtFeature(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-3) return v.toExponential(5);
  return String(Number(v.toPrecision(6)));
}

export function pct(p: number): string {
  return `${Math.round(p * 100)} %`;
}

/**
 * A pCR probability in percent with one decimal: a KNN probability is a multiple of 1/k, and with the
 * study's k = 7 whole percents would blur 6/7 (85.7 %) into 86 %.
 */
export function probabilityPct(p: number): string {
  return `${(p * 100).toFixed(1)} %`;
}
