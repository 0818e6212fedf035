/**
 * The ROI editor's host on the case store: the editor edits the active reader's ROI, each command
 * is one store history step (`applyRoi`), and undo/redo are the store's (which change nothing when
 * there is nothing to undo or redo).
 */
import type { CalibrationLine, EditorHost } from '../roi/editor';
import { activeHistory, useCaseStore } from './caseStore';

export function caseStoreHost(onCalibrationLine: (line: CalibrationLine) => void): EditorHost {
  const active = () => activeHistory(useCaseStore.getState());
  return {
    roi: () => active()?.present ?? null,
    apply: (next) => useCaseStore.getState().applyRoi(next),
    canUndo: () => (active()?.past.length ?? 0) > 0,
    canRedo: () => (active()?.future.length ?? 0) > 0,
    undo: () => useCaseStore.getState().undoRoi(),
    redo: () => useCaseStore.getState().redoRoi(),
    calibrationLine: onCalibrationLine,
  };
}
