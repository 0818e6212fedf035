import { describe, expect, it } from 'vitest';
import { renderEnglish } from '../../../src/i18n/render';
import { parseCt, parseRelativeExpression } from '../../../src/qpcr/parse';
import { analyseQpcr, emptyQpcrEntry, type QpcrEntry } from '../../../src/qpcr/analysis';

describe('parseCt', () => {
  it('accepts dot and comma decimals and Undetermined', () => {
    expect(parseCt('27.41')).toEqual({ kind: 'value', value: 27.41 });
    expect(parseCt(' 27,41 ')).toEqual({ kind: 'value', value: 27.41 });
    expect(parseCt('Undetermined')).toEqual({ kind: 'undetermined' });
    expect(parseCt('UNDET')).toEqual({ kind: 'undetermined' });
    expect(parseCt('')).toEqual({ kind: 'empty' });
  });
  it('gives a specific message for text, negative, 0, > 50 — never NaN', () => {
    const msg = (t: string) => {
      const r = parseCt(t);
      return r.kind === 'error' ? renderEnglish(r.message) : `no error: ${r.kind}`;
    };
    expect(msg('abc')).toMatch(/“abc” is not a Ct value/);
    expect(msg('27.4.1')).toMatch(/not a Ct value/);
    expect(msg('2,7,4')).toMatch(/not a Ct value/);
    expect(msg('-3')).toMatch(/cannot be negative/);
    expect(msg('0')).toMatch(/Ct of 0 is not a measurement/);
    expect(msg('51')).toMatch(/exceeds 50 cycles/);
    expect(parseRelativeExpression('0,62')).toEqual({ kind: 'value', value: 0.62 });
    expect(parseRelativeExpression('0').kind).toBe('error');
    expect(parseRelativeExpression('x').kind).toBe('error');
  });
});

function filled(): QpcrEntry {
  const e = emptyQpcrEntry();
  e.cts.patient['miR-34a'] = ['30.1', '30.3', '30.2'];
  e.cts.patient.U6 = ['24.0', '24.2', '24.1'];
  e.cts.patient['miR-16'] = ['22.0', '22.1', '21.9'];
  e.cts.patient['cel-miR-39'] = ['20.0', '20.1', '20.2'];
  e.cts.calibrator['miR-34a'] = ['29.0', '29.1', '29.2'];
  e.cts.calibrator.U6 = ['24.5', '24.5', '24.5'];
  e.cts.calibrator['miR-16'] = ['22.5', '22.5', '22.5'];
  e.cts.calibrator['cel-miR-39'] = ['20.5', '20.5', '20.5'];
  return e;
}

describe('analyseQpcr', () => {
  it('computes means, reference Ct, ΔCt, ΔΔCt and 2^−ΔΔCt by hand', () => {
    const a = analyseQpcr(filled());
    expect(a.summaries.patient['miR-34a'].mean).toBeCloseTo(30.2, 12);
    expect(a.summaries.patient['miR-34a'].sd).toBeCloseTo(0.1, 12);
    expect(a.referenceCt.patient).toBeCloseTo((24.1 + 22.0) / 2, 12);
    expect(a.deltaCt.patient).toBeCloseTo(30.2 - 23.05, 12);
    expect(a.deltaCt.calibrator).toBeCloseTo(29.1 - 23.5, 12);
    const ddct = 30.2 - 23.05 - (29.1 - 23.5);
    expect(a.quantification?.deltaDeltaCt).toBeCloseTo(ddct, 12);
    expect(a.relativeExpression).toBeCloseTo(2 ** -ddct, 12);
    expect(a.source).toBe('ddct');
    expect(a.flags).toEqual([]);
  });
  it('flags SD > 0.5, late and undetermined wells, spike-in drift, out-of-range values — and still computes', () => {
    const e = filled();
    e.cts.patient['miR-34a'] = ['30.1', '31.5', 'Undetermined'];
    e.cts.patient.U6 = ['36.2', '36.0', '36.1'];
    e.cts.patient['cel-miR-39'] = ['23.0', '23.0', '23.0'];
    e.cts.calibrator['miR-16'] = ['4.5', '22.5', '22.5'];
    const a = analyseQpcr(e);
    const codes = a.flags.map((f) => f.code).sort();
    expect(codes).toEqual(['late', 'range', 'sd', 'sd', 'spike', 'undetermined']);
    expect(renderEnglish(a.flags.find((f) => f.code === 'spike')!.message)).toMatch(/2\.50 cycles/);
    expect(a.relativeExpression).not.toBeNull();
    expect(Number.isFinite(a.relativeExpression)).toBe(true);
  });
  it('missing calibrator: flagged, no value, nothing lost; direct entry and Pfaffl mode', () => {
    const e = filled();
    e.cts.calibrator = emptyQpcrEntry().cts.calibrator;
    const a = analyseQpcr(e);
    expect(a.flags.map((f) => f.code)).toContain('no-calibrator');
    expect(a.relativeExpression).toBeNull();
    expect(a.missing.map(renderEnglish)).toContain('Calibrator miR-34a');
    e.directRelativeExpression = '0,71';
    expect(analyseQpcr(e).relativeExpression).toBe(0.71);
    expect(analyseQpcr(e).source).toBe('direct');
    const p = { ...filled(), pfaffl: true, efficiencyTarget: '1.9', efficiencyReference: '2' };
    const ap = analyseQpcr(p);
    expect(ap.source).toBe('pfaffl');
    const dT = 29.1 - 30.2;
    const dR = 23.5 - 23.05;
    expect(ap.relativeExpression).toBeCloseTo(1.9 ** dT / 2 ** dR, 12);
    expect(analyseQpcr({ ...p, efficiencyTarget: '5' }).flags.map((f) => f.code)).toContain('efficiency');
  });
  it('typing errors never produce NaN', () => {
    const e = filled();
    e.cts.patient['miR-34a'] = ['abc', '-1', '0'];
    const a = analyseQpcr(e);
    expect(a.relativeExpression).toBeNull();
    expect(a.parsed.patient['miR-34a'].every((p) => p.kind === 'error')).toBe(true);
    expect(a.missing.map(renderEnglish)).toEqual(['Patient miR-34a']);
  });
});
