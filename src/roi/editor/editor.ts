/**
 * The ROI editor: the viewport, the selected tool and the keyboard cursor, driven by normalized
 * pointer and key events. Tools commit named commands; the editor applies them to the host's ROI
 * (`EditorHost.apply`), so the host (the case store) keeps the one undo history. Views subscribe
 * and redraw on every change (`subscribe` / `getVersion`, e.g. with React's useSyncExternalStore).
 */
import type { Point } from '../rasterize';
import type { Roi } from '../roi';
import { editorActions, type EditorAction } from './actions';
import { applyCommand, type RoiCommand } from './commands';
import { DEFAULT_TOOL, TOOL_REGISTRY } from './registry';
import { PanTool } from './tools/pan';
import type {
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
import { Viewport, WHEEL_STEP } from './viewport';

/** What the editor edits: the active reader's ROI and its history (the case store). */
export interface EditorHost {
  /** The ROI being edited; null when no image is open. */
  roi(): Roi | null;
  /** Records `next` (the result of `command`) as one undoable step. */
  apply(next: Roi, command: RoiCommand): void;
  canUndo(): boolean;
  canRedo(): boolean;
  undo(): void;
  redo(): void;
  /** A scale-bar line was drawn. */
  calibrationLine(line: CalibrationLine): void;
}

export interface EditorOptions {
  host: EditorHost;
  services?: EditorServices;
  /** The tools (default: the registry). */
  tools?: readonly ToolDefinition[];
  /** Initial size of the view box (screen pixels). */
  box?: { width: number; height: number };
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

export class Editor {
  readonly actions: readonly EditorAction[];
  readonly tools: readonly ToolDefinition[];
  viewport: Viewport;
  image: EditorImage = { width: 1, height: 1, rgba: null };
  hover: Point | null = null;
  keyboardCursor: Point | null = null;
  brushSize = 12;
  private readonly host: EditorHost;
  private readonly instances = new Map<string, Tool>();
  private current: string;
  /** A middle-button pan in a tool other than Pan. */
  private middlePan: PanTool | null = null;
  private version = 0;
  private readonly listeners = new Set<() => void>();
  readonly context: ToolContext;

  constructor(options: EditorOptions) {
    this.host = options.host;
    this.tools = options.tools ?? TOOL_REGISTRY;
    this.actions = editorActions(this.tools);
    const box = options.box ?? { width: 800, height: 540 };
    this.viewport = Viewport.fitted(1, 1, box.width, box.height);
    const services = options.services ?? {};
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const editor = this;
    this.context = {
      get roi() {
        return editor.host.roi();
      },
      get image() {
        return editor.image;
      },
      get viewport() {
        return editor.viewport;
      },
      setViewport: (v) => this.setViewport(v),
      get brushSize() {
        return editor.brushSize;
      },
      get hover() {
        return editor.hover;
      },
      get keyboardCursor() {
        return editor.keyboardCursor;
      },
      services,
      commit: (command) => this.commit(command),
      calibrationLine: (line) => this.host.calibrationLine(line),
      changed: () => this.changed(),
      setTool: (id) => this.setTool(id),
    };
    this.current = this.tools.some((d) => d.id === DEFAULT_TOOL) ? DEFAULT_TOOL : this.tools[0].id;
  }

  // --- subscription -------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes with every change of what the view shows. */
  getVersion = (): number => this.version;

  /** Something shown changed: views redraw. */
  changed(): void {
    this.version++;
    for (const l of [...this.listeners]) l();
  }

  // --- state --------------------------------------------------------------------------------

  get toolId(): string {
    return this.current;
  }

  /** The selected tool (built on first use). */
  get tool(): Tool {
    return this.toolById(this.current);
  }

  /** A tool's instance (e.g. for a tool's own panel); throws for an unknown id. */
  toolById(id: string): Tool {
    let t = this.instances.get(id);
    if (!t) {
      const def = this.tools.find((d) => d.id === id);
      if (!def) throw new Error(`unknown ROI tool "${id}"`);
      t = def.create(this.context);
      this.instances.set(id, t);
    }
    return t;
  }

  roi(): Roi | null {
    return this.host.roi();
  }

  /** Selects a tool; the previous one drops what it had in progress. */
  setTool(id: string): void {
    if (id === this.current) return;
    this.toolById(id); // unknown ids throw before anything changes
    const previous = this.current;
    this.tool.onExit(id);
    this.current = id;
    this.tool.onEnter?.(previous);
    this.changed();
  }

  setViewport(next: Viewport): void {
    if (next === this.viewport) return;
    this.viewport = next;
    this.changed();
  }

  /** The size of the view box (the fitted view follows it). */
  setBox(width: number, height: number): void {
    this.setViewport(this.viewport.withBox(width, height));
  }

  /** Another image (or the first): the view is fitted and any gesture dropped. */
  setImage(image: EditorImage): void {
    const same =
      image.rgba === this.image.rgba &&
      image.width === this.image.width &&
      image.height === this.image.height;
    if (same) return;
    this.image = image;
    this.cancelGesture();
    this.viewport = this.viewport.withImage(image.width, image.height);
    this.changed();
  }

  setBrushSize(size: number): void {
    if (size === this.brushSize) return;
    this.brushSize = size;
    this.changed();
  }

  /** A gesture or draft is in progress. */
  hasGesture(): boolean {
    return this.middlePan !== null || this.tool.isActive();
  }

  /** Drops the gesture or draft in progress; false when there was none. */
  cancelGesture(): boolean {
    if (this.middlePan) {
      this.middlePan.cancel();
      this.middlePan = null;
      return true;
    }
    return this.tool.cancel();
  }

  /** Applies a named command to the host's ROI (nothing when it changes nothing). */
  commit(command: RoiCommand): void {
    const roi = this.host.roi();
    if (!roi) return;
    const next = applyCommand(roi, command);
    if (next !== roi) this.host.apply(next, command);
  }

  canUndo(): boolean {
    return this.hasGesture() || this.host.canUndo();
  }

  /** Undo cancels a gesture in progress (and only that); otherwise it undoes the last edit. */
  undo(): void {
    if (this.cancelGesture()) return;
    if (this.host.canUndo()) this.host.undo();
  }

  canRedo(): boolean {
    return this.host.canRedo();
  }

  redo(): void {
    if (this.host.canRedo()) this.host.redo();
  }

  action(name: string): EditorAction {
    const a = this.actions.find((x) => x.name === name);
    if (!a) throw new Error(`unknown editor action "${name}"`);
    return a;
  }

  isEnabled(name: string): boolean {
    return this.action(name).isEnabled(this);
  }

  /** Performs an action when it is enabled; false when it is not. */
  perform(name: string): boolean {
    const a = this.action(name);
    if (!a.isEnabled(this)) return false;
    a.perform(this);
    return true;
  }

  /** What to draw over the image. */
  draft(): DraftShape[] {
    return this.tool.draft();
  }

  cursor(): string {
    return this.middlePan ? 'grabbing' : this.tool.cursor();
  }

  // --- input --------------------------------------------------------------------------------

  pointerDown(e: PointerInput): void {
    if (e.button === 1 && this.current !== 'pan') {
      this.middlePan = new PanTool(this.context);
      this.middlePan.onPointerDown(e);
      return;
    }
    this.tool.onPointerDown?.(e);
  }

  pointerMove(e: PointerInput): void {
    this.hover = e.image;
    if (this.middlePan) this.middlePan.onPointerMove(e);
    else this.tool.onPointerMove?.(e);
    this.changed();
  }

  pointerUp(e: PointerInput | null): void {
    if (this.middlePan) {
      this.middlePan = null;
      this.changed();
      return;
    }
    this.tool.onPointerUp?.(e);
  }

  pointerLeave(): void {
    this.hover = null;
    this.changed();
  }

  click(e: PointerInput): void {
    this.tool.onClick?.(e);
  }

  doubleClick(e: PointerInput): void {
    this.tool.onDoubleClick?.(e);
  }

  /** Wheel: zooms about the pointer (deltaY < 0 zooms in). */
  wheel(screen: Point, deltaY: number): void {
    this.setViewport(this.viewport.zoomAt(deltaY < 0 ? WHEEL_STEP : 1 / WHEEL_STEP, screen.x, screen.y));
  }

  /** The image lost keyboard focus. */
  blur(): void {
    if (this.keyboardCursor === null) return;
    this.keyboardCursor = null;
    this.changed();
  }

  /**
   * The one key handler: keyboard drawing on the focused image (arrows move the cursor, Shift 10 px;
   * Space places), then the action table, then the tool. True when the key was used (the caller
   * prevents the browser's default). Nothing applies while typing in a field.
   */
  keyDown(e: KeyInput): boolean {
    if (e.typing) return false;
    if (e.inStage) {
      const arrow = ARROWS[e.key];
      if (arrow) {
        this.moveKeyboardCursor(arrow, e.shift ? 10 : 1);
        return true;
      }
      if (e.key === ' ' && this.tool.onPlace) {
        const at = this.keyboardCursor ?? this.centre();
        this.keyboardCursor = at;
        this.tool.onPlace(at);
        this.changed();
        return true;
      }
    }
    const action = this.actions.find((a) => a.keyTest(e));
    if (action) {
      if (action.isEnabled(this)) action.perform(this);
      return true;
    }
    return this.tool.onKeyDown?.(e) ?? false;
  }

  private centre(): Point {
    return { x: Math.floor(this.image.width / 2) + 0.5, y: Math.floor(this.image.height / 2) + 0.5 };
  }

  private moveKeyboardCursor([dx, dy]: [number, number], step: number): void {
    const { width, height } = this.image;
    const start = this.keyboardCursor ?? this.centre();
    const next = {
      x: Math.min(width - 0.5, Math.max(0.5, start.x + dx * step)),
      y: Math.min(height - 0.5, Math.max(0.5, start.y + dy * step)),
    };
    this.keyboardCursor = next;
    this.tool.onCursorMove?.(next);
    this.changed();
  }
}

/** A new editor on `host`. */
export function createEditor(options: EditorOptions): Editor {
  return new Editor(options);
}
