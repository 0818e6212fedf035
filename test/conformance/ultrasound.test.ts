/**
 * Conformance of the full extraction (extractFeatures) with PyRadiomics 3.1 on the 2-D ultrasound
 * cases of ../shared/conformance/ultrasound, table-driven from its settings.json (parameters parsed with
 * parseParams, checked against PyRadiomics' effective settings): every reference case and feature of
 * reference_study.csv, reference_alt.csv (107 features each) and reference_shape2D.csv (9 features),
 * at relative 1e-6 / absolute 1e-9. Skewness and Kurtosis are skipped on flat ROIs (one grey value),
 * where PyRadiomics returns floating-point noise (see the data's README).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFeatures, STUDY_FEATURE_NAMES } from '../../src/radiomics/extract';
import { FEATURE_NAMES, parseParams } from '../../src/radiomics/settings';
import type { RadiomicsSettings } from '../../src/radiomics/types';
import { CONFORMANCE_DIR, loadPngImage, loadPngMask, readCsv, Tally } from './helpers';

const US_DIR = path.join(CONFORMANCE_DIR, 'ultrasound');

/** One reference file of settings.json: the parameters PyRadiomics was given and its effective settings. */
interface Variant {
  file: string;
  params_passed_to_RadiomicsFeatureExtractor: Record<string, unknown>;
  effective_settings: Record<string, unknown>;
  feature_names: string[];
}

/** The three variants (main, alt, shape2D) as settings.json documents them. */
const VARIANTS: Variant[] = Object.values(
  (
    JSON.parse(readFileSync(path.join(US_DIR, 'settings.json'), 'utf8')) as {
      variants: Record<string, Variant>;
    }
  ).variants,
);

describe('ultrasound conformance with PyRadiomics 3.1', () => {
  for (const variant of VARIANTS) {
    it(`parses the parameters of ${variant.file} into PyRadiomics' effective settings`, () => {
      const parsed = parseParams(JSON.stringify(variant.params_passed_to_RadiomicsFeatureExtractor), 'json');
      for (const [key, value] of Object.entries(variant.effective_settings)) {
        if (key in parsed.settings)
          expect(parsed.settings[key as keyof RadiomicsSettings], key).toEqual(value);
      }
      expect(parsed.imageTypes).toEqual(['Original']);
    });

    it(`matches every case and feature of ${variant.file}`, () => {
      const { settings, featureClasses } = parseParams(
        JSON.stringify(variant.params_passed_to_RadiomicsFeatureExtractor),
        'json',
      );
      const { header, rows } = readCsv(path.join(US_DIR, variant.file));
      const names = header.slice(1);
      expect(names).toEqual(variant.feature_names);
      if (names.length === 107) expect(names).toEqual(STUDY_FEATURE_NAMES);
      else expect(names).toEqual(FEATURE_NAMES.shape2D.map((f) => `original_shape2D_${f}`));
      expect(rows.length).toBeGreaterThanOrEqual(50);

      const tally = new Tally();
      const times: number[] = [];
      let skipped = 0;
      for (const row of rows) {
        const c = row[0];
        const image = loadPngImage(path.join(US_DIR, 'cases', `${c}_image.png`));
        const mask = loadPngMask(path.join(US_DIR, 'cases', `${c}_mask.png`));
        const result = extractFeatures(image, mask, { settings, featureClasses });
        times.push(result.timings.total);
        expect(result.features.map(([n]) => n)).toEqual(names);
        const rangeCol = names.indexOf('original_firstorder_Range');
        const flat = rangeCol >= 0 && Number(row[rangeCol + 1]) === 0;
        names.forEach((name, k) => {
          if (flat && /_(Skewness|Kurtosis)$/.test(name)) {
            skipped++;
            return;
          }
          tally.check(`${c} ${name}`, result.values[name], Number(row[k + 1]));
        });
      }
      times.sort((a, b) => a - b);
      console.log(
        `[conformance] ultrasound ${variant.file}: ${rows.length} cases, ${tally.pairs} (case, feature) pairs, ` +
          `max rel error ${tally.maxRel.toExponential(2)}${tally.maxRelAt ? ` (${tally.maxRelAt})` : ''}, ` +
          `${skipped} flat-ROI Skewness/Kurtosis skipped, median ${times[times.length >> 1].toFixed(1)} ms/case`,
      );
      expect(tally.failures).toEqual([]);
      expect(tally.pairs).toBe(rows.length * names.length - skipped);
    });
  }
});
