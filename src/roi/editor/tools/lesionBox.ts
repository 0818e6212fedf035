/**
 * Semi-automatic lesion segmentation in the editor (issue 13): "Lesion box" — drag a box around the
 * lesion (or, on the focused image, Space at one corner and Space at the opposite one) and a proposed
 * outline is computed off the main thread (`ctx.services.segment`, the worker); "Add to lesion" and
 * "Remove from lesion" — strokes of the brush size that refine the proposal (each re-solves,
 * warm-started in the worker). Accepting (Enter, or the "Accept segmentation" button) commits the
 * proposal as one `addMask` command — an ordinary ROI mask operation, undoable, editable by every
 * tool; Escape (or undo, or choosing another kind of tool) discards it.
 *
 * The three tools share one proposal (`segmentationOf(ctx)`), so switching between them keeps it.
 * Must stay true: an answer that arrives after the proposal was discarded or superseded is ignored
 * (each request carries a token), and nothing is committed before the user accepts.
 */
import type { Message } from '../../../util/message';
import { maskBounds } from '../../measure';
import type { Point } from '../../rasterize';
import {
  clipBox,
  MIN_BOX_SIDE,
  type Box,
  type SegmentOutcome,
  type SegmentStroke,
} from '../../segment/segment';
import { StateTool, plainKey } from '../tool';
import type { DraftShape, KeyInput, PointerInput, ToolContext } from '../types';
import { dist } from '../viewport';
import { STROKE_STEP_PX } from './stroke';

declare module '../types' {
  interface EditorServices {
    /** Segments `box` with `strokes` on the open image (off the main thread); null when superseded. */
    segment?: (box: Box, strokes: SegmentStroke[]) => Promise<SegmentOutcome | null>;
    /** The "Lesion box" tool was chosen: get the segmentation ready for the open image (worker, warm-up). */
    prepareSegment?: () => void;
  }
}

/** The tools that share (and keep) the proposal. */
export const SEGMENT_TOOLS: readonly string[] = ['lesionBox', 'lesionAdd', 'lesionRemove'];

/** Where the proposal stands (what the toolbar shows). */
export type SegmentationStatus = 'none' | 'computing' | 'ready' | 'error';

interface Proposal {
  box: Box;
  strokes: SegmentStroke[];
  /** The last mask (0/1, the image's size) and its tight bounds; null before the first answer. */
  mask: Uint8Array | null;
  bounds: [number, number, number, number] | null;
  /** The mask cropped to its bounds, as drawn (one object per answer). */
  shape: Extract<DraftShape, { kind: 'mask' }> | null;
  /** Token of the request in flight (0 = none). */
  pending: number;
  message: Message | null;
}

/** The proposal shared by the segmentation tools of one editor. */
export class Segmentation {
  private proposal: Proposal | null = null;
  private token = 0;

  constructor(private readonly ctx: ToolContext) {}

  status(): SegmentationStatus {
    const p = this.proposal;
    if (!p) return 'none';
    if (p.pending) return 'computing';
    if (p.message) return 'error';
    return p.mask ? 'ready' : 'none';
  }

  /** The problem of the last request, if any (a `segment.*` code). */
  message(): Message | null {
    return this.proposal?.message ?? null;
  }

  hasProposal(): boolean {
    return this.proposal !== null;
  }

  /** The proposal can be accepted: an answer with at least one lesion pixel. */
  canAccept(): boolean {
    return this.status() === 'ready' && this.proposal?.bounds !== null;
  }

  /** Starts a new proposal from a box (image coordinates, any corner order; clipped to the image). */
  start(a: Point, b: Point): void {
    const { width, height } = this.ctx.image;
    const box = clipBox([a.x, a.y, b.x, b.y], width, height);
    if (box[2] - box[0] < MIN_BOX_SIDE || box[3] - box[1] < MIN_BOX_SIDE) {
      this.proposal = {
        ...this.empty(box),
        message: {
          code: 'segment.boxTooSmall',
          params: { width: box[2] - box[0], height: box[3] - box[1], min: MIN_BOX_SIDE },
        },
      };
      this.ctx.changed();
      return;
    }
    this.proposal = this.empty(box);
    this.request();
  }

  /** Adds a refining stroke to the proposal (nothing without a proposal). */
  addStroke(stroke: SegmentStroke): void {
    const p = this.proposal;
    if (!p || (!p.mask && !p.pending)) return;
    this.proposal = { ...p, strokes: [...p.strokes, stroke] };
    this.request();
  }

  /** Commits the proposal as one ROI mask operation; false when there is nothing to accept. */
  accept(): boolean {
    const p = this.proposal;
    if (!p || !this.canAccept() || !p.shape) return false;
    this.discard();
    const { width, height, data, dx, dy } = p.shape;
    this.ctx.commit({ name: 'addMask', width, height, data, dx, dy });
    return true;
  }

  /** Drops the proposal; false when there was none. */
  discard(): boolean {
    if (!this.proposal) return false;
    this.proposal = null;
    this.token++;
    this.ctx.changed();
    return true;
  }

  /** The proposal's box, outline mask and strokes, as drawn over the image. */
  draft(): DraftShape[] {
    const p = this.proposal;
    if (!p) return [];
    const [x0, y0, x1, y1] = p.box;
    const out: DraftShape[] = [{ kind: 'box', x0, y0, x1, y1 }];
    if (p.shape) out.push(p.shape);
    for (const s of p.strokes)
      out.push({
        kind: 'stroke',
        points: s.points,
        mode: s.mode === 'add' ? 'add' : 'erase',
        width: 2 * s.radius,
      });
    return out;
  }

  private empty(box: Box): Proposal {
    return { box, strokes: [], mask: null, bounds: null, shape: null, pending: 0, message: null };
  }

  private request(): void {
    const p = this.proposal;
    const segment = this.ctx.services.segment;
    if (!p) return;
    if (!segment) {
      this.proposal = { ...p, message: { code: 'segment.unavailable' } };
      this.ctx.changed();
      return;
    }
    const token = ++this.token;
    this.proposal = { ...p, pending: token };
    this.ctx.changed();
    const settle = (change: (q: Proposal) => Proposal) => {
      const q = this.proposal;
      if (!q || q.pending !== token) return; // discarded or superseded meanwhile
      this.proposal = { ...change(q), pending: 0 };
      this.ctx.changed();
    };
    segment(p.box, p.strokes).then(
      (reply) => {
        if (!reply) return;
        settle((q) =>
          reply.ok ? { ...q, ...this.shaped(reply.mask), message: null } : { ...q, message: reply.message },
        );
      },
      (e: unknown) =>
        settle((q) => ({
          ...q,
          message: { code: 'segment.failed', params: { detail: e instanceof Error ? e.message : String(e) } },
        })),
    );
  }

  private shaped(mask: Uint8Array): Pick<Proposal, 'mask' | 'bounds' | 'shape'> {
    const { width, height } = this.ctx.image;
    const bounds = maskBounds(mask, width, height);
    if (!bounds) return { mask, bounds, shape: null };
    const [x0, y0, x1, y1] = bounds;
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    const data = new Uint8Array(w * h);
    for (let y = 0; y < h; y++)
      data.set(mask.subarray((y0 + y) * width + x0, (y0 + y) * width + x0 + w), y * w);
    return { mask, bounds, shape: { kind: 'mask', width: w, height: h, data, dx: x0, dy: y0 } };
  }
}

const shared = new WeakMap<ToolContext, Segmentation>();

/** The proposal shared by the segmentation tools of the editor whose context this is. */
export function segmentationOf(ctx: ToolContext): Segmentation {
  let s = shared.get(ctx);
  if (!s) {
    s = new Segmentation(ctx);
    shared.set(ctx, s);
  }
  return s;
}

/** Behaviour common to the three tools: Escape/undo discard, Enter accepts, other tools discard. */
abstract class SegmentTool<S> extends StateTool<S> {
  protected readonly seg: Segmentation;

  constructor(ctx: ToolContext) {
    super(ctx);
    this.seg = segmentationOf(ctx);
  }

  override isActive(): boolean {
    return this.state !== null || this.seg.hasProposal();
  }

  override cancel(): boolean {
    if (this.state !== null) {
      this.go(null);
      return true;
    }
    return this.seg.discard();
  }

  override onExit(next: string | null): void {
    if (this.state !== null) this.go(null);
    if (next === null || !SEGMENT_TOOLS.includes(next)) this.seg.discard();
  }

  onKeyDown(e: KeyInput): boolean {
    if (!plainKey(e)) return false;
    if (e.key === 'Escape') return this.cancel();
    if (e.key === 'Enter') return this.seg.accept();
    return false;
  }
}

/** A drag (or two Space presses) → a box → a proposal. */
export class LesionBoxTool extends SegmentTool<{ start: Point; end: Point; keyboard: boolean }> {
  readonly id = 'lesionBox';

  onEnter(): void {
    this.ctx.services.prepareSegment?.();
  }

  onPointerDown(e: PointerInput): void {
    if (e.button === 0) this.go({ start: e.image, end: e.image, keyboard: false });
  }

  onPointerMove(e: PointerInput): void {
    if (this.state && !this.state.keyboard) this.go({ ...this.state, end: e.image });
  }

  onPointerUp(e: PointerInput | null): void {
    const s = this.state;
    if (!s || s.keyboard) return;
    const end = e ? e.image : s.end;
    this.go(null);
    this.seg.start(s.start, end);
  }

  onCursorMove(at: Point): void {
    if (this.state?.keyboard) this.go({ ...this.state, end: at });
  }

  onPlace(at: Point): boolean {
    const s = this.state;
    if (!s) {
      this.go({ start: at, end: at, keyboard: true });
      return true;
    }
    this.go(null);
    this.seg.start(s.start, at);
    return true;
  }

  override draft(): DraftShape[] {
    const s = this.state;
    if (!s) return this.seg.draft();
    return [...this.seg.draft(), { kind: 'box', x0: s.start.x, y0: s.start.y, x1: s.end.x, y1: s.end.y }];
  }
}

/** "Add to lesion" / "Remove from lesion": a stroke of the brush size that re-solves the proposal. */
export class LesionStrokeTool extends SegmentTool<Point[]> {
  constructor(
    ctx: ToolContext,
    readonly id: 'lesionAdd' | 'lesionRemove',
  ) {
    super(ctx);
  }

  private get mode(): SegmentStroke['mode'] {
    return this.id === 'lesionAdd' ? 'add' : 'remove';
  }

  onPointerDown(e: PointerInput): void {
    if (e.button === 0 && this.seg.hasProposal()) this.go([e.image]);
  }

  onPointerMove(e: PointerInput): void {
    const pts = this.state;
    if (pts && dist(pts[pts.length - 1], e.image) * this.ctx.viewport.scale >= STROKE_STEP_PX)
      this.go([...pts, e.image]);
  }

  onPointerUp(e: PointerInput | null): void {
    const pts = this.state;
    if (!pts) return;
    const points = e && dist(pts[pts.length - 1], e.image) > 0 ? [...pts, e.image] : pts;
    this.go(null);
    this.seg.addStroke({ mode: this.mode, points, radius: this.ctx.brushSize / 2 });
  }

  /** Space on the focused image: a dot stroke at the keyboard cursor. */
  onPlace(at: Point): boolean {
    if (!this.seg.hasProposal()) return false;
    this.seg.addStroke({ mode: this.mode, points: [at], radius: this.ctx.brushSize / 2 });
    return true;
  }

  override draft(): DraftShape[] {
    const mode = this.mode === 'add' ? 'add' : 'erase';
    const out = this.seg.draft();
    if (this.state) out.push({ kind: 'stroke', points: this.state, mode, width: this.ctx.brushSize });
    else if (this.ctx.hover)
      out.push({ kind: 'brushCursor', at: this.ctx.hover, radius: this.ctx.brushSize / 2, mode });
    return out;
  }
}
