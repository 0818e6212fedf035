/**
 * Model files written before messages became codes hold English sentences as their "not built"
 * reasons. test/fixtures/model-string-reasons.json is such a file, written by the code of that time
 * (commit 0574244: `fitStudyModels` + `sealModel` + `serializeModel` on the cohort of `cohortOfFixture`
 * below, seed 3, k 5, no bootstrap, appVersion 0.1.0): it must still load (schema and hash), and its
 * reasons are shown as they are, in every language. The current pipeline writes `model.notBuilt.*`
 * Messages whose English is, word for word, the sentence the old code wrote.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticCohort } from '../../fixtures/cohort';
import { thrownMessage } from '../../fixtures/thrownMessage';
import { en, zh } from '../../fixtures/translated';
import type { Cohort } from '../../../src/model/cohort';
import { loadModel, modelHash, predict, sealModel } from '../../../src/model/modelFile';
import { fitStudyModels } from '../../../src/model/pipeline';

const FIXTURE = path.resolve(__dirname, '../../fixtures/model-string-reasons.json');
const text = readFileSync(FIXTURE, 'utf8');

/** The cohort the fixture was trained on: 60 cases without radiomics signal, five noise features. */
function cohortOfFixture(): Cohort {
  const c = syntheticCohort(60, { seed: 187, effect: 0 });
  return {
    ...c,
    featureNames: c.featureNames.slice(3, 8),
    features: c.features.map((row) => row.slice(3, 8)),
  };
}
const OPTIONS = {
  seed: 3,
  nBoot: 0,
  k: 5,
  createdAt: '2026-01-01T00:00:00.000Z',
  appVersion: '0.1.0',
} as const;

const OLD_RADIOMICS =
  'the radiomics model was not built: LASSO selected no feature: the cross-validated error was lowest with every coefficient at 0 (alpha = 0.1348, 1 candidate feature(s) after the t-test and correlation filter)';
const OLD_COMBINED =
  'the combined model needs radiomics features, and LASSO selected no feature: the cross-validated error was lowest with every coefficient at 0 (alpha = 0.1348, 1 candidate feature(s) after the t-test and correlation filter)';

describe('a model file with the English "not built" reasons of earlier versions', () => {
  it('loads: the schema accepts the strings and the hash verifies', async () => {
    const doc = await loadModel(text);
    expect(doc.models.clinical).not.toBeNull();
    expect(doc.models.radiomics).toBeNull();
    expect(doc.models.combined).toBeNull();
    expect(doc.notBuilt).toEqual({ radiomics: OLD_RADIOMICS, combined: OLD_COMBINED });
  });

  it('renders the stored reasons as they are, in English and in Chinese', async () => {
    const doc = await loadModel(text);
    for (const why of Object.values(doc.notBuilt)) {
      expect(en(why)).toBe(why);
      expect(zh(why)).toBe(why);
    }
    // Asking for an absent model names the stored reason inside the translated sentence.
    const absent = thrownMessage(() =>
      predict(doc, { features: {}, mir34a: 0.5, extraction: doc.extraction }, { kinds: ['radiomics'] }),
    );
    expect(absent).toEqual({
      code: 'modelFile.kindAbsent',
      params: { kind: 'radiomics', why: OLD_RADIOMICS },
    });
    expect(en(absent)).toBe(`the radiomics model is not in this file: ${OLD_RADIOMICS}`);
    expect(zh(absent)).toContain(OLD_RADIOMICS);
    // The clinical model still predicts.
    const [p] = predict(
      doc,
      { features: {}, mir34a: 0.5, extraction: doc.extraction },
      { kinds: ['clinical'] },
    );
    expect(p.probability).toBeGreaterThanOrEqual(0);
    expect(p.probability).toBeLessThanOrEqual(1);
  });

  it('the current pipeline writes the same document with coded reasons whose English is the old text', async () => {
    const r = fitStudyModels(cohortOfFixture(), OPTIONS);
    const reason = r.notBuilt.radiomics!.params!.reason;
    expect(reason).toMatchObject({
      code: 'model.notBuilt.lassoNone',
      params: { alpha: '0.1348', candidates: 1 },
    });
    // Same order as before (radiomics, then combined): the Studio and the file list them so.
    expect(Object.keys(r.document.notBuilt)).toEqual(['radiomics', 'combined']);
    expect(r.document.notBuilt).toEqual({
      radiomics: { code: 'model.notBuilt.radiomics', params: { reason } },
      combined: { code: 'model.notBuilt.combined', params: { reason } },
    });
    expect(en(r.document.notBuilt.radiomics!)).toBe(OLD_RADIOMICS);
    expect(en(r.document.notBuilt.combined!)).toBe(OLD_COMBINED);
    expect(r.messages.map(en)).toEqual([OLD_RADIOMICS, 'Only the clinical (miR-34a) model was built.']);
    // Everything else is unchanged: with the old strings put back, the hash is the fixture's.
    const old = await loadModel(text);
    const sealed = await sealModel({
      ...r.document,
      notBuilt: { radiomics: OLD_RADIOMICS, combined: OLD_COMBINED },
    });
    expect(sealed.hash.value).toBe(old.hash.value);
    // The coded reasons are part of what the hash covers (a new file, a new hash).
    expect(await modelHash(r.document)).not.toBe(old.hash.value);
    // A file with coded reasons round-trips through the schema and the hash.
    const coded = await sealModel(r.document);
    expect((await loadModel(JSON.stringify(coded))).notBuilt).toEqual(r.document.notBuilt);
  });

  it('rejects a reason that is neither a sentence nor a message', async () => {
    const doc = await loadModel(text);
    const bad = { ...doc, notBuilt: { ...doc.notBuilt, radiomics: { text: 'x' } } };
    await expect(loadModel(JSON.stringify(bad))).rejects.toMatchObject({ code: 'modelFile.schema' });
  });
});
