/** The editor's contracts: normalized input events, the tool interface, drafts and the tool context. */
import type { Point } from '../rasterize';
import type { Roi } from '../roi';
import type { RoiCommand } from './commands';
import type { Viewport } from './viewport';

/** A pointer event, normalized by the UI (screen = pixels in the view box). */
export interface PointerInput {
  screen: Point;
  /** The image position under the pointer (fractional pixels). */
  image: Point;
  /** 0 main, 1 middle (wheel), 2 secondary. */
  button: number;
  shift: boolean;
  ctrl: boolean;
  alt: boolean;
  meta: boolean;
}

/** A key press, normalized by the UI. */
export interface KeyInput {
  /** `KeyboardEvent.key`. */
  key: string;
  shift: boolean;
  ctrl: boolean;
  alt: boolean;
  meta: boolean;
  /** The focus is in a text field, text area or select: no shortcut applies. */
  typing: boolean;
  /** The focus is on the image itself (keyboard drawing: arrows move a cursor, Space places). */
  inStage: boolean;
}

/** A scale-bar line (image coordinates). */
export interface CalibrationLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * What a tool asks the view to draw over the image (image coordinates). The view draws every kind;
 * a new tool reuses them (a proposal is a `mask`, a drag box a `box`).
 */
export type DraftShape =
  /** A polygon being clicked: its vertices (the first one closes it) and the rubber band to `tail`. */
  | { kind: 'polygonDraft'; points: Point[]; tail: Point | null }
  /** A freehand outline or a brush/eraser stroke being drawn (`width` in image pixels). */
  | { kind: 'stroke'; points: Point[]; mode: 'outline' | 'add' | 'erase'; width: number }
  /** The brush's footprint under the pointer. */
  | { kind: 'brushCursor'; at: Point; radius: number; mode: 'add' | 'erase' }
  /** The ROI shown moved by whole pixels (the Move tool's drag). */
  | { kind: 'roiOffset'; dx: number; dy: number }
  /** Editable polygon outlines with a handle on each vertex. */
  | { kind: 'handles'; polygons: { id: string; points: Point[] }[] }
  /** A measuring line (calibration). */
  | { kind: 'line'; line: CalibrationLine }
  /** A rectangle (e.g. a box drawn around a lesion). */
  | { kind: 'box'; x0: number; y0: number; x1: number; y1: number }
  /** A raster mask (0/1, `width` × `height` at dx, dy) shown as a proposal, not yet part of the ROI. */
  | { kind: 'mask'; width: number; height: number; data: Uint8Array; dx: number; dy: number };

/** The image being edited. */
export interface EditorImage {
  width: number;
  height: number;
  /** Display pixels (RGBA, row-major) when the host provides them. */
  rgba: Uint8ClampedArray | null;
}

/**
 * Services the host gives the tools (worker clients and the like). Empty here: a tool that needs
 * one declares it by augmentation (`declare module '…/roi/editor/types' { interface EditorServices
 * { segment?: … } }`) and the host passes it to `createEditor`. Optional members keep the editor
 * usable (and testable) without them.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface EditorServices {}

/** What a tool sees of the editor (read live: the values are current at each call). */
export interface ToolContext {
  /** The ROI being edited (the active reader's); null when no image is open. */
  readonly roi: Roi | null;
  readonly image: EditorImage;
  readonly viewport: Viewport;
  setViewport(next: Viewport): void;
  /** Brush and eraser diameter (image pixels). */
  readonly brushSize: number;
  /** The pointer's image position while over the image, else null. */
  readonly hover: Point | null;
  /** The keyboard cursor (image position) while the image has keyboard focus, else null. */
  readonly keyboardCursor: Point | null;
  readonly services: EditorServices;
  /** Applies a named ROI command to the current ROI as one undoable step. */
  commit(command: RoiCommand): void;
  /** A scale-bar line was measured (the host asks for its length). */
  calibrationLine(line: CalibrationLine): void;
  /** The tool's state or draft changed (redraw); also call it when an async result arrives. */
  changed(): void;
  /** Selects another tool (e.g. after a tool finished its job). */
  setTool(id: string): void;
}

/**
 * A tool: a small state machine, idle until a gesture starts it, back to idle when the gesture
 * commits or is cancelled. Handlers are optional; each receives normalized input.
 */
export interface Tool {
  readonly id: string;
  /** CSS cursor over the image. */
  cursor(): string;
  /** A gesture or a draft is in progress (undo then cancels it instead of undoing an edit). */
  isActive(): boolean;
  /** Drops the gesture or draft in progress; false when there was none. */
  cancel(): boolean;
  /** The tool is selected (`previous`: the tool selected before, null at start). */
  onEnter?(previous: string | null): void;
  /**
   * Another tool (`next`) is selected: drop what is in progress (a tool may keep a draft it shares
   * with the `next` tool, e.g. a proposal refined there). A new image calls `cancel()` instead.
   */
  onExit(next: string | null): void;
  onPointerDown?(e: PointerInput): void;
  /** Every pointer move over the image (button down or not). */
  onPointerMove?(e: PointerInput): void;
  /** `e` is null when the pointer position is unknown. */
  onPointerUp?(e: PointerInput | null): void;
  onClick?(e: PointerInput): void;
  onDoubleClick?(e: PointerInput): void;
  /** A key no action claimed; true when the tool used it. */
  onKeyDown?(e: KeyInput): boolean;
  /** The keyboard cursor moved (arrow keys). */
  onCursorMove?(at: Point): void;
  /** Space on the image: place a point at the keyboard cursor; true when the tool used it. */
  onPlace?(at: Point): boolean;
  /** What to draw over the image now. */
  draft(): DraftShape[];
}

/** A registry entry: how to build a tool and how the toolbar shows it. */
export interface ToolDefinition {
  id: string;
  /** i18n keys of its button label and tip. */
  labelKey: string;
  tipKey: string;
  /** Its one-letter keyboard shortcut (lower case), if any. */
  key: string | null;
  /** Shown in the drawing toolbar (calibration has its own button). */
  toolbar: boolean;
  create(ctx: ToolContext): Tool;
}
