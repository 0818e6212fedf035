/**
 * Rasterisation of ROI geometry onto the image's pixel grid: the mask the features see.
 *
 * Coordinates are continuous image coordinates in pixels: pixel (column x, row y) covers the square
 * [x, x + 1) × [y, y + 1), so its centre is (x + 0.5, y + 0.5).
 *
 * THE RULE (one rule for every tool, documented here and unit-tested):
 * - Polygon: a pixel belongs to the ROI iff its CENTRE lies inside the polygon by the EVEN-ODD rule.
 *   Ties are resolved half-open, like a scanline fill: an edge crossing the centre's row at x = c puts
 *   centres with x ≥ c on the inside side (a centre exactly on a left edge is inside, on a right edge
 *   outside); an edge whose lower end lies exactly on the centre's row counts, its upper end does not
 *   (a horizontal edge never counts). Self-intersecting polygons therefore have holes where the
 *   winding number is even; collinear points change nothing; a polygon that contains no pixel centre
 *   (sub-pixel) gives an empty mask.
 * - Brush / eraser stroke of radius r: a pixel is painted (or erased) iff its centre lies within
 *   distance r (≤ r) of the stroke's polyline (a single point is a disc).
 * - The ROI is the ordered list of operations applied to an empty mask (see `roiOps.ts`).
 */
import { MessageError } from '../util/message';

/** A point in continuous image coordinates (pixels). */
export interface Point {
  x: number;
  y: number;
}

/**
 * Fills (value 1) or clears (value 0) the pixels whose centres lie inside `polygon` (even-odd rule).
 * @param target row-major mask of `width` × `height`, modified in place
 */
export function fillPolygon(
  target: Uint8Array,
  width: number,
  height: number,
  polygon: readonly Point[],
  value: 0 | 1 = 1,
): void {
  const n = polygon.length;
  if (n < 3) return;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of polygon) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw new MessageError('roi.nonFiniteVertex');
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const rowStart = Math.max(0, Math.ceil(minY - 0.5));
  const rowEnd = Math.min(height - 1, Math.floor(maxY - 0.5));
  const xs: number[] = [];
  for (let row = rowStart; row <= rowEnd; row++) {
    const cy = row + 0.5;
    xs.length = 0;
    for (let i = 0; i < n; i++) {
      const a = polygon[i];
      const b = polygon[(i + 1) % n];
      // Half-open in y: the edge counts when cy ∈ [min(ya, yb), max(ya, yb)).
      if (a.y <= cy !== b.y <= cy) {
        xs.push(a.x + ((cy - a.y) * (b.x - a.x)) / (b.y - a.y));
      }
    }
    if (xs.length < 2) continue;
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Centres cx = col + 0.5 with xs[k] ≤ cx < xs[k+1].
      const c0 = Math.max(0, Math.ceil(xs[k] - 0.5));
      const c1 = Math.min(width - 1, Math.ceil(xs[k + 1] - 0.5) - 1);
      const base = row * width;
      for (let col = c0; col <= c1; col++) target[base + col] = value;
    }
  }
}

/** A new mask with the polygon rasterised by the pixel-centre even-odd rule. */
export function rasterizePolygon(polygon: readonly Point[], width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height);
  fillPolygon(out, width, height, polygon, 1);
  return out;
}

/** Squared distance from (px, py) to the segment a–b. */
function segmentDistance2(px: number, py: number, a: Point, b: Point): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - a.x) * dx + (py - a.y) * dy) / len2;
  t = Math.max(0, Math.min(1, t));
  const qx = a.x + t * dx - px;
  const qy = a.y + t * dy - py;
  return qx * qx + qy * qy;
}

/**
 * Paints (value 1) or erases (value 0) the pixels whose centres lie within `radius` of the polyline.
 * @param target row-major mask, modified in place
 */
export function paintStroke(
  target: Uint8Array,
  width: number,
  height: number,
  points: readonly Point[],
  radius: number,
  value: 0 | 1,
): void {
  if (points.length === 0 || !(radius > 0)) return;
  const r2 = radius * radius;
  const segs = points.length === 1 ? [[points[0], points[0]] as const] : [];
  for (let i = 0; i + 1 < points.length; i++) segs.push([points[i], points[i + 1]] as const);
  for (const [a, b] of segs) {
    const x0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - radius - 0.5));
    const x1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + radius - 0.5));
    const y0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - radius - 0.5));
    const y1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + radius - 0.5));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        if (segmentDistance2(x + 0.5, y + 0.5, a, b) <= r2) target[y * width + x] = value;
      }
    }
  }
}
