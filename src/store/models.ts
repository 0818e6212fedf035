/**
 * The active prediction model (Zustand). Every screen that predicts reads `active` from
 * {@link useModelStore}; the shape `{ model, isDemo, name, id }` is stable.
 *
 * On a fresh machine the embedded demonstration model (built from the synthetic demo cohort by
 * `scripts/build-demo.ts`, served as `demo/model.json`) is active. The choice of active model is
 * persisted in the model registry (`src/db/models.ts`); `init()` restores it at start-up and falls
 * back to the demonstration model when the stored model is gone or unreadable.
 *
 * Must stay true: a fallback is never silent. When the model the user chose cannot be restored, the
 * demonstration model answers, `notice` says why, and the choice is NOT overwritten — the notice comes
 * back at every start until the user activates a model.
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
  /**
   * What the user must know about the active model, or null: why the model they chose is not the one
   * answering (restore failed at start-up), or that their choice could not be saved.
   */
  notice: Message | null;
  /** Restores the persisted active model (the demonstration model on a fresh machine). Idempotent. */
  init(): Promise<void>;
  /** Makes the demonstration model active (and, unless `remember` is false, the persisted choice). */
  activateDemo(remember?: boolean): Promise<void>;
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
  notice: null,

  init() {
    initPromise ??= (async () => {
      set({ status: 'loading', error: null });
      let id: string | null = null;
      try {
        id = await getActiveModelId();
      } catch (e) {
        await get().activateDemo(false);
        set({ notice: message('models.choiceUnreadable', { message: toMessage(e) }) });
        return;
      }
      if (!id || id === DEMO_MODEL_ID) {
        await get().activateDemo();
        return;
      }
      let reason: Message;
      try {
        const record = await getModel(id);
        if (record) {
          await get().activateRecord(record);
          return;
        }
        reason = message('models.chosenMissing', { id: id.slice(0, 12) });
      } catch (e) {
        reason = message('models.chosenRefused', { id: id.slice(0, 12), message: toMessage(e) });
      }
      await get().activateDemo(false);
      set({ notice: reason });
    })();
    return initPromise;
  },

  async activateDemo(remember = true) {
    set({ status: 'loading', error: null });
    try {
      const model = await loadDemoModel();
      set({
        active: { model, isDemo: true, name: DEMO_MODEL_NAME, id: DEMO_MODEL_ID },
        status: 'ready',
        notice: null,
      });
    } catch (e) {
      set({ status: 'error', error: message('models.demoLoadFailed', { message: toMessage(e) }) });
      throw e;
    }
    if (remember) {
      // The demonstration model answers either way; a choice that was not saved is told, not dropped.
      await setActiveModelId(DEMO_MODEL_ID).catch((e: unknown) =>
        set({ notice: message('models.choiceNotSaved', { message: toMessage(e) }) }),
      );
    }
  },

  async activateRecord(record) {
    // Re-verify the stored document (schema and hash) before trusting it for predictions.
    const model = await loadModel(JSON.stringify(record.document));
    set({
      active: { model, isDemo: false, name: `${record.name} v${record.version}`, id: record.id },
      status: 'ready',
      error: null,
      notice: null,
    });
    await setActiveModelId(record.id);
  },
}));

/** Test hook: forget the init promise so `init()` runs again. */
export function resetModelStoreInit(): void {
  initPromise = null;
}
