/**
 * The ROI editor core — pure TypeScript (no DOM, no React, no konva), tested in Node.
 *
 * - `Viewport` (viewport.ts): fit, zoom about a point, pan, screen ↔ image, hit-tests in screen pixels.
 * - Tools (tools/*.ts): one small state machine each, idle → active → commit | cancel. A tool
 *   receives normalized pointer and key events (`PointerInput`, `KeyInput`: image and screen
 *   coordinates, button, modifiers), commits NAMED commands (`RoiCommand`, commands.ts, applied
 *   through the pure functions of roi.ts) with `ctx.commit`, and describes what to draw with
 *   `draft()` (`DraftShape`s: polygon draft, stroke, box, proposal mask, …).
 * - Registry (registry.ts): the list of tools; the toolbar, the shortcuts and the editor read it.
 * - Actions (actions.ts): `{name, labelKey, keyTest, perform, isEnabled}` for tool selection,
 *   undo/redo, clear, zoom in/out/fit; `Editor.keyDown` is the one key handler.
 * - `Editor` (editor.ts): holds the viewport, the selected tool and the keyboard cursor; applies
 *   commands to the host's ROI (the case store keeps the undo history). Undo during a gesture or a
 *   draft cancels it (and only it); undo with nothing to undo does nothing.
 *
 * ## The tool interface (types.ts)
 * `Tool` has `id`, `cursor()`, `isActive()` (a gesture/draft is in progress), `cancel()` (drop it;
 * false when there was none), `onExit()` (another tool is selected: drop it), optional handlers
 * `onPointerDown/Move/Up`, `onClick`, `onDoubleClick`, `onKeyDown` (keys no action claimed; return
 * true when used), `onCursorMove` / `onPlace` (keyboard drawing), and `draft()`. Extending
 * `StateTool<S>` (tool.ts) gives a `state: S | null` (null = idle) with `go(next)` that redraws.
 * The `ToolContext` a tool is built with is live: `ctx.roi`, `ctx.viewport`, `ctx.brushSize`,
 * `ctx.hover`, `ctx.keyboardCursor`, `ctx.image`, `ctx.services`, `ctx.commit(cmd)`,
 * `ctx.calibrationLine(line)`, `ctx.changed()`.
 *
 * ## How to add a tool
 * 1. Write `tools/myTool.ts`: a class extending `StateTool<MyState>` (or implementing `Tool`).
 *    Keep everything the tool holds in its state; commit with `this.ctx.commit({ name: …, … })`
 *    (add a command to commands.ts only if none fits; a raster result is `addMask`).
 * 2. Add one line to `TOOL_REGISTRY` in registry.ts: `tool('myTool', 'k', (ctx) => new MyTool(ctx))`
 *    and its `image.tool.myTool` / `image.tip.myTool` texts in src/i18n (en and zh). The toolbar
 *    button, the shortcut and the action `tool.myTool` follow from the registry.
 * 3. Test its state machine in test/unit/roi/editor/ with `makeEditor` (editorHarness.ts):
 *    simulate pointer sequences, assert the committed commands and the resulting mask.
 *
 * A tool can hold a draft across several gestures (its state stays until it commits or cancels;
 * undo and Escape cancel it, selecting another tool calls `onExit`). Asynchronous results (a worker
 * promise) fit the same way: keep a token in the state, and when the promise settles check the
 * state still holds that token, store the result in the state and call `ctx.changed()`; a
 * proposal is drawn as a `mask` draft and accepted with `ctx.commit({ name: 'addMask', … })`.
 * Services such a tool needs (a worker client) reach it through `ctx.services` (see
 * `EditorServices`); the host passes them to `createEditor`.
 */
export { editorActions, type EditorAction } from './actions';
export { applyCommand, type RoiCommand, type RoiCommandName } from './commands';
export { createEditor, Editor, type EditorHost, type EditorOptions } from './editor';
export { DEFAULT_TOOL, TOOL_REGISTRY, toolDefinition } from './registry';
export { StateTool, plainKey } from './tool';
export type {
  CalibrationLine,
  DraftShape,
  EditorImage,
  EditorServices,
  KeyInput,
  PointerInput,
  Tool,
  ToolContext,
  ToolDefinition,
} from './types';
export {
  CLOSE_HIT_PX,
  EDGE_HIT_PX,
  VERTEX_HIT_PX,
  Viewport,
  ZOOM_STEP,
  WHEEL_STEP,
  dist,
  segDist,
  type PolygonHit,
  type View,
} from './viewport';
