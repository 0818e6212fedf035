/**
 * Every `model.*` and `stats.*` code renders in Chinese and in English with all placeholders filled, with
 * the parameters the real functions throw it with. Only failures no small input provokes (a special
 * function that does not converge, Newton–Raphson that stops on separation, a t-test that fails inside
 * the pipeline, whose constant columns are set aside first) are built by hand.
 */
import { describe, expect, it } from 'vitest';
import { syntheticCohort } from '../../fixtures/cohort';
import { thrownMessage } from '../../fixtures/thrownMessage';
import { codesOf, codesUnder, en, expectTranslated, zh } from '../../fixtures/translated';
import { en as enResources } from '../../../src/i18n/en';
import { decodeRle, iccAnova, intraclassCorrelation, maskOverlap } from '../../../src/model/agreement';
import { bootstrapAucCi } from '../../../src/model/bootstrap';
import { calibrationCurve, hosmerLemeshow } from '../../../src/model/calibration';
import { parseCohortCsv, parseCsv, type Cohort } from '../../../src/model/cohort';
import { pearson } from '../../../src/model/correlation';
import { delongUnpaired } from '../../../src/model/delong';
import { fitKnn } from '../../../src/model/knn';
import { lassoAlphaGrid, lassoCV, lassoFit } from '../../../src/model/lasso';
import { cholesky } from '../../../src/model/linalg';
import { fitLogistic } from '../../../src/model/logistic';
import { thresholdMetrics } from '../../../src/model/metrics';
import { canonicalJson } from '../../../src/model/modelFile';
import { fitStudyModels } from '../../../src/model/pipeline';
import { xoshiro128ssFromState } from '../../../src/model/random';
import { aucMannWhitney } from '../../../src/model/roc';
import { greedyCorrelationFilter } from '../../../src/model/selection';
import { normalCdf } from '../../../src/model/special';
import { kFold, stratifiedKFold, stratifiedSplit } from '../../../src/model/split';
import {
  chiSquareContingency,
  fisherExact,
  mannWhitneyExactP,
  mannWhitneyU,
  studentTTest,
} from '../../../src/model/tests';
import { fitStandardScaler, fitSampleScaler, transformStandardScaler } from '../../../src/model/zscore';
import { message, type Message } from '../../../src/util/message';

const header = 'id,original_glcm_Contrast,miR34a,pCR';
const csv = (rows: string) => thrownMessage(() => parseCohortCsv(`${header}\n${rows}`));

function cohortErrors(): Message[] {
  return [
    thrownMessage(() => parseCsv(' \n', 'empty.csv')),
    thrownMessage(() => parseCsv('a,b\n"1,2\n')),
    thrownMessage(() => parseCsv('a,,c\n1,2,3')),
    thrownMessage(() => parseCsv('a,a\n1,2')),
    thrownMessage(() => parseCsv('a,b\n1')),
    csv('P1,x,0.5,1'),
    csv('P1,1e999,0.5,1'),
    csv('P1,,0.5,1'),
    csv(',1,0.5,1'),
    csv('P1,1,0.5,1\nP1,1,0.5,0'),
    csv('P1,1,0,1'),
    csv('P1,1,0.5,yes'),
    thrownMessage(() => parseCohortCsv(header)),
    thrownMessage(() => parseCohortCsv('original_glcm_Contrast,miR34a,miR-34a,pCR\n1,1,1,1')),
    thrownMessage(() => parseCohortCsv('original_glcm_Contrast,pCR\n1,0')),
    thrownMessage(() => parseCohortCsv('original_glcm_Contrast,miR34a\n1,0.5')),
    thrownMessage(() => parseCohortCsv('miR34a,pCR\n0.5,1')),
    thrownMessage(() =>
      parseCohortCsv('original_glcm_Contrast,reader2_original_glcm_Idm,miR34a,pCR\n1,1,0.5,1'),
    ),
  ];
}

function trainingErrors(): Message[] {
  const c = syntheticCohort(60, { seed: 2 });
  const all = c.ids.map((_, i) => i);
  const pcr = c.pcr!;
  const fit = (cohort: Cohort, options: Parameters<typeof fitStudyModels>[1] = {}) =>
    thrownMessage(() => fitStudyModels(cohort, { nBoot: 0, ...options }));
  // Validation: five non-pCR cases only.
  const test = all.filter((i) => pcr[i] === 0).slice(0, 5);
  const train = all.filter((i) => !test.includes(i));
  // A second reader whose values are the first's + 1: no residual variance, so no ICC.
  const shifted = { featureNames: [c.featureNames[0]], features: c.features.map((r) => [r[0] + 1]) };
  const aborted = new AbortController();
  aborted.abort();
  return [
    fit({ ...c, pcr: null }),
    fit({ ...c, mir34a: c.mir34a.slice(1) }),
    fit({ ...c, features: [c.features[0].slice(1), ...c.features.slice(1)] }),
    fit(c, { split: { train: [], test: all } }),
    fit(c, { split: { train: all, test: [] } }),
    fit(c, { split: { train: [...train, 60], test } }),
    fit(c, { split: { train: [...train, test[0]], test } }),
    fit(c, { split: { train: train.slice(1), test } }),
    fit(c, { split: { train, test } }),
    fit(syntheticCohort(12, { seed: 1 })),
    fit({ ...c, reader2: shifted }),
    message('model.ttest.failed', {
      feature: c.featureNames[0],
      reason: message('stats.ttest.zeroVariance', { fn: 'tTestIndependent' }),
    }),
    fit(c, { k: 0 }),
    fit(c, { k: 500 }),
    fit(c, { seed: 0.5 }),
    fit(c, { weights: 'cosine' as never }),
    fit(c, { signal: aborted.signal }),
    thrownMessage(() => stratifiedSplit([0, 0, 0, 1], 1)),
    thrownMessage(() => stratifiedSplit([0, 0, 1, 1, 2, 2], 1)),
    thrownMessage(() => kFold(3, 5)),
    thrownMessage(() => stratifiedKFold([0, 0, 1, 1, 2], 3)),
    thrownMessage(() => fitKnn([[1]], [1], { k: 2 })),
    thrownMessage(() => lassoAlphaGrid([[1], [2]], [1, 1])),
    thrownMessage(() => fitLogistic([[1], [2]], [1, 1])),
    thrownMessage(() =>
      fitLogistic(
        [
          [1, 2],
          [2, 4],
          [3, 6],
        ],
        [0, 1, 1],
      ),
    ),
    thrownMessage(() => fitLogistic([[1], [2], [3], [5]], [0, 1, 0, 1], { maxIter: 1 })),
    message('model.logistic.separation'),
    thrownMessage(() => canonicalJson({ x: NaN })),
    thrownMessage(() => canonicalJson({ x: 1n })),
  ];
}

/**
 * The notes, not-built reasons and progress stages of real pipeline runs: a second reader that
 * disagrees (ICC note, every stage), constant features (nothing passes the t-test), LASSO and the
 * L1-logistic selecting nothing. `model.stage.starting` is the Studio's, before the worker reports.
 */
function pipelineNotes(): Message[] {
  const out: Message[] = [message('model.stage.starting')];
  const run = (cohort: Cohort, options: Parameters<typeof fitStudyModels>[1] = {}) => {
    const r = fitStudyModels(cohort, { nBoot: 0, ...options }, (_f, stage) => out.push(stage));
    out.push(...r.messages, ...Object.values(r.notBuilt));
  };
  run(syntheticCohort(120, { seed: 2, reader2: true }));
  const c = syntheticCohort(60, { seed: 2 });
  run({ ...c, featureNames: c.featureNames.slice(0, 2), features: c.features.map(() => [1, 2]) });
  const noise = syntheticCohort(60, { seed: 187, effect: 0 });
  run(
    {
      ...noise,
      featureNames: noise.featureNames.slice(3, 8),
      features: noise.features.map((r) => r.slice(3, 8)),
    },
    { seed: 3 },
  );
  run(c, { selector: { method: 'l1-logistic', C: 1e-6 } });
  return out;
}

function statisticsErrors(): Message[] {
  return [
    thrownMessage(() => maskOverlap([1], [1, 0])),
    thrownMessage(() => iccAnova([[1, 2], [3]])),
    thrownMessage(() =>
      iccAnova([
        [1, NaN],
        [3, 4],
      ]),
    ),
    thrownMessage(() => maskOverlap([NaN], [1])),
    thrownMessage(() => aucMannWhitney([1, 2], [0.1, 0.2])),
    thrownMessage(() => studentTTest([1], [1, 2])),
    thrownMessage(() => iccAnova([[1, 2]])),
    thrownMessage(() => iccAnova([[1], [2]])),
    thrownMessage(() => calibrationCurve([0, 1], [0.5, 1.5])),
    thrownMessage(() => kFold(4, 1)),
    thrownMessage(() => stratifiedSplit([0, 1, 0, 1], 0.5)),
    thrownMessage(() => thresholdMetrics([1, 0], [1, 0], 0.5, '<' as never)),
    message('stats.noConvergence', { fn: 'incompleteBeta', detail: 'a = 1e+300, b = 1e+300, x = 0.5' }),
    thrownMessage(() =>
      lassoCV([[1], [2], [3], [4]], [1, 2, 3, 5], {
        cv: [
          { train: [0, 1], test: [] },
          { train: [2, 3], test: [0, 1] },
        ],
      }),
    ),
    thrownMessage(() => greedyCorrelationFilter([[1]], [0, 0])),
    thrownMessage(() => pearson([1, 1, 1], [1, 2, 3])),
    thrownMessage(() => fitSampleScaler([[1], [1]])),
    thrownMessage(() => transformStandardScaler(fitStandardScaler([[1], [2]]), [[1, 2]])),
    thrownMessage(() => bootstrapAucCi([1, 1], [1, 0])),
    thrownMessage(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ),
    thrownMessage(() => xoshiro128ssFromState([0, 0, 0, 0])),
    thrownMessage(() => studentTTest([1, 1], [2, 2])),
    thrownMessage(() =>
      chiSquareContingency([
        [0, 0],
        [1, 2],
      ]),
    ),
    thrownMessage(() =>
      fisherExact([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ),
    thrownMessage(() => mannWhitneyU([1, 1], [1, 1])),
    thrownMessage(() => mannWhitneyExactP([1, 2], [2, 3])),
    thrownMessage(() =>
      intraclassCorrelation([
        [1, 2],
        [2, 3],
        [3, 4],
      ]),
    ),
    thrownMessage(() => delongUnpaired([1, 1, 0, 0], [4, 3, 2, 1], [1, 1, 0, 0], [4, 3, 2, 1])),
    thrownMessage(() => hosmerLemeshow([0, 1, 0], [0.1, 0.2, 0.3])),
    thrownMessage(() => decodeRle([[-1, 2]], 4)),
    thrownMessage(() => decodeRle([[3, 2]], 4)),
    thrownMessage(() => lassoFit([[1], [2]], [1, 2], { alpha: 0.1, maxIter: 0 })),
    thrownMessage(() => normalCdf(NaN)),
  ];
}

describe('model and statistics messages', () => {
  const messages = [...cohortErrors(), ...trainingErrors(), ...pipelineNotes(), ...statisticsErrors()];

  it('render in Chinese and in English with every placeholder filled', () => {
    expectTranslated(messages);
  });

  it('cover every model.* and stats.* code', () => {
    const rendered = new Set(messages.flatMap(codesOf));
    const defined = [
      ...codesUnder(enResources.code.model, 'model'),
      ...codesUnder(enResources.code.stats, 'stats'),
    ];
    expect(defined.filter((c) => !rendered.has(c))).toEqual([]);
  });

  it('nest the cause of a failed feature test and the place of a bad cell', () => {
    const icc = messages.find((m) => m.code === 'model.icc.failed')!;
    expect(en(icc)).toMatch(
      /^The inter-reader ICC of original_\w+ cannot be computed: intraclassCorrelation: /,
    );
    expect(zh(icc)).toMatch(/阅片者间 ICC.*残差均方为 0/);
    const cell = messages.find((m) => m.code === 'model.csv.notNumber')!;
    expect(en(cell)).toMatch(/^cohort CSV: line 2, column "original_glcm_Contrast": "x" is not a number\./);
    expect(zh(cell)).toMatch(/^队列 CSV：第 2 行，列“original_glcm_Contrast”：“x”不是数值。/);
  });
});
