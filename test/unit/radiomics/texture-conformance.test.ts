/**
 * Conformance of the GLSZM, GLDM and NGTDM classes with PyRadiomics 3.1 on the 2-D ultrasound cases
 * (`shared/conformance/ultrasound`): every case of reference_study.csv and reference_alt.csv, all 35
 * features, relative 1e-6 / absolute 1e-9.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { computeGldm } from '../../../src/radiomics/gldm';
import { computeGlszm } from '../../../src/radiomics/glszm';
import { computeNgtdm } from '../../../src/radiomics/ngtdm';
import { prepareTextureInput } from '../../../src/radiomics/preprocess';
import { STUDY_PRESET } from '../../../src/radiomics/settings';
import type { FeatureValues, RadiomicsSettings, TextureInput } from '../../../src/radiomics/types';

const DIR = path.resolve(__dirname, '../../../../shared/conformance/ultrasound');
const REL_TOL = 1e-6;
const ABS_TOL = 1e-9;

/** The classes under test, keyed by PyRadiomics' class name in the feature columns. */
const CLASSES: Record<string, (input: TextureInput) => FeatureValues> = {
  glszm: computeGlszm,
  gldm: computeGldm,
  ngtdm: computeNgtdm,
};

/** Reads an 8-bit single-channel PNG of the suite. */
function readGrey(file: string): { data: Uint8Array; width: number; height: number } {
  const png = decode(readFileSync(path.join(DIR, 'cases', file)));
  if (png.channels !== 1 || png.depth !== 8) {
    throw new Error(
      `${file}: expected an 8-bit grey PNG, got ${png.channels} channel(s) of ${png.depth} bit`,
    );
  }
  return { data: png.data as Uint8Array, width: png.width, height: png.height };
}

/** Builds the texture input of a case as a 1-slice volume (spacing 1, mask 0/255 -> label 1). */
function caseInput(name: string, settings: Partial<RadiomicsSettings>): TextureInput {
  const img = readGrey(`${name}_image.png`);
  const msk = readGrey(`${name}_mask.png`);
  const { width: W, height: H } = img;
  const mask = Uint8Array.from(msk.data, (v) => (v > 0 ? 1 : 0));
  return prepareTextureInput(
    { data: Float64Array.from(img.data), size: [1, H, W], spacing: [1, 1, 1] },
    { data: mask, size: [1, H, W], spacing: [1, 1, 1] },
    settings,
  );
}

/** Parses a reference CSV into its header and rows (first column = case name). */
function readCsv(file: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path.join(DIR, file), 'utf8').trim().split(/\r?\n/);
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

const VARIANTS: [string, Partial<RadiomicsSettings>][] = [
  ['reference_study.csv', STUDY_PRESET],
  ['reference_alt.csv', { normalize: false, voxelArrayShift: 0, binWidth: 10 }],
];

describe.each(VARIANTS)('GLSZM/GLDM/NGTDM vs PyRadiomics 3.1 (%s)', (file, settings) => {
  const { header, rows } = readCsv(file);
  const columns = header
    .map((h, k) => ({ k, m: /^original_(glszm|gldm|ngtdm)_(\w+)$/.exec(h) }))
    .filter((c) => c.m !== null)
    .map((c) => ({ k: c.k, cls: c.m![1], feature: c.m![2] }));

  it('has the 35 reference columns of the three classes', () => {
    expect(columns).toHaveLength(35);
    expect(rows.length).toBeGreaterThanOrEqual(56);
  });

  let maxRel = 0;
  let compared = 0;

  it.each(rows.map((r) => [r[0], r] as const))('%s', (name, row) => {
    const input = caseInput(name, settings);
    const got: Record<string, FeatureValues> = {};
    for (const cls of Object.keys(CLASSES)) got[cls] = CLASSES[cls](input);
    const failures: string[] = [];
    for (const { k, cls, feature } of columns) {
      const ref = Number(row[k]);
      const value = got[cls][feature];
      expect(value, `${cls}_${feature} is missing`).toBeTypeOf('number');
      const err = Math.abs(value - ref);
      const rel = ref !== 0 ? err / Math.abs(ref) : err === 0 ? 0 : Infinity;
      if (!(err <= ABS_TOL || rel <= REL_TOL))
        failures.push(`${cls}_${feature}: got ${value}, expected ${ref}`);
      if (err > ABS_TOL) maxRel = Math.max(maxRel, rel);
      compared++;
    }
    for (const cls of Object.keys(CLASSES)) {
      expect(Object.keys(got[cls]).length, `${cls} feature count`).toBe(
        columns.filter((c) => c.cls === cls).length,
      );
    }
    expect(failures).toEqual([]);
  });

  it('compared every feature of every case', () => {
    expect(compared).toBe(rows.length * columns.length);
    expect(maxRel).toBeLessThanOrEqual(REL_TOL);
  });
});
