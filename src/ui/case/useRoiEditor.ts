/**
 * The ROI editor (src/roi/editor) bound to the case store: it edits the active reader's ROI, its
 * commands become store history steps (`applyRoi`), undo/redo are the store's. One editor per
 * image panel; the view redraws through `useEditorVersion`, and `useEditorKeys` is the one
 * keyboard listener of the editor (the action table and the tools).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createEditor, type CalibrationLine, type Editor, type KeyInput } from '../../roi/editor';
import { activeHistory, useCaseStore } from '../../store/caseStore';

/**
 * The panel's editor; `onCalibrationLine` receives scale-bar lines. It must be stable (a state
 * setter): the editor is created once, with the first one.
 */
export function useRoiEditor(onCalibrationLine: (line: CalibrationLine) => void): Editor {
  const [editor] = useState(() =>
    createEditor({
      host: {
        roi: () => activeHistory(useCaseStore.getState())?.present ?? null,
        apply: (next) => useCaseStore.getState().applyRoi(next),
        canUndo: () => (activeHistory(useCaseStore.getState())?.past.length ?? 0) > 0,
        canRedo: () => (activeHistory(useCaseStore.getState())?.future.length ?? 0) > 0,
        undo: () => useCaseStore.getState().undoRoi(),
        redo: () => useCaseStore.getState().redoRoi(),
        calibrationLine: onCalibrationLine,
      },
    }),
  );
  return editor;
}

/** Re-renders the caller on every change of the editor (tool, view, draft, cursor). */
export function useEditorVersion(editor: Editor): number {
  return useSyncExternalStore(editor.subscribe, editor.getVersion);
}

/** A DOM key event in the editor's terms. */
export function keyInput(e: KeyboardEvent): KeyInput {
  const target = e.target as HTMLElement | null;
  const tag = target?.tagName;
  return {
    key: e.key,
    shift: e.shiftKey,
    ctrl: e.ctrlKey,
    alt: e.altKey,
    meta: e.metaKey,
    typing: tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable === true,
    inStage: target?.hasAttribute?.('data-roi-stage') === true,
  };
}

/** The editor's one key listener (window); keys it uses do not reach the browser's defaults. */
export function useEditorKeys(editor: Editor): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (editor.keyDown(keyInput(e))) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [editor]);
}
