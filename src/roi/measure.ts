/**
 * Live measurements of a mask: area, perimeter and maximum diameter, in mm when the pixel spacing is
 * calibrated and in pixels otherwise.
 *
 * - Area = number of ROI pixels × row spacing × column spacing (what the features' pixel count sees).
 * - Perimeter = length of the marching-squares contour through the pixel centres (the contour
 *   PyRadiomics' 2-D shape class measures), with the 0.5 iso-level between pixel centres.
 * - Maximum diameter = largest distance between the centres of two ROI pixels (convex hull of the
 *   boundary pixel centres, then all hull pairs).
 */

export interface Spacing2D {
  /** Distance between rows. */
  row: number;
  /** Distance between columns. */
  col: number;
  unit: 'mm' | 'px';
}

export interface MaskMeasures {
  pixels: number;
  area: number;
  perimeter: number;
  maxDiameter: number;
  unit: 'mm' | 'px';
}

/** Convex hull (monotone chain) of points given as [x, y] pairs. */
function convexHull(points: [number, number][]): [number, number][] {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (pts.length <= 2) return pts;
  const cross = (o: [number, number], a: [number, number], b: [number, number]) =>
    (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: [number, number][] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

/** Measures a 0/1 mask of `width` × `height` pixels. */
export function measureMask(
  mask: ArrayLike<number>,
  width: number,
  height: number,
  spacing: Spacing2D,
  /** A box known to contain every mask pixel (e.g. `roiExtent`); found by a scan when omitted. */
  within?: [number, number, number, number] | null,
): MaskMeasures {
  const sx = spacing.col;
  const sy = spacing.row;
  let pixels = 0;
  const boundary: [number, number][] = [];
  // Only the mask's bounding box (and the cells around it) can contribute. The loops index the mask
  // directly (this runs on every ROI edit, mostly as not-yet-optimised code).
  const box = within === undefined ? maskBounds(mask, width, height) : within;
  if (!box) return { pixels: 0, area: 0, perimeter: 0, maxDiameter: 0, unit: spacing.unit };
  const [bx0, by0, bx1, by1] = box;
  for (let y = by0; y <= by1; y++) {
    const row = y * width;
    const hasUp = y > 0;
    const hasDown = y + 1 < height;
    for (let x = bx0; x <= bx1; x++) {
      const i = row + x;
      if (!mask[i]) continue;
      pixels++;
      if (
        x === 0 ||
        !mask[i - 1] ||
        x + 1 === width ||
        !mask[i + 1] ||
        !hasUp ||
        !mask[i - width] ||
        !hasDown ||
        !mask[i + width]
      )
        boundary.push([x * sx, y * sy]);
    }
  }
  // Marching squares over cells whose corners are pixel centres (x, y), (x+1, y), (x, y+1), (x+1, y+1):
  // a, b on row y and c, d on row y+1; b and d slide into a and c along the row.
  const half = Math.hypot(sx / 2, sy / 2);
  let perimeter = 0;
  for (let y = by0 - 1; y <= by1; y++) {
    const top = y >= 0 && y < height;
    const bottom = y + 1 < height;
    const rowT = y * width;
    const rowB = rowT + width;
    const left = bx0 - 1;
    let a = top && left >= 0 && mask[rowT + left] ? 1 : 0;
    let c = bottom && left >= 0 && mask[rowB + left] ? 1 : 0;
    for (let x = left; x <= bx1; x++) {
      const inside = x + 1 < width;
      const b = top && inside && mask[rowT + x + 1] ? 1 : 0;
      const d = bottom && inside && mask[rowB + x + 1] ? 1 : 0;
      const s = a + b + c + d;
      if (s !== 0 && s !== 4) {
        if (s === 1 || s === 3) perimeter += half;
        else if (a === d)
          perimeter += 2 * half; // diagonal pair: saddle, two corner segments
        else if (a === b)
          perimeter += sx; // top pair vs bottom pair: horizontal segment
        else perimeter += sy; // left pair vs right pair: vertical segment
      }
      a = b;
      c = d;
    }
  }
  const hull = convexHull(boundary);
  let max2 = 0;
  for (let i = 0; i < hull.length; i++) {
    for (let j = i + 1; j < hull.length; j++) {
      const dx = hull[i][0] - hull[j][0];
      const dy = hull[i][1] - hull[j][1];
      max2 = Math.max(max2, dx * dx + dy * dy);
    }
  }
  return { pixels, area: pixels * sx * sy, perimeter, maxDiameter: Math.sqrt(max2), unit: spacing.unit };
}

/**
 * Bounding box of the mask's non-zero pixels as [x0, y0, x1, y1] (inclusive), or null when the mask
 * is empty.
 */
export function maskBounds(
  mask: ArrayLike<number>,
  width: number,
  height: number,
): [number, number, number, number] | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (mask[row + x]) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (y0 > y) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
  }
  return x1 < 0 ? null : [x0, y0, x1, y1];
}

/** Boundary edges of the mask's pixels as a flat list of segments [x0, y0, x1, y1, …] in pixel units. */
export function maskOutline(
  mask: ArrayLike<number>,
  width: number,
  height: number,
  /** A box known to contain every mask pixel (e.g. `roiExtent`); found by a scan when omitted. */
  within?: [number, number, number, number] | null,
): number[] {
  const segs: number[] = [];
  const box = within === undefined ? maskBounds(mask, width, height) : within;
  if (!box) return segs;
  // Edges lie within the box's pixel boundaries only: scan rows y0..y1+1, columns x0..x1+1.
  const [bx0, by0, bx1, by1] = box;
  // Horizontal edges: merge runs along each row boundary (between rows y − 1 and y).
  for (let y = by0; y <= by1 + 1; y++) {
    const up = y > 0 && y - 1 < height ? (y - 1) * width : -1;
    const down = y < height ? y * width : -1;
    let start = -1;
    for (let x = bx0; x <= bx1 + 1; x++) {
      const edge = x <= bx1 && (up >= 0 && mask[up + x] !== 0) !== (down >= 0 && mask[down + x] !== 0);
      if (edge && start < 0) start = x;
      if (!edge && start >= 0) {
        segs.push(start, y, x, y);
        start = -1;
      }
    }
  }
  // Vertical edges: merge runs along each column boundary (between columns x − 1 and x).
  for (let x = bx0; x <= bx1 + 1; x++) {
    const hasLeft = x > 0 && x - 1 < width;
    const hasRight = x < width;
    let start = -1;
    for (let y = by0; y <= by1 + 1; y++) {
      const row = y * width;
      const edge = y <= by1 && (hasLeft && mask[row + x - 1] !== 0) !== (hasRight && mask[row + x] !== 0);
      if (edge && start < 0) start = y;
      if (!edge && start >= 0) {
        segs.push(x, start, x, y);
        start = -1;
      }
    }
  }
  return segs;
}
