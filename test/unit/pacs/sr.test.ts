import { describe, expect, it } from 'vitest';
import { allFeatureCodes, featureCode } from '../../../src/pacs/ibsiCodes';
import {
  decimalString,
  maskLoops,
  newUid,
  readSonomirSr,
  roiContours,
  writeSonomirSr,
} from '../../../src/pacs/sr';
import { STUDY_FEATURE_NAMES } from '../../../src/radiomics/extract';
import { roiMask } from '../../../src/roi/roi';
import { dciodvfy } from '../../pacs/dciodvfy';
import { analysis, maskRoi, OPERATOR, PATIENT_NAME, polygonRoi, rawValue, sourceInstance } from './srFixture';

describe('feature codes', () => {
  it('gives each of the 107 study features one code of at most 16 characters, unique', () => {
    const codes = STUDY_FEATURE_NAMES.map((n) => featureCode(n)!);
    expect(codes.every(Boolean)).toBe(true);
    for (const c of allFeatureCodes()) {
      expect(c.value.length).toBeLessThanOrEqual(16);
      expect(c.meaning.length).toBeLessThanOrEqual(64);
    }
    const keys = allFeatureCodes().map((c) => `${c.scheme}:${c.value}`);
    expect(new Set(keys).size).toBe(keys.length);
    const ibsi = codes.filter((c) => c.scheme === 'IBSI').length;
    expect(ibsi).toBe(99);
    expect(featureCode('original_glcm_Idmn')?.value).toBe('1QCO');
    expect(featureCode('original_firstorder_Kurtosis')?.scheme).toBe('99SONOMIR');
  });
});

describe('SonoMiR SR', () => {
  it('round-trips a polygon ROI, the 107 features bit-exactly, miR-34a, probabilities, model, operator', () => {
    const a = analysis(polygonRoi());
    const { bytes, identity } = writeSonomirSr(a);
    const back = readSonomirSr(bytes);
    expect(back.identity).toEqual(identity);
    expect(
      Object.is(back.analysis.features.original_glcm_Correlation, a.features.original_glcm_Correlation),
    ).toBe(true);
    expect(back.analysis.features).toEqual(a.features);
    expect(Object.keys(back.analysis.features)).toHaveLength(107);
    expect(back.analysis.mir34a).toBe(a.mir34a);
    expect(back.analysis.probabilities).toEqual(a.probabilities);
    expect(back.analysis.model).toEqual(a.model);
    expect(back.analysis.operator).toBe(OPERATOR);
    expect(back.analysis.analysedAt).toBe(a.analysedAt);
    expect(back.analysis.frame).toBe(1);
    expect(back.analysis.featureUnit).toBe('mm');
    expect(back.analysis.details).toEqual(a.details);
    const ctx = { ...a.context, frames: 2 };
    expect(back.analysis.context).toEqual(ctx);
    // Polygons come back as editable polygons giving the same mask.
    expect(back.analysis.roi.ops.map((o) => o.kind)).toEqual(['polygon']);
    expect(roiMask(back.analysis.roi)).toEqual(roiMask(a.roi));
  });

  it('round-trips a mask ROI with a hole, two components and an eraser stroke exactly', () => {
    const a = analysis(maskRoi());
    expect(roiContours(a.roi).rule).toBe('evenodd');
    const back = readSonomirSr(writeSonomirSr(a).bytes).analysis;
    expect(back.roi.ops.map((o) => o.kind)).toEqual(['mask']);
    expect(roiMask(back.roi)).toEqual(roiMask(a.roi));
    expect(maskLoops(roiMask(a.roi), 64, 48).length).toBeGreaterThanOrEqual(3);
  });

  it('copies the patient name byte-exact (UTF-8, ISO_IR 192) and gives every version new UIDs', () => {
    const a = analysis();
    const one = writeSonomirSr(a);
    const two = writeSonomirSr(a);
    expect(rawValue(one.bytes, 'x00100010')).toEqual(rawValue(sourceInstance(), 'x00100010'));
    expect(new TextDecoder().decode(rawValue(one.bytes, 'x00100010')).trimEnd()).toBe(PATIENT_NAME);
    expect(new TextDecoder().decode(rawValue(one.bytes, 'x00080005')).trim()).toBe('ISO_IR 192');
    expect(one.identity.sopInstanceUid).not.toBe(two.identity.sopInstanceUid);
    expect(one.identity.seriesInstanceUid).not.toBe(two.identity.seriesInstanceUid);
    for (const uid of [one.identity.sopInstanceUid, newUid()]) {
      expect(uid).toMatch(/^2\.25\.(0|[1-9]\d*)$/);
      expect(uid.length).toBeLessThanOrEqual(64);
      expect(BigInt(uid.slice(5))).toBeLessThan(2n ** 128n);
    }
  });

  it('writes a non-finite feature as a NUM without value, read back as NaN', () => {
    const a = analysis();
    a.features.original_ngtdm_Busyness = NaN;
    const back = readSonomirSr(writeSonomirSr(a).bytes).analysis;
    expect(back.features.original_ngtdm_Busyness).toBeNaN();
  });

  it('keeps DS values within 16 characters', () => {
    for (const v of [1 / 3, -1e-300, 123456789012345.67, 2 ** 60, -0.000123456789, 0]) {
      const s = decimalString(v);
      expect(s.length).toBeLessThanOrEqual(16);
      expect(Math.abs(Number(s) - v)).toBeLessThanOrEqual(Math.abs(v) * 1e-9);
    }
  });

  it('refuses objects that are not SonoMiR reports', () => {
    expect(() => readSonomirSr(sourceInstance())).toThrow('pacs.notSonomirSr');
  });

  it('passes dciodvfy with 0 errors', async () => {
    for (const roi of [polygonRoi(), maskRoi()]) {
      const { errors, warnings } = await dciodvfy(writeSonomirSr(analysis(roi)).bytes);
      expect(errors).toEqual([]);
      // Warnings allowed (the private coding scheme 99SONOMIR is not a DICOM defined term).
      expect(warnings.every((w) => w.includes('99SONOMIR'))).toBe(true);
    }
  });
});
