/**
 * The editor's actions (tool selection, undo/redo, clear, zoom): the toolbar buttons perform them
 * and the one key handler (`Editor.keyDown`) finds them by `keyTest`. An action that is not enabled
 * is not performed. Labels are i18n keys.
 */
import type { Editor } from './editor';
import { plainKey } from './tool';
import type { KeyInput, ToolDefinition } from './types';
import { ZOOM_STEP } from './viewport';

export interface EditorAction {
  name: string;
  labelKey: string;
  keyTest(e: KeyInput): boolean;
  perform(editor: Editor): void;
  isEnabled(editor: Editor): boolean;
}

const mod = (e: KeyInput) => e.ctrl || e.meta;
const always = () => true;
const never = () => false;

/** The action table for the given tools. */
export function editorActions(tools: readonly ToolDefinition[]): EditorAction[] {
  return [
    ...tools.map((d): EditorAction => ({
      name: `tool.${d.id}`,
      labelKey: d.labelKey,
      keyTest: (e) => d.key !== null && plainKey(e) && e.key.toLowerCase() === d.key,
      perform: (editor) => editor.setTool(d.id),
      isEnabled: always,
    })),
    {
      name: 'undo',
      labelKey: 'image.undo',
      keyTest: (e) => mod(e) && !e.alt && e.key.toLowerCase() === 'z' && !e.shift,
      perform: (editor) => editor.undo(),
      isEnabled: (editor) => editor.canUndo(),
    },
    {
      name: 'redo',
      labelKey: 'image.redo',
      keyTest: (e) =>
        mod(e) && !e.alt && ((e.key.toLowerCase() === 'z' && e.shift) || e.key.toLowerCase() === 'y'),
      perform: (editor) => editor.redo(),
      isEnabled: (editor) => editor.canRedo(),
    },
    {
      name: 'clear',
      labelKey: 'image.clear',
      keyTest: never,
      perform: (editor) => editor.commit({ name: 'clear' }),
      isEnabled: (editor) => (editor.roi()?.ops.length ?? 0) > 0,
    },
    {
      name: 'zoomIn',
      labelKey: 'canvas.zoomIn',
      keyTest: (e) => plainKey(e) && (e.key === '+' || e.key === '='),
      perform: (editor) => editor.setViewport(editor.viewport.zoomCentre(ZOOM_STEP)),
      isEnabled: always,
    },
    {
      name: 'zoomOut',
      labelKey: 'canvas.zoomOut',
      keyTest: (e) => plainKey(e) && e.key === '-',
      perform: (editor) => editor.setViewport(editor.viewport.zoomCentre(1 / ZOOM_STEP)),
      isEnabled: always,
    },
    {
      name: 'zoomFit',
      labelKey: 'canvas.fit',
      keyTest: (e) => plainKey(e) && e.key === '0',
      perform: (editor) => editor.setViewport(editor.viewport.fitted()),
      isEnabled: always,
    },
  ];
}
