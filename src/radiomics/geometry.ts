/**
 * Geometry helpers of the shape classes: exact maximum diameters of mesh-vertex sets through convex
 * hulls, and eigenvalues of small symmetric matrices. Pure TypeScript, typed arrays, no per-point objects.
 *
 * Mesh vertices lie on the half-voxel lattice, so they are handled in integer half-voxel units h
 * (physical coordinate = (h · 0.5) · spacing, bit-identical to PyRadiomics' (i + 0.5) · spacing).
 * For a set of points in one plane only the extreme points of each lattice row can be hull
 * vertices, and a maximum distance between two point sets is always attained between vertices of
 * their convex hulls (a convex function on a polytope attains its maximum at a vertex; scaling the
 * axes by the spacing is linear and keeps hull vertices hull vertices). The maxima found here are
 * therefore exactly the all-pairs maxima, computed with the same floating-point expression.
 */
import { MessageError } from '../util/message';

/** Sentinel minimum of an empty row in {@link PlaneRowExtremes}. */
export const EMPTY_COLUMN = 0x7fffffff;

/**
 * For a family of parallel lattice planes: per plane and per row (first in-plane axis) the minimum and
 * maximum column (second in-plane axis) of the points added, in half-voxel units.
 */
export class PlaneRowExtremes {
  /** Minimum column per (plane, row), {@link EMPTY_COLUMN} when the row holds no point. */
  readonly min: Int32Array;
  /** Maximum column per (plane, row), -1 when the row holds no point. */
  readonly max: Int32Array;

  /**
   * @param planes number of planes (half-voxel positions along the normal axis)
   * @param rows number of rows per plane (half-voxel positions along the first in-plane axis)
   */
  constructor(
    readonly planes: number,
    readonly rows: number,
  ) {
    this.min = new Int32Array(planes * rows).fill(EMPTY_COLUMN);
    this.max = new Int32Array(planes * rows).fill(-1);
  }

  /** Adds the point (row, col) of plane `plane`. */
  add(plane: number, row: number, col: number): void {
    const i = plane * this.rows + row;
    if (col < this.min[i]) this.min[i] = col;
    if (col > this.max[i]) this.max[i] = col;
  }
}

/** Convex hulls of every plane of a {@link PlaneRowExtremes}, vertices in (row, col) half-voxel units. */
export interface PlaneHulls {
  /** Hull vertices of plane p are at indices start[p] .. start[p + 1] - 1. */
  start: Int32Array;
  /** Row coordinates of the hull vertices. */
  row: Int32Array;
  /** Column coordinates of the hull vertices. */
  col: Int32Array;
}

/**
 * Convex hull (Andrew's monotone chain, collinear points dropped) of each plane's points. The row
 * extremes are already sorted by (row, col), so no sorting is needed: O(rows) per plane.
 */
export function planeHulls(ext: PlaneRowExtremes): PlaneHulls {
  const { planes, rows, min, max } = ext;
  const start = new Int32Array(planes + 1);
  // each plane's hull has at most 2·rows + 1 vertices; grow the output as needed
  let cap = Math.max(16, 4 * rows);
  let outRow = new Int32Array(cap);
  let outCol = new Int32Array(cap);
  const ptRow = new Int32Array(2 * rows);
  const ptCol = new Int32Array(2 * rows);
  const hRow = new Int32Array(4 * rows + 2);
  const hCol = new Int32Array(4 * rows + 2);
  let total = 0;
  for (let p = 0; p < planes; p++) {
    start[p] = total;
    let n = 0;
    for (let r = 0; r < rows; r++) {
      const i = p * rows + r;
      if (max[i] < 0) continue;
      ptRow[n] = r;
      ptCol[n++] = min[i];
      if (max[i] !== min[i]) {
        ptRow[n] = r;
        ptCol[n++] = max[i];
      }
    }
    let h = 0;
    if (n <= 2) {
      for (let k = 0; k < n; k++) {
        hRow[h] = ptRow[k];
        hCol[h++] = ptCol[k];
      }
    } else {
      /** Cross product (b − a) × (point k − a): > 0 for a left turn (a, b: hull stack positions). */
      const turn = (a: number, b: number, k: number): number =>
        (hRow[b] - hRow[a]) * (ptCol[k] - hCol[a]) - (hCol[b] - hCol[a]) * (ptRow[k] - hRow[a]);
      for (let k = 0; k < n; k++) {
        while (h >= 2 && turn(h - 2, h - 1, k) <= 0) h--;
        hRow[h] = ptRow[k];
        hCol[h++] = ptCol[k];
      }
      const lower = h + 1;
      for (let k = n - 2; k >= 0; k--) {
        while (h >= lower && turn(h - 2, h - 1, k) <= 0) h--;
        hRow[h] = ptRow[k];
        hCol[h++] = ptCol[k];
      }
      h--; // the last point repeats the first
    }
    if (total + h > cap) {
      cap = Math.max(2 * cap, total + h);
      const r2 = new Int32Array(cap);
      const c2 = new Int32Array(cap);
      r2.set(outRow.subarray(0, total));
      c2.set(outCol.subarray(0, total));
      outRow = r2;
      outCol = c2;
    }
    outRow.set(hRow.subarray(0, h), total);
    outCol.set(hCol.subarray(0, h), total);
    total += h;
  }
  start[planes] = total;
  return { start, row: outRow.subarray(0, total), col: outCol.subarray(0, total) };
}

/**
 * Largest squared distance between two points of the same plane, over all planes:
 * max (Δrow·sRow)² + (Δcol·sCol)², coordinates (h · 0.5) · spacing.
 * @param sRow spacing of the row axis
 * @param sCol spacing of the column axis
 */
export function maxSquaredDiameterWithinPlanes(hulls: PlaneHulls, sRow: number, sCol: number): number {
  const { start, row, col } = hulls;
  let best = 0;
  for (let p = 0; p + 1 < start.length; p++) {
    for (let i = start[p]; i < start[p + 1]; i++) {
      const ar = row[i] * 0.5 * sRow;
      const ac = col[i] * 0.5 * sCol;
      for (let j = start[p]; j < i; j++) {
        let dr = ar - row[j] * 0.5 * sRow;
        let dc = ac - col[j] * 0.5 * sCol;
        dr *= dr;
        dc *= dc;
        const d = dr + dc;
        if (d > best) best = d;
      }
    }
  }
  return best;
}

/**
 * Largest squared 3-D distance between any two points of a family of parallel planes (normal axis n,
 * plane index = half-voxel position along n), given each plane's hull:
 * max (Δn·sN)² + (Δrow·sRow)² + (Δcol·sCol)². Plane pairs are visited by decreasing upper bound
 * (from the planes' bounding boxes) and the search stops when no remaining pair can do better.
 * @param sN spacing of the normal axis (the first of the three in the sum)
 */
export function maxSquaredDiameterAcrossPlanes(
  hulls: PlaneHulls,
  sN: number,
  sRow: number,
  sCol: number,
): number {
  const { start, row, col } = hulls;
  const planes: number[] = [];
  for (let p = 0; p + 1 < start.length; p++) if (start[p + 1] > start[p]) planes.push(p);
  const m = planes.length;
  const lo = new Float64Array(2 * m);
  const hi = new Float64Array(2 * m);
  for (let a = 0; a < m; a++) {
    const p = planes[a];
    let r0 = Infinity;
    let r1 = -Infinity;
    let c0 = Infinity;
    let c1 = -Infinity;
    for (let i = start[p]; i < start[p + 1]; i++) {
      const r = row[i] * 0.5 * sRow;
      const c = col[i] * 0.5 * sCol;
      if (r < r0) r0 = r;
      if (r > r1) r1 = r;
      if (c < c0) c0 = c;
      if (c > c1) c1 = c;
    }
    lo[2 * a] = r0;
    hi[2 * a] = r1;
    lo[2 * a + 1] = c0;
    hi[2 * a + 1] = c1;
  }
  const pairCount = (m * (m + 1)) / 2;
  const bound = new Float64Array(pairCount);
  const pairA = new Int32Array(pairCount);
  const pairB = new Int32Array(pairCount);
  let k = 0;
  for (let a = 0; a < m; a++) {
    for (let b = 0; b <= a; b++) {
      let dn = planes[a] * 0.5 * sN - planes[b] * 0.5 * sN;
      const dr = Math.max(hi[2 * a] - lo[2 * b], hi[2 * b] - lo[2 * a]);
      const dc = Math.max(hi[2 * a + 1] - lo[2 * b + 1], hi[2 * b + 1] - lo[2 * a + 1]);
      dn *= dn;
      bound[k] = dn + dr * dr + dc * dc;
      pairA[k] = a;
      pairB[k++] = b;
    }
  }
  const order = new Uint32Array(pairCount);
  for (let i = 0; i < pairCount; i++) order[i] = i;
  order.sort((x, y) => bound[y] - bound[x]);
  let best = 0;
  for (let q = 0; q < pairCount; q++) {
    const t = order[q];
    // the bound is about 1e-15 relative above any distance it covers; a margin keeps rounding safe
    if (bound[t] * (1 + 1e-12) < best) break;
    const pa = planes[pairA[t]];
    const pb = planes[pairB[t]];
    const na = pa * 0.5 * sN;
    const nb = pb * 0.5 * sN;
    let dn = na - nb;
    dn *= dn;
    for (let i = start[pa]; i < start[pa + 1]; i++) {
      const ar = row[i] * 0.5 * sRow;
      const ac = col[i] * 0.5 * sCol;
      for (let j = start[pb]; j < start[pb + 1]; j++) {
        let dr = ar - row[j] * 0.5 * sRow;
        let dc = ac - col[j] * 0.5 * sCol;
        dr *= dr;
        dc *= dc;
        const d = dn + dr + dc;
        if (d > best) best = d;
      }
    }
  }
  return best;
}

/**
 * Eigenvalues of a real symmetric n×n matrix (row-major, not modified) by the cyclic Jacobi method,
 * sorted ascending. Rows and columns that are exactly zero off the diagonal are never mixed in, so an
 * exactly singular covariance (a one-slice ROI) keeps an exact 0.
 * @throws when the iteration does not converge (more than 100 sweeps)
 */
export function symmetricEigenvalues(matrix: ArrayLike<number>, n: number): Float64Array {
  const a = Float64Array.from(matrix);
  if (a.length !== n * n)
    throw new MessageError('radiomics.internal', {
      what: `symmetricEigenvalues: expected ${n * n} entries, got ${a.length}`,
    });
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
    if (off === 0) break;
    if (sweep === 99)
      throw new MessageError('radiomics.internal', {
        what: 'symmetricEigenvalues: the Jacobi iteration did not converge',
      });
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (apq === 0) continue;
        const app = a[p * n + p];
        const aqq = a[q * n + q];
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // the rotation annihilates a[p][q]; when it is negligible against the diagonal, set it to 0
        if (
          Math.abs(apq) <= 1e-300 ||
          (Math.abs(apq) < 1e-17 * Math.abs(app) && Math.abs(apq) < 1e-17 * Math.abs(aqq))
        ) {
          a[p * n + q] = 0;
          a[q * n + p] = 0;
          continue;
        }
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        a[p * n + q] = 0;
        a[q * n + p] = 0;
      }
    }
  }
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = a[i * n + i];
  return values.sort();
}
