import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticCohort } from '../../fixtures/cohort';
import { runEvaluate, runPredict, runTrain } from '../../../src/cli/model-commands';
import type { CliIo } from '../../../src/cli/model-commands';
import { loadModel } from '../../../src/model/modelFile';

const shared = path.resolve(__dirname, '../../../../shared');

/** In-memory I/O: files in a map, stdout/stderr collected. */
function memoryIo(files: Record<string, string> = {}) {
  const store = new Map<string, Uint8Array>(
    Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)]),
  );
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    readFile: (p) => {
      const local = store.get(p);
      if (local) return local;
      return new Uint8Array(readFileSync(p));
    },
    writeFile: (p, d) => store.set(p, typeof d === 'string' ? new TextEncoder().encode(d) : d),
    appVersion: '0.1.0',
  };
  return {
    io,
    out: () => out.join(''),
    err: () => err.join(''),
    file: (p: string) => new TextDecoder().decode(store.get(p)),
  };
}

/** A synthetic cohort as CSV text (id, 107 features, miR34a, pCR, age, subtype). */
function cohortCsv(n: number, seed: number): { csv: string; cohort: ReturnType<typeof syntheticCohort> } {
  const c = syntheticCohort(n, { seed });
  const header = ['id', ...c.featureNames, 'miR34a', 'pCR', 'age', 'subtype'].join(',');
  const rows = c.ids.map((id, i) =>
    [id, ...c.features[i], c.mir34a[i], c.pcr![i], c.clinical[0].values[i], c.clinical[1].values[i]].join(
      ',',
    ),
  );
  return { csv: `${header}\n${rows.join('\n')}\n`, cohort: c };
}

describe('sonomir train / predict', () => {
  const { csv, cohort } = cohortCsv(120, 3);

  it('trains, prints Table 3, writes a sealed model that predict uses row by row', async () => {
    const m = memoryIo({ 'cohort.csv': csv });
    const code = await runTrain(
      ['--cohort', 'cohort.csv', '--seed', '5', '--k', 'auto', '--boot', '100', '--out', 'model.json'],
      m.io,
    );
    expect(m.err()).not.toMatch(/sonomir train:/);
    expect(code).toBe(0);
    const table = m.out();
    expect(table).toMatch(/^Table 3\. KNN models: n = 120 \(training 96, validation 24\)/);
    for (const kind of ['clinical', 'radiomics', 'combined']) {
      expect(table).toMatch(
        new RegExp(
          `training \\(5-fold CV\\)\\s+${kind}\\s+\\d+\\s+0\\.\\d{3} \\(0\\.\\d{3}-[01]\\.\\d{3}\\)`,
        ),
      );
      expect(table).toMatch(new RegExp(`validation\\s+${kind}\\s+\\d+\\s+[01]\\.\\d{3}`));
    }
    expect(table).toMatch(/Paired DeLong tests:/);
    expect(m.err()).toMatch(/\[0%\] split/);
    // Stages are rendered from their codes, with their parameters.
    expect(m.err()).toMatch(/\[\d+%\] KNN radiomics: cross-validation fold 5 of 5\n/);
    expect(m.err()).toMatch(/\[100%\] done\n$/);
    const doc = await loadModel(m.file('model.json'));
    expect(doc.appVersion).toBe('0.1.0');
    expect(doc.training.splitSeed).toBe(5);

    // Predict the first 5 cohort rows (features + miR34a, without pCR) with the combined model.
    const lines = csv.trim().split('\n');
    const header = lines[0].split(',');
    const keep = header.map((h, j) => (h === 'pCR' ? -1 : j)).filter((j) => j >= 0);
    const cases = [lines[0], ...lines.slice(1, 6)]
      .map((l) => keep.map((j) => l.split(',')[j]).join(','))
      .join('\n');
    const p = memoryIo({ 'model.json': m.file('model.json'), 'cases.csv': cases });
    expect(await runPredict(['--model', 'model.json', '--features', 'cases.csv'], p.io)).toBe(0);
    const outLines = p.out().trim().split('\n');
    expect(outLines[0]).toBe('id,probability');
    expect(outLines.slice(1).map((l) => l.split(',')[0])).toEqual(cohort.ids.slice(0, 5));
    const k = doc.models.combined!.k;
    for (const l of outLines.slice(1)) {
      const prob = Number(l.split(',')[1]);
      expect(Number.isInteger(Math.round(prob * k * 1e9) / 1e9)).toBe(true);
      expect(prob).toBeGreaterThanOrEqual(0);
      expect(prob).toBeLessThanOrEqual(1);
    }
    expect(p.err()).toMatch(/assuming the features were extracted with the model's settings/);

    // Settings that differ from the model's are refused.
    const q = memoryIo({
      'model.json': m.file('model.json'),
      'cases.csv': cases,
      's.json': JSON.stringify({
        binWidth: 10,
        normalize: true,
        normalizeScale: 100,
        voxelArrayShift: 300,
        shapeClass: 'shape',
        spacingUnit: 'pixel',
      }),
    });
    expect(
      await runPredict(['--model', 'model.json', '--features', 'cases.csv', '--settings', 's.json'], q.io),
    ).toBe(1);
    expect(q.err()).toMatch(/binWidth = 10 \(model: 25\)/);

    // A tampered model is refused.
    const tamperedDoc = JSON.parse(m.file('model.json'));
    tamperedDoc.models.clinical.trainingPoints[3][0] *= 1.0001;
    const tampered = JSON.stringify(tamperedDoc);
    const t = memoryIo({ 'model.json': tampered, 'cases.csv': cases });
    expect(
      await runPredict(['--model', 'model.json', '--features', 'cases.csv', '--kind', 'clinical'], t.io),
    ).toBe(1);
    expect(t.err()).toMatch(/model\.json: model file was modified after it was written/);
  });

  it('predict names the stored English reason of an absent model in an old model file', async () => {
    const old = readFileSync(path.resolve(__dirname, '../../fixtures/model-string-reasons.json'), 'utf8');
    const m = memoryIo({
      'old.json': old,
      'cases.csv': 'id,original_shape_Maximum3DDiameter,miR34a\nA,12.5,0.5\n',
    });
    expect(
      await runPredict(['--model', 'old.json', '--features', 'cases.csv', '--kind', 'radiomics'], m.io),
    ).toBe(1);
    expect(m.err()).toBe(
      `sonomir predict: the radiomics model is not in old.json: ${JSON.parse(old).notBuilt.radiomics}\n`,
    );
    // Its clinical model still predicts.
    const c = memoryIo({
      'old.json': old,
      'cases.csv': 'id,original_shape_Maximum3DDiameter,miR34a\nA,12.5,0.5\n',
    });
    expect(
      await runPredict(['--model', 'old.json', '--features', 'cases.csv', '--kind', 'clinical'], c.io),
    ).toBe(0);
    expect(c.out()).toMatch(/^id,probability\nA,[01](\.\d+)?\n$/);
  });

  it('reports usage and input errors with exit codes', async () => {
    const m = memoryIo({ 'bad.csv': 'id,original_glcm_Contrast,miR34a,pCR\nA,1,0.5,1\nB,x,0.4,0\n' });
    expect(await runTrain(['--cohort', 'bad.csv'], m.io)).toBe(2);
    expect(m.err()).toMatch(/--out is required/);
    expect(await runTrain(['--cohort', 'bad.csv', '--out', 'o.json', '--k', 'many'], m.io)).toBe(2);
    expect(await runTrain(['--cohort', 'bad.csv', '--out', 'o.json', '--frobnicate', '1'], m.io)).toBe(2);
    expect(m.err()).toMatch(/unknown option --frobnicate/);
    expect(await runTrain(['--cohort', 'bad.csv', '--out', 'o.json'], m.io)).toBe(1);
    expect(m.err()).toMatch(/bad\.csv: line 3, column "original_glcm_Contrast": "x" is not a number/);
    expect(await runTrain(['--cohort', 'missing.csv', '--out', 'o.json'], m.io)).toBe(1);
    expect(m.err()).toMatch(/cannot read missing\.csv/);
  });
});

describe('sonomir evaluate on small tables', () => {
  it('uses probabilities directly, and explains when a perfectly separating score cannot be calibrated', async () => {
    const m = memoryIo({ 'p.csv': 'y;p;q\nyes;0,9;5\nno;0,2;1\nyes;0,6;4\nno;0,4;2\nyes;0,3;3\nno;0,1;0\n' });
    expect(
      await runEvaluate(['--data', 'p.csv', '--label', 'y', '--positive', 'yes', '--score', 'p'], m.io),
    ).toBe(0);
    const r = JSON.parse(m.out());
    expect(r.auc).toBeCloseTo(8 / 9, 15);
    expect(r.dca.score_transform).toBe('none');
    const at = r.dca.points.find((q: { threshold: number }) => q.threshold === 0.5);
    expect(at.net_benefit).toBeCloseTo(2 / 6 - 0 * 1, 15);
    const s = memoryIo({ 'p.csv': 'y;q\nyes;5\nno;1\nyes;4\nno;2\n' });
    expect(
      await runEvaluate(['--data', 'p.csv', '--label', 'y', '--positive', 'yes', '--score', 'q'], s.io),
    ).toBe(0);
    const r2 = JSON.parse(s.out());
    expect(r2.auc).toBe(1);
    expect(r2.dca).toBeNull();
    expect(r2.dca_note).toMatch(/could not be calibrated by logistic regression/);
  });
});

describe('sonomir evaluate on pROC aSAH', () => {
  const dataPath = path.join(shared, 'stats/pROC-aSAH/aSAH.csv');
  const expected = JSON.parse(readFileSync(path.join(shared, 'stats/pROC-aSAH/expected.json'), 'utf8'));

  it('matches pROC: AUC, DeLong CI, paired test (s100b minus wfns), treat-all net benefit', async () => {
    const m = memoryIo();
    const code = await runEvaluate(
      [
        '--data',
        dataPath,
        '--label',
        'outcome',
        '--positive',
        'Poor',
        '--score',
        's100b',
        '--compare',
        'wfns',
      ],
      m.io,
    );
    expect(m.err()).toBe('');
    expect(code).toBe(0);
    const r = JSON.parse(m.out());
    expect(r.n_pos).toBe(41);
    expect(r.n_neg).toBe(72);
    expect(Math.abs(r.auc - expected.auc.s100b)).toBeLessThan(1e-12);
    expect(Math.abs(r.auc_compare - expected.auc.wfns)).toBeLessThan(1e-12);
    const se = Math.sqrt(expected.delong_variance.s100b);
    expect(r.ci95[0]).toBeCloseTo(expected.auc.s100b - 1.959963984540054 * se, 10);
    expect(r.ci95[1]).toBeCloseTo(expected.auc.s100b + 1.959963984540054 * se, 10);
    const paired = expected.paired_delong[0]; // wfns vs s100b: our score is s100b, so the signs flip.
    expect(Math.abs(r.z / -paired.z - 1)).toBeLessThan(1e-10);
    expect(Math.abs(r.p / paired.p - 1)).toBeLessThan(1e-9);
    expect(r.ci95_diff[0]).toBeCloseTo(-paired.ci95_diff[1], 5);
    expect(r.ci95_diff[1]).toBeCloseTo(-paired.ci95_diff[0], 5);
    expect(r.dca.prevalence).toBeCloseTo(expected.dca_treat_all_net_benefit.prevalence, 15);
    for (const [pt, nb] of Object.entries(expected.dca_treat_all_net_benefit.at) as [string, number][]) {
      const point = r.dca.points.find((q: { threshold: number }) => q.threshold === Number(pt));
      expect(point.treat_all).toBeCloseTo(nb, 5);
    }
    expect(r.dca.points).toHaveLength(99);
    expect(r.dca.score_transform).toBe('logistic');
  });

  it('without --compare prints only the single-score fields; wrong columns are named', async () => {
    const m = memoryIo();
    expect(
      await runEvaluate(
        ['--data', dataPath, '--label', 'outcome', '--positive', 'Poor', '--score', 'ndka'],
        m.io,
      ),
    ).toBe(0);
    const r = JSON.parse(m.out());
    expect(r.auc).toBeCloseTo(expected.auc.ndka, 12);
    expect(r.ci95[0]).toBeCloseTo(expected.ci95_delong.ndka[0], 4);
    expect(r.ci95[1]).toBeCloseTo(expected.ci95_delong.ndka[1], 4);
    expect(r).not.toHaveProperty('z');
    const e = memoryIo();
    expect(
      await runEvaluate(
        ['--data', dataPath, '--label', 'outcome', '--positive', 'Bad', '--score', 'ndka'],
        e.io,
      ),
    ).toBe(1);
    expect(e.err()).toMatch(/no row has outcome = "Bad" \(values: Good, Poor\)/);
    expect(
      await runEvaluate(
        ['--data', dataPath, '--label', 'outcome', '--positive', 'Poor', '--score', 'nope'],
        e.io,
      ),
    ).toBe(1);
    expect(e.err()).toMatch(/no column "nope"/);
  });
});
