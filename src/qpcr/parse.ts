/**
 * Parsing of Ct values typed by a user. Accepted: a number with "." or "," as decimal separator in
 * (0, 50], or "Undetermined" (also "undet", "N/A", "no Ct", "-", case-insensitive) for a well
 * without amplification. Anything else gives a specific message for display next to the field — never
 * NaN.
 */

export type CtParse =
  | { kind: 'empty' }
  | { kind: 'undetermined' }
  | { kind: 'value'; value: number }
  | { kind: 'error'; message: string };

const UNDETERMINED = new Set([
  'undetermined',
  'undet',
  'undet.',
  'n/a',
  'na',
  'no ct',
  'noct',
  '-',
  '—',
  'nd',
]);

/** Largest Ct accepted as a value (a run has at most 50 cycles). */
export const MAX_CT = 50;

export function parseCt(text: string): CtParse {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  if (UNDETERMINED.has(t.toLowerCase())) return { kind: 'undetermined' };
  const normalised = t.replace(',', '.');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(normalised) || (t.match(/[.,]/g) ?? []).length > 1) {
    return {
      kind: 'error',
      message: `“${t}” is not a Ct value. Type a number such as 27.4 (or 27,4), or “Undetermined”.`,
    };
  }
  const value = Number(normalised);
  if (value < 0) return { kind: 'error', message: `A Ct cannot be negative (${t}).` };
  if (value === 0) {
    return {
      kind: 'error',
      message: 'A Ct of 0 is not a measurement. Type “Undetermined” for a well without amplification.',
    };
  }
  if (value > MAX_CT) {
    return {
      kind: 'error',
      message: `A Ct of ${t} exceeds ${MAX_CT} cycles; check the value (or type “Undetermined”).`,
    };
  }
  return { kind: 'value', value };
}

/**
 * Parses a relative expression value (2^−ΔΔCt) typed directly: positive finite number, "." or ",".
 */
export function parseRelativeExpression(
  text: string,
): { kind: 'empty' } | { kind: 'value'; value: number } | { kind: 'error'; message: string } {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  const normalised = t.replace(',', '.');
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(normalised)) {
    return {
      kind: 'error',
      message: `“${t}” is not a positive number. Type the relative expression, e.g. 0.62.`,
    };
  }
  const value = Number(normalised);
  if (!(value > 0) || !Number.isFinite(value)) {
    return { kind: 'error', message: 'The relative expression must be greater than 0.' };
  }
  return { kind: 'value', value };
}
