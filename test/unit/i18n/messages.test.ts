/**
 * Messages made outside the UI (qPCR parsing and QC, prediction warnings, case-store errors) are
 * produced here by the real functions and must all be recognised and rendered in Chinese; in English
 * they are shown unchanged, and unknown (engine) messages stay English in both languages.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticCohort } from '../../../bench/pipeline.bench';
import { fitStudyModels } from '../../../src/model/pipeline';
import { sealModel, STUDY_EXTRACTION_SETTINGS, type ModelDocument } from '../../../src/model/modelFile';
import { analyseQpcr, emptyQpcrEntry, type QpcrEntry } from '../../../src/qpcr/analysis';
import { parseCt, parseRelativeExpression } from '../../../src/qpcr/parse';
import { predictCase } from '../../../src/store/prediction';
import type { StoredFeatures, StoredQpcrResult } from '../../../src/db/types';
import { i18n } from '../../../src/i18n';
import { translateMessage } from '../../../src/i18n/messages';
import { cohortFromCases } from '../../../src/ui/studio/cohortSources';

const zh = (s: string) => translateMessage(s, i18n.getFixedT('zh-CN'), 'zh-CN');
const en = (s: string) => translateMessage(s, i18n.getFixedT('en'), 'en');
const CJK = /[\u4e00-\u9fff]/;

function entry(
  cts: Partial<Record<'patient' | 'calibrator', Partial<QpcrEntry['cts']['patient']>>>,
  extra = {},
) {
  const e = emptyQpcrEntry();
  for (const s of ['patient', 'calibrator'] as const) Object.assign(e.cts[s], cts[s] ?? {});
  return { ...e, ...extra };
}

function expectTranslated(messages: string[]) {
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    const out = zh(m);
    expect(out, m).toMatch(CJK);
    expect(out, m).not.toBe(m);
    expect(out, m).not.toMatch(/\{\{|\}\}/);
    expect(en(m)).toBe(m);
  }
}

describe('translated messages', () => {
  it('qPCR QC flags and missing values', () => {
    const a = analyseQpcr(
      entry({
        patient: {
          'miR-34a': ['36.1', '37.9', '36.5'],
          U6: ['20', 'Undetermined', '21.4'],
          'miR-16': ['Undetermined', 'Undetermined', 'Undetermined'],
          'cel-miR-39': ['18', '18.2', '18.1'],
        },
      }),
    );
    const codes = a.flags.map((f) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['sd', 'undetermined', 'late', 'no-calibrator']));
    expectTranslated(a.flags.map((f) => f.message));
    expectTranslated(a.missing);
    expect(zh('Patient miR-16')).toBe('患者样本 miR-16');

    const b = analyseQpcr(
      entry(
        {
          patient: {
            'miR-34a': ['4', '28', '28'],
            U6: ['20', '20', '20'],
            'miR-16': ['22', '22', '22'],
            'cel-miR-39': ['15', '15', '15'],
          },
          calibrator: {
            'miR-34a': ['28', '28', '28'],
            U6: ['20', '20', '20'],
            'miR-16': ['22', '22', '22'],
            'cel-miR-39': ['19', '19', '19'],
          },
        },
        { pfaffl: true, efficiencyTarget: '5' },
      ),
    );
    expect(b.flags.map((f) => f.code)).toEqual(expect.arrayContaining(['range', 'spike', 'efficiency']));
    expectTranslated(b.flags.map((f) => f.message));
  });

  it('Ct and relative-expression typing errors', () => {
    const errors = [
      parseCt('abc'),
      parseCt('-3'),
      parseCt('0'),
      parseCt('61'),
      parseRelativeExpression('x'),
      parseRelativeExpression('0'),
    ].map((p) => (p.kind === 'error' ? p.message : ''));
    expectTranslated(errors);
    expect(zh(errors[0])).toContain('“abc”');
  });

  describe('prediction messages', () => {
    let doc: ModelDocument;
    let cohort: ReturnType<typeof syntheticCohort>;
    beforeAll(async () => {
      cohort = syntheticCohort(93, { seed: 3 });
      const r = fitStudyModels(cohort, {
        seed: 42,
        nBoot: 0,
        createdAt: '2026-01-01T00:00:00.000Z',
        appVersion: 'test',
      });
      doc = await sealModel(r.document);
    });
    const features = (unit: 'mm' | 'pixel', scale = 1): StoredFeatures => ({
      values: Object.fromEntries(cohort.featureNames.map((n, j) => [n, cohort.features[0][j] * scale])),
      settings: {} as StoredFeatures['settings'],
      extraction: { ...STUDY_EXTRACTION_SETTINGS, spacingUnit: unit, binWidth: 7 },
      spacing: [1, 1, 1],
      spacingUnit: unit,
      roiPixels: 100,
      computedAt: '',
    });

    it('waiting for inputs and models that need them', () => {
      const p = predictCase(doc, null, null);
      expectTranslated(p.waitingFor);
      expectTranslated(p.outcomes.flatMap((o) => (o.ok ? [] : [o.message])));
    });

    it('warnings: settings, out of range, qPCR flags, direct entry', () => {
      const qpcr: StoredQpcrResult = {
        relativeExpression: 1e6,
        source: 'direct',
        deltaDeltaCt: null,
        flags: [
          {
            code: 'no-calibrator',
            message: analyseQpcr(entry({ patient: { U6: ['20', '', ''] } })).flags[0].message,
          },
        ],
      } as StoredQpcrResult;
      const p = predictCase(doc, features('mm', 50), qpcr);
      expect(p.warnings.some((w) => w.startsWith('Spacing mismatch'))).toBe(true);
      expect(p.warnings.some((w) => w.startsWith('Settings mismatch'))).toBe(true);
      expect(p.warnings.some((w) => w.includes('outside the training range'))).toBe(true);
      expect(p.warnings.some((w) => w.startsWith('qPCR: '))).toBe(true);
      expectTranslated(p.warnings);
    });
  });

  it('cohorts from saved cases: notes, labels and the too-few-cases error', () => {
    let error = '';
    try {
      cohortFromCases([]);
    } catch (e) {
      error = (e as Error).message;
    }
    expect(error).toMatch(/^only 0 saved case/);
    expectTranslated([
      error,
      'P21: left out — no miR-34a value.',
      'P22: left out — no features (draw the ROI).',
      'P23: left out — its features were extracted with other settings than the other cases.',
      '12 saved cases with an outcome',
    ]);
  });

  it('case-store and model-store errors; engine messages stay English', () => {
    expectTranslated([
      'This case no longer exists (it may have been deleted).',
      `"clip.dcm" is a clip of 12 frames: choose the frame at the lesion's maximum diameter.`,
      `"ct.nrrd" is a volume of 40 slices; open a single 2-D ultrasound image (PNG, JPEG, BMP, TIFF or DICOM).`,
    ]);
    // The engine's own text after a translated prefix stays as it is.
    expect(zh('The stored image could not be decoded: PNG: bad CRC')).toBe(
      '无法解码已保存的图像：PNG: bad CRC',
    );
    expect(zh('LASSO did not converge')).toBe('LASSO did not converge');
  });
});
