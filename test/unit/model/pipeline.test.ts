import { describe, expect, it } from 'vitest';
import { syntheticCohort } from '../../fixtures/cohort';
import type { Cohort } from '../../../src/model/cohort';
import { fitKnn, predictProba } from '../../../src/model/knn';
import { cancelledError, fitStudyModels, isCancelled } from '../../../src/model/pipeline';
import { stratifiedKFold } from '../../../src/model/split';
import type { Message } from '../../../src/util/message';
import { thrownMessage } from '../../fixtures/thrownMessage';
import { en, expectTranslated } from '../../fixtures/translated';

const FIXED = { createdAt: '2026-01-01T00:00:00.000Z', appVersion: 'test' };

describe('fitStudyModels on a seeded synthetic cohort with signal', () => {
  const cohort = syntheticCohort(200, { seed: 5 });
  const progress: [number, Message][] = [];
  const r = fitStudyModels(cohort, { seed: 11, ...FIXED }, (f, s) => progress.push([f, s]));

  it('splits 4:1, stratified, and records ids', () => {
    expect(r.split.train.length).toBe(160);
    expect(r.split.validation.length).toBe(40);
    expect(r.split.trainIds).toEqual(r.split.train.map((i) => cohort.ids[i]));
    expect(r.document.training).toMatchObject({
      n: 200,
      nTrain: 160,
      nValidation: 40,
      splitSeed: 11,
      seed: 11,
    });
  });

  it('selects informative features and explains every filter step', () => {
    const informative = [0, 20, 40, 60, 80].map((j) => cohort.featureNames[j]);
    expect(r.selected.length).toBeGreaterThan(0);
    expect(r.selected.filter((f) => informative.includes(f)).length).toBeGreaterThanOrEqual(3);
    expect(r.screening).toHaveLength(107);
    for (const s of r.screening) expect(s.passed).toBe(s.p < 0.05);
    // The two near-copies of feature 0 are redundant (|r| > 0.9): at most one of the three survives.
    const trio = [0, 1, 2].map((j) => cohort.featureNames[j]);
    expect(r.correlationFilter.kept.filter((f) => trio.includes(f)).length).toBeLessThanOrEqual(1);
    for (const d of r.correlationFilter.dropped) expect(Math.min(...d.absR)).toBeGreaterThan(0.9);
    expect(r.lasso).not.toBeNull();
    expect(r.radScore!.coefficients.map((c) => c.name)).toEqual(r.selected);
    expect(r.radScore!.train).toHaveLength(160);
  });

  it('builds three KNN models with sensible AUCs and complete metrics', () => {
    for (const kind of ['clinical', 'radiomics', 'combined'] as const) {
      const m = r.models[kind]!;
      expect(m.entry.k % 2).toBe(1);
      expect(m.entry.trainingPoints).toHaveLength(160);
      const v = m.entry.metrics.validation;
      expect(v.ci95[0]).toBeLessThanOrEqual(v.auc);
      expect(v.ci95[1]).toBeGreaterThanOrEqual(v.auc);
      expect(v.bootstrapCi95![0]).toBeLessThanOrEqual(v.bootstrapCi95![1]);
      expect(v.dca.thresholds).toHaveLength(99);
      expect(m.validationProbabilities).toHaveLength(40);
    }
    expect(r.models.clinical!.entry.metrics.validation.auc).toBeGreaterThan(0.8);
    expect(r.models.radiomics!.entry.metrics.validation.auc).toBeGreaterThan(0.65);
    expect(r.models.combined!.entry.metrics.validation.auc).toBeGreaterThan(0.8);
    expect(r.models.combined!.entry.metrics.cv.auc).toBeGreaterThan(0.8);
    expect(r.comparisons).toHaveLength(6);
    for (const c of r.comparisons) expect(c.p).toBeGreaterThanOrEqual(0);
    expect(r.calibration).toHaveLength(6);
    expect(r.notBuilt).toEqual({});
  });

  it('k is the first maximum of the stratified 5-fold mean AUC, and the CV probabilities are exact KNN', () => {
    const m = r.models.combined!.entry;
    const best = Math.max(...m.kSelection.cvAuc.map((a) => a ?? -1));
    expect(m.k).toBe(m.kSelection.candidates[m.kSelection.cvAuc.indexOf(best)]);
    const yTr = r.split.train.map((i) => cohort.pcr![i]);
    const oof = new Array<number>(yTr.length).fill(0);
    for (const f of stratifiedKFold(yTr, 5, 11)) {
      const knn = fitKnn(
        f.train.map((i) => m.trainingPoints[i]),
        f.train.map((i) => yTr[i]),
        { k: m.k },
      );
      predictProba(
        knn,
        f.test.map((i) => m.trainingPoints[i]),
      ).forEach((p, t) => (oof[f.test[t]] = p));
    }
    expect(r.models.combined!.cvProbabilities).toEqual(oof);
  });

  it('notes in English (CSV only) why a baseline variable constant in both groups is not tested', () => {
    const flat: Cohort = {
      ...cohort,
      clinical: [{ name: 'age', kind: 'numeric', values: cohort.ids.map(() => 50) }],
    };
    const b = fitStudyModels(flat, { seed: 11, nBoot: 0, ...FIXED }).baseline.filter(
      (x) => x.variable === 'age',
    );
    expect(b.map((x) => [x.test, x.p, x.note])).toEqual([
      ['not tested', null, 'zero variance in both groups'],
      ['not tested', null, 'zero variance in both groups'],
    ]);
  });

  it('reports a baseline table for miR34a and the clinical variables in both sets', () => {
    expect(r.baseline.map((b) => `${b.set}:${b.variable}:${b.test}`)).toEqual([
      'train:miR34a:Student t',
      'train:age:Student t',
      'train:subtype:chi-square',
      'validation:miR34a:Student t',
      'validation:age:Student t',
      'validation:subtype:chi-square',
    ]);
    expect(r.baseline[0].p!).toBeLessThan(1e-6);
  });

  it('reports progress monotonically from 0 to 1', () => {
    expect(progress[0]).toEqual([0, { code: 'model.stage.split' }]);
    expect(progress.at(-1)).toEqual([1, { code: 'model.stage.done' }]);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('names its stages with model.stage.* codes: the CV folds i of n of each model, then its evaluation', () => {
    const stages = progress.map(([, s]) => s);
    for (const kind of ['clinical', 'radiomics', 'combined'] as const) {
      const model = { code: `model.stage.kind.${kind}` };
      const folds = stages.filter(
        (s) => s.code === 'model.stage.knnFold' && (s.params?.model as Message).code === model.code,
      );
      expect(folds).toEqual(
        [1, 2, 3, 4, 5].map((fold) => ({ code: 'model.stage.knnFold', params: { model, fold, folds: 5 } })),
      );
      expect(stages).toContainEqual({ code: 'model.stage.evaluation', params: { model } });
    }
    expect(en(stages.find((s) => s.code === 'model.stage.knnFold')!)).toBe(
      'KNN clinical: cross-validation fold 1 of 5',
    );
    expectTranslated(stages);
  });

  it('is deterministic for a given seed, and the seed matters', () => {
    const again = fitStudyModels(cohort, { seed: 11, ...FIXED });
    expect(JSON.stringify(again)).toBe(JSON.stringify(r));
    const other = fitStudyModels(cohort, { seed: 12, ...FIXED, nBoot: 0 });
    expect(other.split.validation).not.toEqual(r.split.validation);
  });

  it('no leakage: changing validation rows changes neither the scaler, the selection nor the models', () => {
    const changed: Cohort = {
      ...cohort,
      features: cohort.features.map((row) => [...row]),
      mir34a: [...cohort.mir34a],
    };
    for (const i of r.split.validation.slice(0, 10)) {
      changed.features[i] = changed.features[i].map((v) => v * 3 + 1000);
      changed.mir34a[i] = 5;
    }
    const r2 = fitStudyModels(changed, { seed: 11, ...FIXED, nBoot: 0 });
    expect(r2.split).toEqual(r.split);
    expect(r2.scaler).toEqual(r.scaler);
    expect(r2.screening).toEqual(r.screening);
    expect(r2.selected).toEqual(r.selected);
    expect(r2.lasso).toEqual(r.lasso);
    for (const kind of ['clinical', 'radiomics', 'combined'] as const) {
      const a = r.models[kind]!.entry;
      const b = r2.models[kind]!.entry;
      expect(b.zscore).toEqual(a.zscore);
      expect(b.trainingPoints).toEqual(a.trainingPoints);
      expect(b.k).toBe(a.k);
      expect(b.metrics.cv).toEqual({ ...a.metrics.cv, bootstrapCi95: null });
    }
    expect(r2.models.clinical!.validationProbabilities).not.toEqual(
      r.models.clinical!.validationProbabilities,
    );
  });
});

describe('fitStudyModels options and degenerate cases', () => {
  const cohort = syntheticCohort(120, { seed: 2 });

  it('distance weights: the models, the CV probabilities and the document use 1/distance votes', () => {
    const rd = fitStudyModels(cohort, { seed: 11, nBoot: 0, weights: 'distance', ...FIXED });
    const m = rd.models.combined!.entry;
    expect(m.weights).toBe('distance');
    const yTr = rd.split.train.map((i) => cohort.pcr![i]);
    const oof = new Array<number>(yTr.length).fill(0);
    for (const f of stratifiedKFold(yTr, 5, 11)) {
      const knn = fitKnn(
        f.train.map((i) => m.trainingPoints[i]),
        f.train.map((i) => yTr[i]),
        { k: m.k, weights: 'distance' },
      );
      predictProba(
        knn,
        f.test.map((i) => m.trainingPoints[i]),
      ).forEach((p, t) => (oof[f.test[t]] = p));
    }
    expect(rd.models.combined!.cvProbabilities).toEqual(oof);
    // Distance-weighted probabilities are not restricted to multiples of 1/k.
    expect(oof.some((p) => Math.abs(p * m.k - Math.round(p * m.k)) > 1e-9)).toBe(true);
    expect(thrownMessage(() => fitStudyModels(cohort, { weights: 'cosine' as never }))).toEqual({
      code: 'stats.unknownOption',
      params: { fn: 'fitStudyModels', what: 'weights', value: 'cosine', allowed: "'uniform', 'distance'" },
    });
  });

  it('honours a fixed k and a user-given split', () => {
    const train = Array.from({ length: 96 }, (_, i) => i);
    const test = Array.from({ length: 24 }, (_, i) => 96 + i);
    const r = fitStudyModels(cohort, { k: 7, split: { train, test }, nBoot: 0, ...FIXED });
    expect(r.split.train).toEqual(train);
    expect(r.split.seed).toBeNull();
    expect(r.document.training.splitSeed).toBeNull();
    expect(r.models.clinical!.entry.k).toBe(7);
    expect(r.models.clinical!.entry.kSelection).toEqual({
      mode: 'fixed',
      candidates: [7],
      cvAuc: expect.any(Array),
    });
    expect(thrownMessage(() => fitStudyModels(cohort, { split: { train, test: test.slice(1) } }))).toEqual({
      code: 'model.split.incomplete',
      params: { covered: 119, n: 120 },
    });
    expect(thrownMessage(() => fitStudyModels(cohort, { split: { train: [0, ...train], test } }))).toEqual({
      code: 'model.split.twice',
      params: { index: 0 },
    });
    expect(thrownMessage(() => fitStudyModels(cohort, { split: { train: [...train, 120], test } }))).toEqual({
      code: 'model.split.badIndex',
      params: { index: 120, n: 120 },
    });
    expect(thrownMessage(() => fitStudyModels(cohort, { split: { train, test: [] } }))).toEqual({
      code: 'model.split.emptyValidation',
      params: {},
    });
    expect(thrownMessage(() => fitStudyModels(cohort, { k: 0 }))).toEqual({
      code: 'model.knn.badK',
      params: { value: 0 },
    });
    expect(thrownMessage(() => fitStudyModels(cohort, { k: 500, nBoot: 0 }))).toEqual({
      code: 'model.knn.kTooLargeForFold',
      params: { k: 500, n: 76 },
    });
  });

  it('can select features with the L1-logistic (liblinear) model instead of LassoCV', () => {
    const r = fitStudyModels(cohort, { selector: { method: 'l1-logistic', C: 0.5 }, nBoot: 0, ...FIXED });
    expect(r.lasso!.method).toBe('l1-logistic');
    expect(r.lasso!.C).toBe(0.5);
    expect(r.selected.length).toBeGreaterThan(0);
    expect(r.selected).toEqual(r.lasso!.coefficients.filter((c) => c.coefficient !== 0).map((c) => c.name));
    expect(r.document.selection).toMatchObject({ method: 'l1-logistic', l1C: 0.5, lassoAlpha: null });
    expect(r.models.combined).not.toBeNull();
    expect(
      thrownMessage(() => fitStudyModels(cohort, { selector: { method: 'l1-logistic', C: 0 } })),
    ).toEqual({
      code: 'stats.outOfRange',
      params: { fn: 'fitStudyModels', what: 'selector.C', value: 0, range: '(0, ∞)' },
    });
  });

  it('applies the ICC filter when second-reader features exist', () => {
    const c = syntheticCohort(120, { seed: 2, reader2: true });
    const r = fitStudyModels(c, { nBoot: 0, ...FIXED });
    expect(r.icc!.features).toHaveLength(107);
    const dropped = r.icc!.features.filter((f) => !f.kept).map((f) => f.name);
    // Every 10th feature (j % 10 = 3) has a noisy second reading; the others agree closely.
    expect(dropped.sort()).toEqual(c.featureNames.filter((_, j) => j % 10 === 3).sort());
    expect(r.candidates).toHaveLength(107 - dropped.length);
    expect(r.messages[0]).toEqual({
      code: 'model.note.iccRemoved',
      params: { count: dropped.length, threshold: 0.75 },
    });
    expect(en(r.messages[0])).toMatch(/removed for inter-reader ICC ≤ 0.75/);
  });

  it('no feature passes the t-test: only the clinical model, with the reason', () => {
    const c: Cohort = {
      ...cohort,
      featureNames: cohort.featureNames.slice(0, 2),
      features: cohort.features.map(() => [1, 2]),
    };
    const r = fitStudyModels(c, { nBoot: 0, ...FIXED });
    expect(r.models.radiomics).toBeNull();
    expect(r.models.combined).toBeNull();
    expect(r.models.clinical).not.toBeNull();
    const reason = { code: 'model.notBuilt.noFeaturePassed', params: { p: 0.05, smallestP: '1.00' } };
    expect(r.notBuilt.radiomics).toEqual({ code: 'model.notBuilt.radiomics', params: { reason } });
    expect(r.document.notBuilt.combined).toEqual({ code: 'model.notBuilt.combined', params: { reason } });
    expect(en(r.notBuilt.radiomics!)).toMatch(/no radiomics feature passed the t-test \(P < 0.05\)/);
    expect(en(r.document.notBuilt.combined!)).toMatch(/combined model needs radiomics features/);
    expect(r.messages).toContainEqual({ code: 'model.note.clinicalOnly' });
    expect(r.messages.map(en).join(' ')).toMatch(/Only the clinical \(miR-34a\) model was built/);
    expect(r.messages[0]).toEqual({ code: 'model.note.constant', params: { count: 2 } });
    expect(en(r.messages[0])).toBe('2 feature(s) are constant on the training set and were not tested.');
  });

  it('LASSO selects nothing: the radiomics model is not built and the message says why', () => {
    const c0 = syntheticCohort(60, { seed: 187, effect: 0 });
    const c: Cohort = {
      ...c0,
      featureNames: c0.featureNames.slice(3, 8),
      features: c0.features.map((row) => row.slice(3, 8)),
    };
    const r = fitStudyModels(c, { seed: 3, nBoot: 0, ...FIXED });
    expect(r.lasso).not.toBeNull();
    expect(r.lasso!.coefficients.every((x) => x.coefficient === 0)).toBe(true);
    expect(r.models.radiomics).toBeNull();
    expect(r.notBuilt.radiomics).toMatchObject({
      code: 'model.notBuilt.radiomics',
      params: {
        reason: { code: 'model.notBuilt.lassoNone', params: { candidates: r.lasso!.coefficients.length } },
      },
    });
    expect(en(r.notBuilt.radiomics!)).toMatch(/LASSO selected no feature/);
  });

  it('rejects unusable cohorts and honours cancellation', () => {
    expect(thrownMessage(() => fitStudyModels({ ...cohort, pcr: null }))).toEqual({
      code: 'model.cohort.noOutcome',
      params: {},
    });
    expect(thrownMessage(() => fitStudyModels(cohort, { seed: 0.5 }))).toEqual({
      code: 'stats.seed',
      params: { fn: 'fitStudyModels', value: 0.5 },
    });
    const tiny = syntheticCohort(12, { seed: 1 });
    const few = thrownMessage(() => fitStudyModels(tiny));
    expect(few).toMatchObject({ code: 'model.split.tooFewPerClass', params: { need: 5, folds: 5 } });
    const { pcr, nonPcr } = few.params as { pcr: number; nonPcr: number };
    expect(pcr + nonPcr).toBe(9); // 12 cases, 3 (20 %) for validation
    expect(Math.min(pcr, nonPcr)).toBeLessThan(5);
    const ac = new AbortController();
    ac.abort();
    expect(thrownMessage(() => fitStudyModels(cohort, { signal: ac.signal }))).toEqual({
      code: 'model.cancelled',
      params: {},
    });
    const ac2 = new AbortController();
    let err: unknown;
    try {
      fitStudyModels(cohort, { signal: ac2.signal, nBoot: 0 }, (_f, stage) => {
        if (stage.code === 'model.stage.lasso') ac2.abort();
      });
    } catch (e) {
      err = e;
    }
    expect(isCancelled(err)).toBe(true);
    expect((err as Error).name).toBe('AbortError');
    expect(isCancelled(cancelledError())).toBe(true);
    expect(isCancelled(new Error('model.cancelled'))).toBe(false);
  });
});
