/**
 * The ROI editor (src/roi/editor) bound to the case store (store/editorHost.ts). One editor per
 * image panel; the view redraws through `useEditorVersion`, and `useEditorKeys` is the one
 * keyboard listener of the editor (the action table and the tools).
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { createEditor, type CalibrationLine, type Editor, type KeyInput } from '../../roi/editor';
import { caseStoreHost, followCaseImage, syncEditorImage } from '../../store/editorHost';
import { useCaseStore } from '../../store/caseStore';
import { createSegmenter, type Segmenter } from '../segmenter';

/** One segmentation worker for the app, started when the "Lesion box" tool is first chosen. */
let segmenter: Segmenter | null = null;

/**
 * The panel's editor; `onCalibrationLine` receives scale-bar lines. It must be stable (a state
 * setter): the editor is created once, with the first one.
 */
export function useRoiEditor(onCalibrationLine: (line: CalibrationLine) => void): Editor {
  const [editor] = useState(() => {
    const created = createEditor({
      host: caseStoreHost(onCalibrationLine),
      services: {
        // The lesion box's proposal is computed in a worker on the open image.
        segment: async (box, strokes) => {
          const image = useCaseStore.getState().image?.decoded.image;
          if (!image) return null;
          segmenter ??= createSegmenter();
          return segmenter.segment(image, box, strokes);
        },
        // A task of its own after the tool's click has been drawn (starting a worker takes a while).
        prepareSegment: () =>
          void setTimeout(() => {
            const image = useCaseStore.getState().image?.decoded.image;
            if (!image) return;
            segmenter ??= createSegmenter();
            segmenter.prepare(image);
          }, 0),
      },
    });
    syncEditorImage(created); // an image already open is there at the first render
    return created;
  });
  useEffect(() => followCaseImage(editor), [editor]);
  return editor;
}

/** Re-renders the caller on every change of the editor (tool, view, draft, cursor). */
export function useEditorVersion(editor: Editor): number {
  return useSyncExternalStore(editor.subscribe, editor.getVersion);
}

/**
 * Re-renders the caller only when `select(editor)` changes (compared with Object.is): controls that
 * show the tool or the actions' state do not redraw on every pointer move.
 */
export function useEditorSelector<T>(editor: Editor, select: (editor: Editor) => T): T {
  return useSyncExternalStore(editor.subscribe, () => select(editor));
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
