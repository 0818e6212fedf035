/**
 * State of the case being worked on (Zustand). `record` is what the database stores; the decoded
 * image and the ROI undo history live beside it. Every user edit marks the case as touched so the
 * autosave (autosave.ts) writes it.
 */
import { create } from 'zustand';
import { decodeImageAsync, MultiFrameError, type DecodedImage, type PixelSpacing } from '../imaging/lazy';
import { loadCase, newCaseRecord } from '../db/cases';
import type { Calibration, CaseRecord, StoredFeatures, StoredOutcome, StoredPrediction } from '../db/types';
import { analyseQpcr, type QpcrEntry } from '../qpcr/analysis';
import { emptyRoi, historyOf, pushHistory, redo, undo, type Roi, type RoiHistory } from '../roi/roi';
import { message, MessageError, toMessage, type Message } from '../util/message';

export interface LoadedImage {
  decoded: DecodedImage;
  bytes: Uint8Array;
  fileName: string;
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface CaseState {
  record: CaseRecord;
  image: LoadedImage | null;
  /** The image bytes have not been written yet. */
  imageDirty: boolean;
  imageError: Message | null;
  /** A multi-frame file waiting for the user to choose a frame. */
  pendingFrames: { bytes: Uint8Array; fileName: string; frames: number } | null;
  /** Undo history of reader 1's ROI (reader 2 has its own). */
  history: RoiHistory | null;
  history2: RoiHistory | null;
  /** Which reader's ROI the tools edit. */
  reader: 1 | 2;
  touched: boolean;
  /** Increments on every persisted change (autosave watches it). */
  revision: number;
  saveState: SaveState;
  saveError: Message | null;
  loading: boolean;
  loadError: Message | null;
  /** Another tab saved this case while this tab had unsaved changes: its stored version (see autosave.ts). */
  conflict: CaseRecord | null;
  /** The last save failed because the browser's storage is full (the explanation). */
  storageFull: Message | null;

  newCase(): void;
  openCase(id: string): Promise<void>;
  /** Opens an image file (a frame of a multi-frame file when `frame` is given); clears the ROI. */
  openImage(bytes: Uint8Array, fileName: string, frame?: number): Promise<void>;
  setPatientId(id: string): void;
  setCalibration(c: Calibration | null): void;
  setFeatureUnit(u: 'mm' | 'pixel'): void;
  applyRoi(next: Roi): void;
  undoRoi(): void;
  redoRoi(): void;
  setReader(r: 1 | 2): void;
  setFeatures(f: StoredFeatures | null): void;
  setQpcr(entry: QpcrEntry): void;
  setPrediction(p: StoredPrediction | null): void;
  setOutcome(o: StoredOutcome | null): void;
  setSaveState(s: SaveState, error?: Message | null): void;
}

/** The spacing in effect: calibration beats the file's spacing. */
export function effectiveSpacing(record: CaseRecord): PixelSpacing | null {
  const img = record.image;
  if (!img) return null;
  const c = img.calibration;
  if (c) {
    const px = Math.hypot(c.x1 - c.x0, c.y1 - c.y0);
    const mm = c.lengthMm / px;
    return { row: mm, col: mm, unit: 'mm', source: `calibrated: ${c.lengthMm} mm over ${px.toFixed(1)} px` };
  }
  return img.fileSpacing;
}

function bump(s: CaseState, record: Partial<CaseRecord>): Partial<CaseState> {
  return { record: { ...s.record, ...record }, touched: true, revision: s.revision + 1 };
}

/** Undo or redo on the active reader's ROI history (nothing when that reader has no ROI yet). */
function stepHistory(s: CaseState, step: (h: RoiHistory) => RoiHistory): Partial<CaseState> {
  if (s.reader === 2) {
    if (!s.history2) return {};
    const h = step(s.history2);
    return { ...bump(s, { roi2: h.present }), history2: h };
  }
  if (!s.history) return {};
  const h = step(s.history);
  return { ...bump(s, { roi: h.present }), history: h };
}

export const useCaseStore = create<CaseState>((set, get) => ({
  record: newCaseRecord(),
  image: null,
  imageDirty: false,
  imageError: null,
  pendingFrames: null,
  history: null,
  history2: null,
  reader: 1,
  touched: false,
  revision: 0,
  saveState: 'idle',
  saveError: null,
  loading: false,
  loadError: null,
  conflict: null,
  storageFull: null,

  newCase: () =>
    set({
      record: newCaseRecord(),
      image: null,
      imageDirty: false,
      imageError: null,
      pendingFrames: null,
      history: null,
      history2: null,
      reader: 1,
      touched: false,
      saveState: 'idle',
      saveError: null,
      loadError: null,
      conflict: null,
      storageFull: null,
    }),

  openCase: async (id) => {
    set({ loading: true, loadError: null });
    try {
      const found = await loadCase(id);
      if (!found) throw new MessageError('case.gone');
      const { record, image } = found;
      let loaded: LoadedImage | null = null;
      let imageError: Message | null = null;
      if (image) {
        const bytes = new Uint8Array(await image.blob.arrayBuffer());
        try {
          const frame = record.image?.frame ?? undefined;
          loaded = {
            decoded: await decodeImageAsync(bytes, image.fileName, { frame }),
            bytes,
            fileName: image.fileName,
          };
        } catch (e) {
          imageError = message('case.storedImage', { message: toMessage(e) });
        }
      }
      set({
        record,
        image: loaded,
        imageDirty: false,
        imageError,
        pendingFrames: null,
        history: loaded
          ? historyOf(record.roi ?? emptyRoi(loaded.decoded.info.width, loaded.decoded.info.height))
          : null,
        history2: loaded && record.roi2 ? historyOf(record.roi2) : null,
        reader: 1,
        touched: false,
        saveState: 'saved',
        saveError: null,
        loading: false,
        conflict: null,
        storageFull: null,
      });
    } catch (e) {
      set({ loading: false, loadError: toMessage(e) });
    }
  },

  openImage: async (bytes, fileName, frame) => {
    let decoded: DecodedImage;
    try {
      decoded = await decodeImageAsync(bytes, fileName, frame === undefined ? {} : { frame });
    } catch (e) {
      if (e instanceof MultiFrameError) {
        set({
          pendingFrames: { bytes, fileName, frames: e.frames },
          imageError: message('case.clip', { file: fileName, frames: e.frames }),
        });
      } else set({ imageError: toMessage(e) });
      return;
    }
    const { width, height, depth } = decoded.info;
    if (depth !== 1 || !decoded.rgba) {
      set({ imageError: message('case.volume', { file: fileName, slices: depth }) });
      return;
    }
    const s = get();
    set({
      ...bump(s, {
        image: {
          fileName,
          format: decoded.info.format,
          width,
          height,
          fileSpacing: decoded.info.spacing,
          calibration: null,
          frame: decoded.info.frames > 1 ? (frame ?? 0) : null,
        },
        roi: emptyRoi(width, height),
        roi2: null,
        features: null,
        featureUnit: 'pixel',
        prediction: null,
      }),
      image: { decoded, bytes, fileName },
      imageDirty: true,
      imageError: null,
      pendingFrames: null,
      history: historyOf(emptyRoi(width, height)),
      history2: null,
      reader: 1,
    });
  },

  setPatientId: (patientId) => set((s) => bump(s, { patientId })),

  setCalibration: (calibration) =>
    set((s) => {
      if (!s.record.image) return {};
      return bump(s, {
        image: { ...s.record.image, calibration },
        featureUnit: calibration
          ? s.record.featureUnit
          : s.record.image.fileSpacing.unit === 'mm'
            ? s.record.featureUnit
            : 'pixel',
      });
    }),

  setFeatureUnit: (featureUnit) => set((s) => bump(s, { featureUnit })),

  applyRoi: (next) =>
    set((s) => {
      if (s.reader === 2) {
        const h = pushHistory(s.history2 ?? historyOf(emptyRoi(next.width, next.height)), next);
        return { ...bump(s, { roi2: h.present }), history2: h };
      }
      if (!s.history) return {};
      const h = pushHistory(s.history, next);
      return { ...bump(s, { roi: h.present }), history: h };
    }),

  undoRoi: () => set((s) => stepHistory(s, undo)),

  redoRoi: () => set((s) => stepHistory(s, redo)),

  setReader: (reader) =>
    set((s) => {
      if (reader === 2 && !s.history2 && s.record.image) {
        return { reader, history2: historyOf(emptyRoi(s.record.image.width, s.record.image.height)) };
      }
      return { reader };
    }),

  setFeatures: (features) => set((s) => bump(s, { features })),

  setQpcr: (qpcr) =>
    set((s) => {
      const a = analyseQpcr(qpcr);
      return bump(s, {
        qpcr,
        qpcrResult: {
          relativeExpression: a.relativeExpression,
          source: a.source,
          deltaDeltaCt: a.quantification?.deltaDeltaCt ?? null,
          flags: a.flags,
        },
      });
    }),

  setPrediction: (prediction) => set((s) => bump(s, { prediction })),

  setOutcome: (outcome) => set((s) => bump(s, { outcome })),

  setSaveState: (saveState, saveError = null) => set({ saveState, saveError }),
}));
