/**
 * A Node test harness for the ROI editor: an in-memory host (an undo history like the case
 * store's) and helpers that simulate pointer and key sequences in screen coordinates, as a user
 * would produce them.
 */
import {
  createEditor,
  type CalibrationLine,
  type Editor,
  type EditorServices,
  type KeyInput,
  type PointerInput,
  type RoiCommand,
  type ToolDefinition,
} from '../../../../src/roi/editor';
import type { Point } from '../../../../src/roi/rasterize';
import {
  addOp,
  emptyRoi,
  historyOf,
  pushHistory,
  redo,
  roiMask,
  undo,
  type PolygonOp,
  type Roi,
  type RoiHistory,
} from '../../../../src/roi/roi';

/** An axis-aligned rectangle polygon with corners (x0, y0) and (x1, y1), clockwise from (x0, y0). */
export function rect(id: string, x0: number, y0: number, x1: number, y1: number): PolygonOp {
  return {
    kind: 'polygon',
    id,
    points: [
      { x: x0, y: y0 },
      { x: x1, y: y0 },
      { x: x1, y: y1 },
      { x: x0, y: y1 },
    ],
  };
}

/** A `width` × `height` ROI holding the given polygons. */
export function roiWith(width: number, height: number, ...ops: PolygonOp[]): Roi {
  return ops.reduce((roi, op) => addOp(roi, op), emptyRoi(width, height));
}

export interface Harness {
  editor: Editor;
  history: () => RoiHistory;
  roi: () => Roi;
  commands: RoiCommand[];
  lines: CalibrationLine[];
  /** Pixels set in the ROI's mask. */
  area: () => number;
  /** Screen position of an image point. */
  at: (x: number, y: number) => Point;
  down: (s: Point, button?: number) => void;
  move: (s: Point) => void;
  up: (s: Point | null, button?: number) => void;
  /** down + up + click at one place. */
  click: (s: Point, button?: number) => void;
  doubleClick: (s: Point) => void;
  /** A drag through the given screen points (down on the first, up on the last). */
  drag: (...pts: Point[]) => void;
  key: (key: string, mods?: Partial<KeyInput>) => boolean;
  /** Clicks at the given image points (the polygon tool's vertices). */
  clickAt: (...pts: [number, number][]) => void;
}

/**
 * An editor on a `width` × `height` image in a box of the same size: the fitted view has scale
 * 0.98, so screen and image coordinates differ (tests convert with `at`).
 */
export function makeEditor(
  width = 100,
  height = 80,
  opts: { initial?: Roi; tools?: readonly ToolDefinition[]; services?: EditorServices } = {},
): Harness {
  let h = historyOf(opts.initial ?? emptyRoi(width, height));
  const commands: RoiCommand[] = [];
  const lines: CalibrationLine[] = [];
  const editor = createEditor({
    host: {
      roi: () => h.present,
      apply: (next, command) => {
        commands.push(command);
        h = pushHistory(h, next);
      },
      canUndo: () => h.past.length > 0,
      canRedo: () => h.future.length > 0,
      undo: () => (h = undo(h)),
      redo: () => (h = redo(h)),
      calibrationLine: (line) => lines.push(line),
    },
    box: { width, height },
    tools: opts.tools,
    services: opts.services,
  });
  editor.setImage({ width, height, rgba: new Uint8ClampedArray(width * height * 4) });
  const input = (s: Point, button = 0): PointerInput => ({
    screen: s,
    image: editor.viewport.toImage(s),
    button,
    shift: false,
    ctrl: false,
    alt: false,
    meta: false,
  });
  const down = (s: Point, button = 0) => editor.pointerDown(input(s, button));
  const move = (s: Point) => editor.pointerMove(input(s));
  const up = (s: Point | null, button = 0) => editor.pointerUp(s ? input(s, button) : null);
  const click = (s: Point, button = 0) => {
    down(s, button);
    up(s, button);
    editor.click(input(s, button));
  };
  return {
    editor,
    history: () => h,
    roi: () => h.present,
    commands,
    lines,
    area: () => roiMask(h.present).reduce((a, b) => a + b, 0),
    at: (x, y) => editor.viewport.toScreen({ x, y }),
    down,
    move,
    up,
    click,
    doubleClick: (s) => editor.doubleClick(input(s)),
    drag: (...pts) => {
      down(pts[0]);
      for (const p of pts.slice(1)) move(p);
      up(pts[pts.length - 1]);
    },
    clickAt: (...pts) => {
      for (const [x, y] of pts) click(editor.viewport.toScreen({ x, y }));
    },
    key: (key, mods = {}) =>
      editor.keyDown({
        key,
        shift: false,
        ctrl: false,
        alt: false,
        meta: false,
        typing: false,
        inStage: false,
        ...mods,
      }),
  };
}
