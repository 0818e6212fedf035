/**
 * State of the case being worked on (Zustand). `record` is what the database stores; the decoded
 * image and the readers' ROI undo histories live beside it. Every user edit marks the case as
 * touched so the autosave (autosave.ts) writes it.
 *
 * The readers' histories are the one source of truth of the ROIs: `record.roi` and `record.roi2`
 * (the stored format) are derived from them by `withReaders`, the only place that sets them while
 * an image is open.
 */
import { create } from 'zustand';
import { decodeImageAsync, MultiFrameError, type DecodedImage, type PixelSpacing } from '../imaging/lazy';
import { loadCase, newCaseRecord } from '../db/cases';
import type { Calibration, CaseRecord, StoredFeatures, StoredOutcome, StoredPrediction } from '../db/types';
import { analyseQpcr, type QpcrEntry } from '../qpcr/analysis';
import { emptyRoi, historyOf, pushHistory, redo, undo, type Roi, type RoiHistory } from '../roi/roi';
import { message, MessageError, toMessage, type Message } from '../util/message';

/** Reader 1 draws the case's ROI; reader 2 draws an optional second ROI for agreement (Dice). */
export type Reader = 1 | 2;

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
  /** Each reader's ROI and its undo history; null while no image is open. */
  readers: Record<Reader, RoiHistory> | null;
  /** Which reader's ROI the tools edit. */
  reader: Reader;
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
  setReader(r: Reader): void;
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
    const source = message('imaging.source.calibrated', { mm: c.lengthMm, px: px.toFixed(1) });
    return { row: mm, col: mm, unit: 'mm', source };
  }
  return img.fileSpacing;
}

function bump(s: CaseState, record: Partial<CaseRecord>): Partial<CaseState> {
  return { record: { ...s.record, ...record }, touched: true, revision: s.revision + 1 };
}

/** Both readers' histories starting at the given ROIs (reader 2 empty when it has none). */
function readersOf(roi: Roi, roi2: Roi | null): Record<Reader, RoiHistory> {
  return { 1: historyOf(roi), 2: historyOf(roi2 ?? emptyRoi(roi.width, roi.height)) };
}

/** The stored ROIs derived from the readers: reader 2's once it has drawn (or undone) something. */
function storedRois(readers: Record<Reader, RoiHistory>): Pick<CaseRecord, 'roi' | 'roi2'> {
  const h = readers[2];
  const used = h.present.ops.length > 0 || h.past.length > 0 || h.future.length > 0;
  return { roi: readers[1].present, roi2: used ? h.present : null };
}

/** New reader histories, with the record's ROIs derived from them, as one persisted change. */
function withReaders(s: CaseState, readers: Record<Reader, RoiHistory>): Partial<CaseState> {
  return { ...bump(s, storedRois(readers)), readers };
}

/**
 * A change of the active reader's history; nothing at all (no change, no save) when the history
 * stays the same object (undo with nothing to undo, an edit that changes nothing).
 */
function stepReader(s: CaseState, step: (h: RoiHistory) => RoiHistory): Partial<CaseState> {
  if (!s.readers) return {};
  const h = step(s.readers[s.reader]);
  if (h === s.readers[s.reader]) return {};
  return withReaders(s, { ...s.readers, [s.reader]: h });
}

/** The active reader's history (null while no image is open). */
export function activeHistory(s: CaseState): RoiHistory | null {
  return s.readers?.[s.reader] ?? null;
}

export const useCaseStore = create<CaseState>((set, get) => ({
  record: newCaseRecord(),
  image: null,
  imageDirty: false,
  imageError: null,
  pendingFrames: null,
  readers: null,
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
      readers: null,
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
      const readers = loaded
        ? readersOf(
            record.roi ?? emptyRoi(loaded.decoded.info.width, loaded.decoded.info.height),
            record.roi2,
          )
        : null;
      set({
        // Without a decoded image the stored ROIs stay as they are (nothing edits them).
        record: readers ? { ...record, ...storedRois(readers) } : record,
        image: loaded,
        imageDirty: false,
        imageError,
        pendingFrames: null,
        readers,
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
    const readers = readersOf(emptyRoi(width, height), null);
    set({
      ...bump(s, {
        ...storedRois(readers),
        image: {
          fileName,
          format: decoded.info.format,
          width,
          height,
          fileSpacing: decoded.info.spacing,
          calibration: null,
          frame: decoded.info.frames > 1 ? (frame ?? 0) : null,
        },
        features: null,
        featureUnit: 'pixel',
        prediction: null,
      }),
      image: { decoded, bytes, fileName },
      imageDirty: true,
      imageError: null,
      pendingFrames: null,
      readers,
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

  applyRoi: (next) => set((s) => stepReader(s, (h) => pushHistory(h, next))),

  undoRoi: () => set((s) => stepReader(s, undo)),

  redoRoi: () => set((s) => stepReader(s, redo)),

  setReader: (reader) => set({ reader }),

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
