/**
 * The active prediction model (Zustand). Every screen that predicts reads `active` from
 * {@link useModelStore}; the shape `{ model, isDemo, name, id }` is stable.
 *
 * On a fresh machine the embedded demonstration model (built from the synthetic demo cohort by
 * `scripts/build-demo.ts`, served as `demo/model.json`) is active. The choice of active model is
 * persisted in the model registry (`src/db/models.ts`); `init()` restores it at start-up and falls
 * back to the demonstration model when the stored model is gone or unreadable.
 */
import { create } from 'zustand';
import { DEMO_MODEL_ID, getActiveModelId, getModel, setActiveModelId, type ModelRecord } from '../db/models';
import { loadModel, type ModelDocument } from '../model/modelFile';
import { message, MessageError, toMessage, type Message } from '../util/message';

/** The notice every probability shown with the demonstration model must carry. */
export const DEMO_MODEL_NOTICE = 'Demonstration model trained on synthetic data — not for clinical use';
/** Display name of the demonstration model. */
export const DEMO_MODEL_NAME = 'Demonstration model (synthetic cohort)';

/** Whether a stored prediction (its `modelName`) was made with the demonstration model. */
export function isDemoModelName(modelName: string): boolean {
  return modelName === DEMO_MODEL_NAME;
}

export interface ActiveModel {
  /** The loaded, hash-verified model document. */
  model: ModelDocument;
  /** True while the embedded demonstration model is active. */
  isDemo: boolean;
  /** Display name (registry name and version, or the demonstration model's name). */
  name: string;
  /** Registry id (the document hash), or 'demo'. */
  id: string;
}

export interface ModelStoreState {
  active: ActiveModel | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why the last activation failed (plain language), or null. */
  error: Message | null;
  /** Restores the persisted active model (the demonstration model on a fresh machine). Idempotent. */
  init(): Promise<void>;
  /** Makes the demonstration model active. */
  activateDemo(): Promise<void>;
  /** Makes a registry model active. */
  activateRecord(record: ModelRecord): Promise<void>;
}

/** Reads the demonstration model file's text (replaceable in tests). */
let demoModelSource: () => Promise<string> = async () => {
  const url = new URL('demo/model.json', document.baseURI);
  const res = await fetch(url);
  if (!res.ok) {
    throw new MessageError('models.demoUnreadable', { status: res.status });
  }
  return res.text();
};

/** Test hook: where the demonstration model's text comes from. */
export function setDemoModelSource(source: () => Promise<string>): void {
  demoModelSource = source;
  demoPromise = null;
}

let demoPromise: Promise<ModelDocument> | null = null;

/** The demonstration model, loaded and hash-checked once. */
export function loadDemoModel(): Promise<ModelDocument> {
  demoPromise ??= demoModelSource()
    .then((text) => loadModel(text))
    .catch((e: unknown) => {
      demoPromise = null;
      throw e;
    });
  return demoPromise;
}

let initPromise: Promise<void> | null = null;

export const useModelStore = create<ModelStoreState>()((set, get) => ({
  active: null,
  status: 'idle',
  error: null,

  init() {
    initPromise ??= (async () => {
      set({ status: 'loading', error: null });
      let id: string | null = null;
      try {
        id = await getActiveModelId();
      } catch {
        id = null;
      }
      if (id && id !== DEMO_MODEL_ID) {
        const record = await getModel(id).catch(() => null);
        if (record) {
          try {
            await get().activateRecord(record);
            return;
          } catch {
            // fall through to the demonstration model
          }
        }
      }
      await get().activateDemo();
    })();
    return initPromise;
  },

  async activateDemo() {
    set({ status: 'loading', error: null });
    try {
      const model = await loadDemoModel();
      set({ active: { model, isDemo: true, name: DEMO_MODEL_NAME, id: DEMO_MODEL_ID }, status: 'ready' });
      await setActiveModelId(DEMO_MODEL_ID).catch(() => undefined);
    } catch (e) {
      set({ status: 'error', error: message('models.demoLoadFailed', { message: toMessage(e) }) });
      throw e;
    }
  },

  async activateRecord(record) {
    // Re-verify the stored document (schema and hash) before trusting it for predictions.
    const model = await loadModel(JSON.stringify(record.document));
    set({
      active: { model, isDemo: false, name: `${record.name} v${record.version}`, id: record.id },
      status: 'ready',
      error: null,
    });
    await setActiveModelId(record.id);
  },
}));

/** Test hook: forget the init promise so `init()` runs again. */
export function resetModelStoreInit(): void {
  initPromise = null;
}
