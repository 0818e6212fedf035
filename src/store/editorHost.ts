/**
 * The ROI editor's host on the case store: the editor edits the active reader's ROI, each command
 * is one store history step (`applyRoi`), and undo/redo are the store's (which change nothing when
 * there is nothing to undo or redo). The editor's image follows the store's.
 */
import type { CalibrationLine, Editor, EditorHost } from '../roi/editor';
import { activeHistory, useCaseStore, type CaseState } from './caseStore';

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

/** Gives the editor the store's image (a new one fits the view and drops any gesture). */
export function syncEditorImage(editor: Editor, s: CaseState = useCaseStore.getState()): void {
  const decoded = s.image?.decoded;
  if (decoded?.rgba)
    editor.setImage({ width: decoded.info.width, height: decoded.info.height, rgba: decoded.rgba });
}

/**
 * Keeps the editor's image the store's from now on: the editor changes with the store, before React
 * renders the new image (so the view never shows it with the previous image's fit). Returns the
 * stop function.
 */
export function followCaseImage(editor: Editor): () => void {
  syncEditorImage(editor);
  return useCaseStore.subscribe((s) => syncEditorImage(editor, s));
}
