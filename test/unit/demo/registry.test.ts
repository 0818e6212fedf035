import 'fake-indexeddb/auto';
import { englishRejected } from '../../fixtures/englishError';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderEnglish } from '../../../src/i18n/render';
import { syntheticCohort } from '../../fixtures/cohort';
import {
  DEMO_MODEL_ID,
  ModelsDatabase,
  getActiveModelId,
  listModels,
  saveModel,
  setModelsDb,
} from '../../../src/db/models';
import { fitStudyModels } from '../../../src/model/pipeline';
import { sealModel, serializeModel, type ModelDocument } from '../../../src/model/modelFile';
import {
  DEMO_MODEL_NAME,
  resetModelStoreInit,
  setDemoModelSource,
  useModelStore,
} from '../../../src/store/models';

let demo: ModelDocument;
let site: ModelDocument;
let dbCount = 0;

beforeAll(async () => {
  const fit = (seed: number, createdAt: string) =>
    sealModel(
      fitStudyModels(syntheticCohort(60, { seed }), {
        seed: 42,
        k: 7,
        nBoot: 0,
        createdAt,
        appVersion: 'test',
      }).document,
    );
  demo = await fit(1, '2026-01-01T00:00:00.000Z');
  site = await fit(2, '2026-02-01T00:00:00.000Z');
});

beforeEach(() => {
  setModelsDb(new ModelsDatabase(`registry-test-${++dbCount}`));
  setDemoModelSource(async () => serializeModel(demo));
  resetModelStoreInit();
  useModelStore.setState({ active: null, status: 'idle', error: null, notice: null });
});

afterEach(() => setModelsDb(null));

describe('model registry and active model', () => {
  it('starts with the demonstration model on a fresh machine and remembers the choice', async () => {
    await useModelStore.getState().init();
    const active = useModelStore.getState().active;
    expect(active?.isDemo).toBe(true);
    expect(active?.name).toBe(DEMO_MODEL_NAME);
    expect(active?.model.hash.value).toBe(demo.hash.value);
    await expect(getActiveModelId()).resolves.toBe(DEMO_MODEL_ID);
  });

  it('stores models with versions per name, keyed by hash, and activates one persistently', async () => {
    const a = await saveModel(site, 'Hospital A', 'trained');
    const again = await saveModel(site, 'Hospital A', 'imported');
    expect(again).toEqual(a);
    const b = await saveModel(demo, 'Hospital A', 'imported');
    expect([a.version, b.version]).toEqual([1, 2]);
    expect(a.cohortSize).toBe(60);
    expect(a.metrics.clinical?.validation).toBe(site.models.clinical?.metrics.validation.auc);
    expect((await listModels()).map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(await englishRejected(saveModel(site, '   ', 'trained'))).toMatch('Give the model a name');

    await useModelStore.getState().activateRecord(a);
    expect(useModelStore.getState().active).toMatchObject({ isDemo: false, name: 'Hospital A v1', id: a.id });
    resetModelStoreInit();
    useModelStore.setState({ active: null });
    await useModelStore.getState().init();
    expect(useModelStore.getState().active?.id).toBe(a.id);

    await useModelStore.getState().activateDemo();
    expect(useModelStore.getState().active?.isDemo).toBe(true);
    await expect(getActiveModelId()).resolves.toBe(DEMO_MODEL_ID);
  });

  it('refuses a stored document that was altered and falls back to the demonstration model at start', async () => {
    const record = await saveModel(site, 'Tampered', 'trained');
    const altered = structuredClone(record);
    altered.document.models.clinical!.k = 3;
    expect(await englishRejected(useModelStore.getState().activateRecord(altered))).toMatch(
      /modified after it was written/,
    );
    const db = new ModelsDatabase(`registry-test-${dbCount}`);
    await db.models.put(altered);
    await db.settings.put({ key: 'activeModelId', value: altered.id });
    db.close();
    await useModelStore.getState().init();
    expect(useModelStore.getState().active?.isDemo).toBe(true);
    // Never silent, and the user's choice is kept: the notice comes back at the next start.
    const notice = useModelStore.getState().notice;
    expect(notice?.code).toBe('models.chosenRefused');
    expect(renderEnglish(notice!)).toMatch(
      /^The prediction model you chose \(id [0-9a-f]{12}\) was refused: .*modified/,
    );
    await expect(getActiveModelId()).resolves.toBe(altered.id);
    resetModelStoreInit();
    await useModelStore.getState().init();
    expect(useModelStore.getState().notice?.code).toBe('models.chosenRefused');
    // Choosing a model clears it.
    await useModelStore.getState().activateDemo();
    expect(useModelStore.getState().notice).toBeNull();
    await expect(getActiveModelId()).resolves.toBe(DEMO_MODEL_ID);
  });

  it('says so when the chosen model is no longer in the registry, and keeps the choice', async () => {
    const db = new ModelsDatabase(`registry-test-${dbCount}`);
    await db.settings.put({ key: 'activeModelId', value: 'f'.repeat(64) });
    db.close();
    await useModelStore.getState().init();
    expect(useModelStore.getState().active?.isDemo).toBe(true);
    expect(useModelStore.getState().notice).toEqual({
      code: 'models.chosenMissing',
      params: { id: 'f'.repeat(12) },
    });
    await expect(getActiveModelId()).resolves.toBe('f'.repeat(64));
  });

  it('reports a missing demonstration model in plain words', async () => {
    setDemoModelSource(async () => {
      throw new Error('HTTP 404');
    });
    expect(await englishRejected(useModelStore.getState().activateDemo())).toMatch('HTTP 404');
    expect(useModelStore.getState().status).toBe('error');
    expect(renderEnglish(useModelStore.getState().error!)).toMatch(
      /^The demonstration model could not be loaded: HTTP 404/,
    );
  });
});
