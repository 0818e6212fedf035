/**
 * The ROI document: an ordered list of operations on the image grid. The mask the features see is
 * `roiMask(roi)` — the operations applied in order to an empty mask with the rule of `rasterize.ts`
 * — and the overlay draws exactly that mask (plus the editable polygon outlines).
 *
 * Operations:
 * - `polygon`: a closed polygon (drawn by clicks, or by freehand drag) added to the ROI; its vertices
 *   stay editable.
 * - `stroke`: a brush (add) or eraser (erase) stroke of a given radius.
 * - `mask`: an imported or re-imported raster mask (0/1), with an integer offset after a move.
 *
 * Values are immutable: every edit returns a new ROI, which is what makes undo/redo trivial.
 */
import { fillPolygon, paintStroke, type Point } from './rasterize';

export type { Point } from './rasterize';

export interface PolygonOp {
  kind: 'polygon';
  id: string;
  points: Point[];
}
export interface StrokeOp {
  kind: 'stroke';
  id: string;
  mode: 'add' | 'erase';
  radius: number;
  points: Point[];
}
export interface MaskOp {
  kind: 'mask';
  id: string;
  width: number;
  height: number;
  /** Row-major 0/1 values. */
  data: Uint8Array;
  /** Integer translation applied when the ROI was moved. */
  dx: number;
  dy: number;
}
export type RoiOp = PolygonOp | StrokeOp | MaskOp;

/** An ROI on an image of `width` × `height` pixels. */
export interface Roi {
  width: number;
  height: number;
  ops: RoiOp[];
}

let counter = 0;
/** A fresh operation id. */
export function newOpId(): string {
  counter += 1;
  return `op${Date.now().toString(36)}${counter.toString(36)}`;
}

export function emptyRoi(width: number, height: number): Roi {
  return { width, height, ops: [] };
}

export function addOp(roi: Roi, op: RoiOp): Roi {
  return { ...roi, ops: [...roi.ops, op] };
}

const maskCache = new WeakMap<Roi, Uint8Array>();

/**
 * The mask (0/1, row-major) the ROI's operations produce. ROIs are immutable values, so the mask is
 * computed once per ROI object and shared by every caller (overlay, measurements, feature run):
 * callers must not modify it (copy it first).
 */
export function roiMask(roi: Roi): Uint8Array {
  let mask = maskCache.get(roi);
  if (!mask) {
    mask = rasterizeRoi(roi);
    maskCache.set(roi, mask);
  }
  return mask;
}

/**
 * A box [x0, y0, x1, y1] (inclusive, clipped to the image) that contains every pixel `roiMask(roi)`
 * sets, from the operations' extents (polygon vertices, stroke points ± radius, mask placement; a
 * margin of one pixel covers the pixel-centre rule) without scanning the mask; null for an ROI that
 * adds nothing. It may be larger than the mask's tight bounding box — scans limited to it give the
 * whole-image results at a fraction of the cost on large images.
 */
export function roiExtent(roi: Roi): [number, number, number, number] | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  const grow = (ax: number, ay: number, bx: number, by: number) => {
    if (ax < x0) x0 = ax;
    if (ay < y0) y0 = ay;
    if (bx > x1) x1 = bx;
    if (by > y1) y1 = by;
  };
  for (const op of roi.ops) {
    if (op.kind === 'mask') grow(op.dx, op.dy, op.dx + op.width - 1, op.dy + op.height - 1);
    else if (op.kind === 'polygon' || op.mode === 'add') {
      const r = op.kind === 'stroke' ? op.radius : 0;
      for (const p of op.points) grow(p.x - r, p.y - r, p.x + r, p.y + r);
    }
  }
  if (!(x1 >= x0)) return null;
  const bx0 = Math.max(0, Math.floor(x0) - 1);
  const by0 = Math.max(0, Math.floor(y0) - 1);
  const bx1 = Math.min(roi.width - 1, Math.ceil(x1) + 1);
  const by1 = Math.min(roi.height - 1, Math.ceil(y1) + 1);
  return bx1 < bx0 || by1 < by0 ? null : [bx0, by0, bx1, by1];
}

function rasterizeRoi(roi: Roi): Uint8Array {
  const { width, height } = roi;
  const out = new Uint8Array(width * height);
  for (const op of roi.ops) {
    if (op.kind === 'polygon') fillPolygon(out, width, height, op.points, 1);
    else if (op.kind === 'stroke')
      paintStroke(out, width, height, op.points, op.radius, op.mode === 'add' ? 1 : 0);
    else {
      for (let y = 0; y < op.height; y++) {
        const ty = y + op.dy;
        if (ty < 0 || ty >= height) continue;
        for (let x = 0; x < op.width; x++) {
          const tx = x + op.dx;
          if (tx < 0 || tx >= width) continue;
          if (op.data[y * op.width + x]) out[ty * width + tx] = 1;
        }
      }
    }
  }
  return out;
}

/** Replaces one polygon's vertices. */
export function setPolygonPoints(roi: Roi, id: string, points: Point[]): Roi {
  return {
    ...roi,
    ops: roi.ops.map((op) => (op.id === id && op.kind === 'polygon' ? { ...op, points } : op)),
  };
}

/** Moves a vertex of a polygon. */
export function moveVertex(roi: Roi, id: string, index: number, to: Point): Roi {
  const op = roi.ops.find((o) => o.id === id);
  if (!op || op.kind !== 'polygon') return roi;
  return setPolygonPoints(
    roi,
    id,
    op.points.map((p, i) => (i === index ? to : p)),
  );
}

/** Inserts a vertex after `index` (on the edge index → index + 1). */
export function insertVertex(roi: Roi, id: string, index: number, at: Point): Roi {
  const op = roi.ops.find((o) => o.id === id);
  if (!op || op.kind !== 'polygon') return roi;
  const points = [...op.points];
  points.splice(index + 1, 0, at);
  return setPolygonPoints(roi, id, points);
}

/** Deletes a vertex; a polygon left with fewer than 3 vertices is removed. */
export function deleteVertex(roi: Roi, id: string, index: number): Roi {
  const op = roi.ops.find((o) => o.id === id);
  if (!op || op.kind !== 'polygon') return roi;
  const points = op.points.filter((_, i) => i !== index);
  if (points.length < 3) return { ...roi, ops: roi.ops.filter((o) => o.id !== id) };
  return setPolygonPoints(roi, id, points);
}

/** Moves the whole ROI; mask operations move by whole pixels (rounded), so the move is exact. */
export function translateRoi(roi: Roi, dx: number, dy: number): Roi {
  const ix = Math.round(dx);
  const iy = Math.round(dy);
  const shift = (p: Point): Point => ({ x: p.x + ix, y: p.y + iy });
  return {
    ...roi,
    ops: roi.ops.map((op) =>
      op.kind === 'mask'
        ? { ...op, dx: op.dx + ix, dy: op.dy + iy }
        : { ...op, points: op.points.map(shift) },
    ),
  };
}

/** An ROI holding only the given raster mask (import, re-import, after rasterising). */
export function roiFromMask(width: number, height: number, data: Uint8Array): Roi {
  return {
    width,
    height,
    ops: [
      {
        kind: 'mask',
        id: newOpId(),
        width,
        height,
        data: Uint8Array.from(data, (v) => (v ? 1 : 0)),
        dx: 0,
        dy: 0,
      },
    ],
  };
}

/** Undo/redo history of ROI states. */
export interface RoiHistory {
  past: Roi[];
  present: Roi;
  future: Roi[];
}

/** Limit of undo steps kept. */
export const HISTORY_LIMIT = 200;

export function historyOf(roi: Roi): RoiHistory {
  return { past: [], present: roi, future: [] };
}

/** Records a new state (clears redo). A state equal by identity is not recorded. */
export function pushHistory(h: RoiHistory, next: Roi): RoiHistory {
  if (next === h.present) return h;
  return { past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: next, future: [] };
}

export function undo(h: RoiHistory): RoiHistory {
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: h.past[h.past.length - 1], future: [h.present, ...h.future] };
}

export function redo(h: RoiHistory): RoiHistory {
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: h.future[0], future: h.future.slice(1) };
}
