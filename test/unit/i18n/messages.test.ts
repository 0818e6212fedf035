/**
 * Messages made outside the UI (qPCR parsing and QC, prediction warnings, case-store errors) are codes
 * produced here by the real functions; each renders in Chinese and in English with every placeholder
 * filled. A stored English string (a case saved by an earlier version) is shown as it is.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { syntheticCohort } from '../../fixtures/cohort';
import { en, expectTranslated, zh } from '../../fixtures/translated';
import { fitStudyModels } from '../../../src/model/pipeline';
import { sealModel, STUDY_EXTRACTION_SETTINGS, type ModelDocument } from '../../../src/model/modelFile';
import { analyseQpcr, emptyQpcrEntry, type QpcrEntry } from '../../../src/qpcr/analysis';
import { parseCt, parseRelativeExpression } from '../../../src/qpcr/parse';
import { predictCase } from '../../../src/store/prediction';
import type { StoredFeatures, StoredQpcrResult } from '../../../src/db/types';
import { cohortFromCases } from '../../../src/ui/studio/cohortSources';
import { message, toMessage, type Message } from '../../../src/util/message';

function entry(
  cts: Partial<Record<'patient' | 'calibrator', Partial<QpcrEntry['cts']['patient']>>>,
  extra = {},
) {
  const e = emptyQpcrEntry();
  for (const s of ['patient', 'calibrator'] as const) Object.assign(e.cts[s], cts[s] ?? {});
  return { ...e, ...extra };
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
    expect(a.missing.map(zh)).toContain('患者样本 miR-16');

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
    ].map((p) => (p.kind === 'error' ? p.message : message('none')));
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
      const english = p.warnings.map(en);
      expect(english.some((w) => w.startsWith('Spacing mismatch'))).toBe(true);
      expect(english.some((w) => w.startsWith('Settings mismatch'))).toBe(true);
      expect(english.some((w) => w.includes('outside the training range'))).toBe(true);
      expect(english.some((w) => w.startsWith('qPCR: '))).toBe(true);
      expectTranslated(p.warnings);
      expect(p.warnings.map(zh).join('\n')).toMatch(/模型/);
    });
  });

  it('cohorts from saved cases: notes, labels and the too-few-cases error', () => {
    let error: Message = message('none');
    try {
      cohortFromCases([]);
    } catch (e) {
      error = toMessage(e);
    }
    expect(en(error)).toMatch(/^only 0 saved case/);
    expectTranslated([
      error,
      message('cohort.leftOutNoMir', { id: 'P21' }),
      message('cohort.leftOutNoFeatures', { id: 'P22' }),
      message('cohort.leftOutSettings', { id: 'P23' }),
      message('cohort.savedCohort', { n: 12 }),
    ]);
  });

  it('case-store errors; an error that is not a MessageError keeps its own words', () => {
    expectTranslated([
      message('case.gone'),
      message('case.clip', { file: 'clip.dcm', frames: 12 }),
      message('case.volume', { file: 'ct.nrrd', slices: 40 }),
    ]);
    const stored = message('case.storedImage', { message: toMessage(new Error('PNG: bad CRC')) });
    expect(zh(stored)).toBe('无法解码已保存的图像：PNG: bad CRC');
    expect(en(stored)).toBe('The stored image could not be decoded: PNG: bad CRC');
  });

  it('English stored by an earlier version is shown as it is, in both languages', () => {
    const old = 'Patient miR-34a: Ct above 35 (36.10) — near the detection limit, less reliable.';
    expect(zh(old)).toBe(old);
    expect(en(old)).toBe(old);
  });
});
