/**
 * Parsing of Ct values typed by a user. Accepted: a number with "." or "," as decimal separator in
 * (0, 50], or "Undetermined" (also "undet", "N/A", "no Ct", "-", case-insensitive) for a well
 * without amplification. Anything else gives a specific message for display next to the field — never
 * NaN. Messages are codes (`qpcr.ct.*`, `qpcr.rq.*`), rendered by src/i18n.
 */
import { message, type Message } from '../util/message';

export type CtParse =
  | { kind: 'empty' }
  | { kind: 'undetermined' }
  | { kind: 'value'; value: number }
  | { kind: 'error'; message: Message };

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
    return { kind: 'error', message: message('qpcr.ct.notNumber', { text: t }) };
  }
  const value = Number(normalised);
  if (value < 0) return { kind: 'error', message: message('qpcr.ct.negative', { text: t }) };
  if (value === 0) {
    return { kind: 'error', message: message('qpcr.ct.zero') };
  }
  if (value > MAX_CT) {
    return { kind: 'error', message: message('qpcr.ct.tooLarge', { text: t, max: MAX_CT }) };
  }
  return { kind: 'value', value };
}

/**
 * Parses a relative expression value (2^−ΔΔCt) typed directly: positive finite number, "." or ",".
 */
export function parseRelativeExpression(
  text: string,
): { kind: 'empty' } | { kind: 'value'; value: number } | { kind: 'error'; message: Message } {
  const t = text.trim();
  if (t === '') return { kind: 'empty' };
  const normalised = t.replace(',', '.');
  if (!/^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(normalised)) {
    return { kind: 'error', message: message('qpcr.rq.notNumber', { text: t }) };
  }
  const value = Number(normalised);
  if (!(value > 0) || !Number.isFinite(value)) {
    return { kind: 'error', message: message('qpcr.rq.notPositive') };
  }
  return { kind: 'value', value };
}
