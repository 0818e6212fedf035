import { describe, expect, it } from 'vitest';
import { englishError, renderEnglish } from '../../../src/i18n/render';
import { syntheticCohort } from '../../fixtures/cohort';
import type { CaseRecord } from '../../../src/db/types';
import { newCaseRecord } from '../../../src/db/cases';
import { fitStudyModels } from '../../../src/model/pipeline';
import { sealModel, STUDY_EXTRACTION_SETTINGS } from '../../../src/model/modelFile';
import { parseCohortCsv } from '../../../src/model/cohort';
import { STUDY_FEATURE_NAMES } from '../../../src/radiomics/extract';
import { DEFAULT_SETTINGS as RADIOMICS_DEFAULTS } from '../../../src/radiomics/settings';
import { cohortFromCases, splitFromSetColumn, withoutSetColumn } from '../../../src/ui/studio/cohortSources';
import { PUBLISHED } from '../../../src/ui/studio/published';
import { fmtP, radScoreFormula, table3, table3Csv, toCsv } from '../../../src/ui/studio/report';

function caseWith(i: number, outcome: boolean | null, mir: number | null, features = true): CaseRecord {
  const r = newCaseRecord(`P${i}`);
  return {
    ...r,
    outcome:
      outcome === null ? null : { millerPayne: outcome ? 5 : 2, pcr: outcome, recordedAt: r.createdAt },
    qpcrResult: mir === null ? null : { relativeExpression: mir, source: 'ddct', deltaDeltaCt: 0, flags: [] },
    features: features
      ? {
          values: Object.fromEntries(STUDY_FEATURE_NAMES.map((n, j) => [n, i + j / 10])),
          settings: { ...RADIOMICS_DEFAULTS },
          extraction: STUDY_EXTRACTION_SETTINGS,
          spacing: [1, 1, 1],
          spacingUnit: 'pixel',
          roiPixels: 500,
          computedAt: r.createdAt,
        }
      : null,
  };
}

describe('Model Studio cohort sources', () => {
  it('builds a cohort from saved cases with an outcome, features and miR-34a, noting the others', () => {
    const records = [
      ...Array.from({ length: 12 }, (_, i) => caseWith(i, i % 2 === 0, 0.5 + i / 100)),
      caseWith(20, null, 0.6),
      caseWith(21, true, null),
      caseWith(22, false, 0.4, false),
    ];
    const s = cohortFromCases(records);
    expect(s.cohort.ids).toHaveLength(12);
    expect(s.cohort.featureNames).toEqual(STUDY_FEATURE_NAMES);
    expect(s.cohort.pcr?.filter((v) => v === 1)).toHaveLength(6);
    expect(s.cohort.mir34a[3]).toBe(0.53);
    expect(s.extraction).toEqual(STUDY_EXTRACTION_SETTINGS);
    expect(s.notes.map(renderEnglish)).toEqual([
      'P21: left out — no miR-34a value.',
      'P22: left out — no features (draw the ROI).',
    ]);
  });

  it('explains why too few saved cases make no cohort', () => {
    const thrown = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return englishError(e);
      }
      return 'nothing thrown';
    };
    expect(thrown(() => cohortFromCases([caseWith(1, true, 0.7), caseWith(2, null, 0.5)]))).toContain(
      'only 1 saved case(s) have an outcome, features and a miR-34a value (1 with an outcome)',
    );
  });

  it('reads a user split from a set column and names a bad value', () => {
    const csv = (sets: string[]) =>
      `id,set,original_glcm_Correlation,miR34a,pCR\n${sets.map((s, i) => `c${i},${s},${i},0.5,${i % 2}`).join('\n')}\n`;
    const cohort = parseCohortCsv(csv(['training', 'validation', 'train', 'test']));
    expect(splitFromSetColumn(cohort)).toEqual({ train: [0, 2], test: [1, 3] });
    expect(withoutSetColumn(cohort).clinical).toEqual([]);
    let error = '';
    try {
      splitFromSetColumn(parseCohortCsv(csv(['training', 'later'])));
    } catch (e) {
      error = englishError(e);
    }
    expect(error).toContain('column "set", case c1: "later" is neither "training" nor "validation"');
    expect(splitFromSetColumn(parseCohortCsv('original_glcm_Correlation,miR34a,pCR\n1,0.5,1\n'))).toBeNull();
  });
});

describe('Model Studio report tables', () => {
  it('lays out Table 3 with the published values beside each row and exports it as CSV', async () => {
    const result = fitStudyModels(syntheticCohort(80, { seed: 3 }), { seed: 42, k: 7, nBoot: 0 });
    const model = await sealModel(result.document);
    const rows = table3(model);
    const built = (['clinical', 'radiomics', 'combined'] as const).filter((k) => model.models[k]).length;
    expect(rows).toHaveLength(2 * built);
    const v = rows.find((r) => r.set === 'validation' && r.kind === 'clinical')!;
    expect(v.auc).toBe(model.models.clinical!.metrics.validation.auc);
    expect(v.published).toEqual(PUBLISHED.table3Validation.clinical);
    const lines = table3Csv(model).trim().split('\n');
    expect(lines).toHaveLength(1 + rows.length);
    expect(lines[0].split(',')).toHaveLength(19);
    expect(lines[1].startsWith('Training (5-fold CV),Clinical (miR-34a),')).toBe(true);
  });

  it('formats the Rad-score, P values and CSV quoting as printed', () => {
    expect(radScoreFormula(PUBLISHED.radScore.intercept, PUBLISHED.radScore.coefficients.slice(0, 2))).toBe(
      'Rad-score = 0.580645 + 0.025709·original_glcm_Correlation − 0.044043·original_glrlm_ShortRunEmphasis',
    );
    expect(fmtP(0.0004)).toBe('< 0.001');
    expect(fmtP(0.0149)).toBe('0.015');
    expect(fmtP(null)).toBe('–');
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x, y', 'say "hi"'],
          [1, null],
        ],
      ),
    ).toBe('a,b\n"x, y","say ""hi"""\n1,\n');
  });
});
