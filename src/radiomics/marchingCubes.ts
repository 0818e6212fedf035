/**
 * Marching cubes (3-D) and marching squares (2-D) on a binary, zero-padded mask, as PyRadiomics 3.1's
 * C extension (`cshape.c`) runs them: every vertex lies halfway along a grid edge joining an ROI voxel
 * and a background voxel, each triangle / line segment is oriented consistently, and a cube whose
 * configuration has its last corner (index 7) inside is evaluated as the complementary configuration
 * with the sign of its volume flipped.
 *
 * The lookup tables are generated here, from the definition of the algorithm, rather than typed in:
 * - Corners (dz, dy, dx): p0 (0,0,0), p1 (0,0,1), p2 (0,1,1), p3 (0,1,0), p4 (1,0,0), p5 (1,0,1),
 *   p6 (1,1,1), p7 (1,1,0). Edges: e0 p0-p1, e1 p1-p2, e2 p2-p3, e3 p3-p0, e4 p4-p5, e5 p5-p6,
 *   e6 p6-p7, e7 p7-p4, e8 p0-p4, e9 p1-p5, e10 p2-p6, e11 p3-p7.
 * - On each face the set corners are cut off one maximal run at a time; on an ambiguous face
 *   (diagonal corners set) the set corners are separated. Each cut is a directed segment between
 *   two edge midpoints; the faces are walked counter-clockwise seen from outside the cube, so the
 *   segments chain into consistently oriented closed polygons.
 * - Polygons are triangulated as fans chosen so that every configuration gets, for any spacing, the
 *   triangle areas and signed volumes of PyRadiomics' table (the classic Lorensen–Cline/Bourke table,
 *   which does not always pick the same fan for congruent polygons): polygons of up to 6 vertices
 *   from the vertex whose fan has the largest area at unit spacing (fans tied for the largest area
 *   give identical areas and volumes at every spacing), 7-gons from the midpoint of the edge joining
 *   the configuration's isolated outside corner to its inside neighbour that touches no other
 *   outside corner. (Checked configuration by configuration against cshape.c at several spacings;
 *   the unit tests pin the table with weighted checksums.)
 * Pure TypeScript, typed arrays only in the hot loops.
 */
import { EMPTY_COLUMN, PlaneRowExtremes } from './geometry';
import { MessageError } from '../util/message';

/** Corner offsets (dz, dy, dx) of the 8 cube corners, in PyRadiomics' order. */
const CORNERS: readonly (readonly [number, number, number])[] = [
  [0, 0, 0],
  [0, 0, 1],
  [0, 1, 1],
  [0, 1, 0],
  [1, 0, 0],
  [1, 0, 1],
  [1, 1, 1],
  [1, 1, 0],
];

/** The 12 cube edges as corner pairs. */
const EDGES: readonly (readonly [number, number])[] = [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 0],
  [4, 5],
  [5, 6],
  [6, 7],
  [7, 4],
  [0, 4],
  [1, 5],
  [2, 6],
  [3, 7],
];

/** Index of the edge joining corners a and b. */
function edgeBetween(a: number, b: number): number {
  for (let e = 0; e < EDGES.length; e++) {
    const [p, q] = EDGES[e];
    if ((p === a && q === b) || (p === b && q === a)) return e;
  }
  throw new MessageError('radiomics.internal', {
    what: `marching cubes: corners ${a} and ${b} share no edge`,
  });
}

/** Midpoint (z, y, x) of edge e, in voxel units relative to the cube origin. */
function edgeMidpoint(e: number): [number, number, number] {
  const a = CORNERS[EDGES[e][0]];
  const b = CORNERS[EDGES[e][1]];
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}

/** Cross product of two 3-vectors. */
function cross3(a: readonly number[], b: readonly number[]): [number, number, number] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

/** Difference a - b of two 3-vectors. */
function sub3(a: readonly number[], b: readonly number[]): [number, number, number] {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

/** The six faces as corner cycles, each ordered counter-clockwise seen from outside the cube (z, y, x). */
function outwardFaces(): number[][] {
  const faces = [
    [0, 1, 2, 3],
    [4, 5, 6, 7],
    [0, 1, 5, 4],
    [3, 2, 6, 7],
    [0, 3, 7, 4],
    [1, 2, 6, 5],
  ];
  return faces.map((f) => {
    const n = cross3(sub3(CORNERS[f[1]], CORNERS[f[0]]), sub3(CORNERS[f[2]], CORNERS[f[0]]));
    const out = sub3(CORNERS[f[0]], [0.5, 0.5, 0.5]);
    return n[0] * out[0] + n[1] * out[1] + n[2] * out[2] > 0 ? f : [...f].reverse();
  });
}

/** The closed, oriented polygons (lists of edge indices) cutting off the set corners of `config`. */
function configurationPolygons(config: number, faces: number[][]): number[][] {
  const next = new Map<number, number>();
  for (const f of faces) {
    const set = f.map((c) => (config >> c) & 1);
    for (let k = 0; k < 4; k++) {
      if (!set[k] || set[(k + 3) % 4]) continue; // k starts a maximal run of set corners
      let end = k;
      while (set[(end + 1) % 4]) end++; // ends: corner k − 1 is not set
      const from = edgeBetween(f[(k + 3) % 4], f[k]);
      const to = edgeBetween(f[end % 4], f[(end + 1) % 4]);
      next.set(from, to);
    }
  }
  const polygons: number[][] = [];
  const seen = new Set<number>();
  for (const start of next.keys()) {
    if (seen.has(start)) continue;
    const poly: number[] = [];
    let v = start;
    while (!seen.has(v)) {
      seen.add(v);
      poly.push(v);
      const w = next.get(v);
      if (w === undefined)
        throw new MessageError('radiomics.internal', {
          what: `marching cubes: open polygon in configuration ${config}`,
        });
      v = w;
    }
    if (v !== start)
      throw new MessageError('radiomics.internal', {
        what: `marching cubes: malformed polygon in configuration ${config}`,
      });
    polygons.push(poly);
  }
  return polygons;
}

/** Area (unit spacing) of the fan of `poly` from its vertex at position `apex`. */
function fanArea(poly: number[], apex: number): number {
  const n = poly.length;
  const a = edgeMidpoint(poly[apex]);
  let area = 0;
  for (let k = 1; k + 1 < n; k++) {
    const b = edgeMidpoint(poly[(apex + k) % n]);
    const c = edgeMidpoint(poly[(apex + k + 1) % n]);
    const cr = cross3(sub3(b, a), sub3(c, a));
    area += 0.5 * Math.hypot(cr[0], cr[1], cr[2]);
  }
  return area;
}

/** Position in `poly` of the fan apex of a 7-gon (see the module comment). */
function heptagonApex(config: number, poly: number[]): number {
  /** The three corners sharing an edge with corner c. */
  const neighbours = (c: number): number[] =>
    EDGES.filter(([p, q]) => p === c || q === c).map(([p, q]) => (p === c ? q : p));
  /** Whether corner c is set in the configuration. */
  const inside = (c: number): boolean => ((config >> c) & 1) === 1;
  for (let c = 0; c < 8; c++) {
    if (inside(c) || !neighbours(c).every(inside)) continue; // c: isolated outside corner
    for (const n of neighbours(c)) {
      if (neighbours(n).some((m) => m !== c && !inside(m))) continue;
      const pos = poly.indexOf(edgeBetween(c, n));
      if (pos >= 0) return pos;
    }
  }
  throw new MessageError('radiomics.internal', {
    what: `marching cubes: no fan apex for the 7-gon of configuration ${config}`,
  });
}

/** Triangles (edge triples, flat) of each configuration 0..127, and the start offset of each. */
function buildTriangleTable(): { start: Int32Array; edges: Int8Array } {
  const faces = outwardFaces();
  const start = new Int32Array(129);
  const list: number[] = [];
  for (let config = 0; config < 128; config++) {
    start[config] = list.length;
    for (const poly of configurationPolygons(config, faces)) {
      const n = poly.length;
      let apex = 0;
      if (n >= 7) apex = heptagonApex(config, poly);
      else {
        let best = -1;
        for (let k = 0; k < n; k++) {
          const area = fanArea(poly, k);
          if (area > best + 1e-12) {
            best = area;
            apex = k;
          }
        }
      }
      for (let k = 1; k + 1 < n; k++) list.push(poly[apex], poly[(apex + k) % n], poly[(apex + k + 1) % n]);
    }
  }
  start[128] = list.length;
  return { start, edges: Int8Array.from(list) };
}

let cubeTriangles: { start: Int32Array; edges: Int8Array } | null = null;

/**
 * The generated triangle table: triangles of configuration c are edges[start[c] .. start[c+1]). Built
 * on first use (~13 ms): a worker that never computes the 3-D shape class (the lesion segmentation
 * worker) does not pay for it when it starts.
 */
export function cubeTriangleTable(): { start: Int32Array; edges: Int8Array } {
  return (cubeTriangles ??= buildTriangleTable());
}

/** Result of {@link marchCubes}. */
export interface MeshMeasures {
  /** Total area of the triangles, mm². */
  surfaceArea: number;
  /** Signed volume enclosed by the mesh (sum of origin tetrahedra), mm³. */
  volume: number;
  /** Mesh vertices in planes of constant z: plane hz, row hy, column hx (half-voxel units). */
  zPlanes: PlaneRowExtremes;
  /** Mesh vertices in planes of constant y: plane hy, row hz, column hx. */
  yPlanes: PlaneRowExtremes;
  /** Mesh vertices in planes of constant x: plane hx, row hz, column hy. */
  xPlanes: PlaneRowExtremes;
}

/**
 * Marching cubes over a zero-padded binary mask: surface area, volume and the mesh vertices.
 *
 * A_i = |a_i b_i × a_i c_i| / 2 and V_i = (O a_i · (O b_i × O c_i)) / 6 over the triangles (a_i, b_i, c_i)
 * in physical coordinates (z, y, x) · spacing, with O the padded grid's origin. Per configuration the
 * triangle areas and the tetrahedron terms are precomputed: with cube origin p and vertex offsets
 * (u, v, w), det(p+u, p+v, p+w) = det(u, v, w) + p · (v×w + w×u + u×v).
 *
 * The mesh vertices are the midpoints of the grid edges whose voxels differ, each edge once (as
 * PyRadiomics stores them: the edges leaving corner p0 of each cube towards p1, p3 and p4, in
 * half-voxel units x-edge (2z, 2y, 2x+1), y-edge (2z, 2y+1, 2x), z-edge (2z+1, 2y, 2x)); they are kept
 * as per-row extremes of the three plane families for the hull-based diameters. Within a grid row
 * the z- and y-plane families need only the first and last transition of each edge kind; the x-plane
 * family sees its rows in increasing order, so its latest value is its maximum.
 * @param mask 0/1 voxels of the padded grid, index (z * py + y) * px + x; its border must be 0
 * @param dims padded sizes (pz, py, px)
 * @param spacing (z, y, x)
 */
export function marchCubes(
  mask: Uint8Array,
  dims: readonly [number, number, number],
  spacing: readonly [number, number, number],
): MeshMeasures {
  const [pz, py, px] = dims;
  const [sz, sy, sx] = spacing;
  const { start, edges } = cubeTriangleTable();
  const area = new Float64Array(128);
  const k0 = new Float64Array(128);
  const nz = new Float64Array(128);
  const ny = new Float64Array(128);
  const nx = new Float64Array(128);
  for (let c = 1; c < 128; c++) {
    for (let t = start[c]; t < start[c + 1]; t += 3) {
      const u = edgeMidpoint(edges[t]);
      const v = edgeMidpoint(edges[t + 1]);
      const w = edgeMidpoint(edges[t + 2]);
      for (const q of [u, v, w]) {
        q[0] *= sz;
        q[1] *= sy;
        q[2] *= sx;
      }
      const vw = cross3(v, w);
      const wu = cross3(w, u);
      const uv = cross3(u, v);
      k0[c] += vw[0] * u[0] + vw[1] * u[1] + vw[2] * u[2];
      nz[c] += vw[0] + wu[0] + uv[0];
      ny[c] += vw[1] + wu[1] + uv[1];
      nx[c] += vw[2] + wu[2] + uv[2];
      const cr = cross3(sub3(u, w), sub3(v, w));
      area[c] += 0.5 * Math.sqrt(cr[0] * cr[0] + cr[1] * cr[1] + cr[2] * cr[2]);
    }
  }

  const zPlanes = new PlaneRowExtremes(2 * pz - 1, 2 * py - 1);
  const yPlanes = new PlaneRowExtremes(2 * py - 1, 2 * pz - 1);
  const xPlanes = new PlaneRowExtremes(2 * px - 1, 2 * pz - 1);
  const { min: zMin, max: zMax, rows: zRows } = zPlanes;
  const { min: yMin, max: yMax, rows: yRows } = yPlanes;
  const { min: xMin, max: xMax, rows: xRows } = xPlanes;
  const EMPTY = EMPTY_COLUMN; // a local constant: an imported binding may be a getter once bundled
  /** Stores the first/last transition column of one edge kind of a grid row in the z and y families. */
  const record = (zi: number, yi: number, first: number, last: number): void => {
    zMin[zi] = first;
    zMax[zi] = last;
    yMin[yi] = first;
    yMax[yi] = last;
  };

  const sliceStride = py * px;
  let surfaceArea = 0;
  let volume = 0;
  for (let iz = 0; iz < pz - 1; iz++) {
    const zz = iz * sz;
    for (let iy = 0; iy < py - 1; iy++) {
      const yy = iy * sy;
      let fx = EMPTY;
      let lx = -1;
      let fy = EMPTY;
      let ly = -1;
      let fz = EMPTY;
      let lz = -1;
      let o = iz * sliceStride + iy * px;
      // corners x = 0 of the first cube: bits of the "left" face (p0, p3, p4, p7)
      let left =
        mask[o] | (mask[o + px] << 3) | (mask[o + sliceStride] << 4) | (mask[o + sliceStride + px] << 7);
      for (let ix = 0; ix < px - 1; ix++, o++) {
        const r = o + 1;
        const right =
          (mask[r] << 1) |
          (mask[r + px] << 2) |
          (mask[r + sliceStride] << 5) |
          (mask[r + sliceStride + px] << 6);
        let c = left | right;
        // the right face of this cube is the left face of the next: p1→p0, p2→p3, p5→p4, p6→p7
        left = ((right >> 1) & 0x01) | ((right << 1) & 0x08) | ((right >> 1) & 0x10) | ((right << 1) & 0x80);
        if (c === 0 || c === 255) continue;

        // vertices on the edges p0-p1 (x), p0-p3 (y), p0-p4 (z)
        const p0 = c & 1;
        if (p0 !== ((c >> 1) & 1)) {
          const hx = 2 * ix + 1;
          if (fx === EMPTY) fx = hx;
          lx = hx;
          const k = hx * xRows + 2 * iz;
          if (xMin[k] === EMPTY) xMin[k] = 2 * iy;
          xMax[k] = 2 * iy;
        }
        if (p0 !== ((c >> 3) & 1)) {
          if (fy === EMPTY) fy = 2 * ix;
          ly = 2 * ix;
          const k = 2 * ix * xRows + 2 * iz;
          if (xMin[k] === EMPTY) xMin[k] = 2 * iy + 1;
          xMax[k] = 2 * iy + 1;
        }
        if (p0 !== ((c >> 4) & 1)) {
          if (fz === EMPTY) fz = 2 * ix;
          lz = 2 * ix;
          const k = 2 * ix * xRows + 2 * iz + 1;
          if (xMin[k] === EMPTY) xMin[k] = 2 * iy;
          xMax[k] = 2 * iy;
        }

        let sign = 1;
        if (c & 0x80) {
          c ^= 0xff;
          sign = -1;
        }
        surfaceArea += area[c];
        volume += sign * (k0[c] + zz * nz[c] + yy * ny[c] + ix * sx * nx[c]);
      }
      if (lx >= 0) record(2 * iz * zRows + 2 * iy, 2 * iy * yRows + 2 * iz, fx, lx);
      if (ly >= 0) record(2 * iz * zRows + 2 * iy + 1, (2 * iy + 1) * yRows + 2 * iz, fy, ly);
      if (lz >= 0) record((2 * iz + 1) * zRows + 2 * iy, 2 * iy * yRows + 2 * iz + 1, fz, lz);
    }
  }
  return { surfaceArea, volume: volume / 6, zPlanes, yPlanes, xPlanes };
}

/** Corner offsets (dy, dx) of the 4 square corners: p0 (0,0), p1 (0,1), p2 (1,1), p3 (1,0). */
const SQUARE_CORNERS: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 1],
  [1, 1],
  [1, 0],
];

/** Midpoint (y, x) of square edge e (e joins corner e and corner (e + 1) mod 4). */
function squareEdgeMidpoint(e: number): [number, number] {
  const a = SQUARE_CORNERS[e];
  const b = SQUARE_CORNERS[(e + 1) % 4];
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
}

/**
 * Line segments (edge pairs, flat) of each marching-squares configuration 0..15: each maximal
 * cyclic run of set corners s..t is cut off by a segment from the edge before s to the edge after t,
 * so set corners on a diagonal stay separated.
 */
function buildLineTable(): { start: Int32Array; edges: Int8Array } {
  const start = new Int32Array(17);
  const list: number[] = [];
  for (let config = 0; config < 16; config++) {
    start[config] = list.length;
    if (config === 15) continue;
    for (let k = 0; k < 4; k++) {
      /** Whether corner c (cyclic) of the square is set. */
      const set = (c: number): boolean => ((config >> (c % 4)) & 1) === 1;
      if (!set(k) || set(k + 3)) continue;
      let end = k;
      while (set(end + 1)) end++;
      list.push((k + 3) % 4, end % 4);
    }
  }
  start[16] = list.length;
  return { start, edges: Int8Array.from(list) };
}

/** The generated marching-squares table: segments of configuration c are edges[start[c] .. start[c+1]). */
export const SQUARE_LINES = buildLineTable();

/** Result of {@link contourPerimeterAndArea}. */
export interface ContourMeasures {
  /** Total length of the contour segments, mm. */
  perimeter: number;
  /** Signed area enclosed by the contour (sum of origin triangles), mm². */
  surface: number;
}

/**
 * Perimeter and enclosed area of the marching-squares contour of a zero-padded 2-D binary mask.
 *
 * P_i = |a_i - b_i| and A_i = (O a_i × O b_i) / 2 over the segments (a_i, b_i) in physical coordinates
 * (y, x) · spacing; per configuration with square origin p and offsets (u, v):
 * (p+u) × (p+v) = u × v + p_y (v_x - u_x) - p_x (v_y - u_y).
 * @param mask 0/1 pixels of the padded grid, index y * px + x; its border must be 0
 * @param dims padded sizes (py, px)
 * @param spacing (y, x)
 */
export function contourPerimeterAndArea(
  mask: Uint8Array,
  dims: readonly [number, number],
  spacing: readonly [number, number],
): ContourMeasures {
  const [py, px] = dims;
  const [sy, sx] = spacing;
  const { start, edges } = SQUARE_LINES;
  const length = new Float64Array(16);
  const k0 = new Float64Array(16);
  const dy = new Float64Array(16);
  const dx = new Float64Array(16);
  for (let c = 1; c < 15; c++) {
    for (let t = start[c]; t < start[c + 1]; t += 2) {
      const u = squareEdgeMidpoint(edges[t]);
      const v = squareEdgeMidpoint(edges[t + 1]);
      u[0] *= sy;
      u[1] *= sx;
      v[0] *= sy;
      v[1] *= sx;
      k0[c] += u[0] * v[1] - v[0] * u[1];
      dy[c] += v[0] - u[0];
      dx[c] += v[1] - u[1];
      const ly = u[0] - v[0];
      const lx = u[1] - v[1];
      length[c] += Math.sqrt(ly * ly + lx * lx);
    }
  }
  let perimeter = 0;
  let surface = 0;
  for (let iy = 0; iy < py - 1; iy++) {
    const yy = iy * sy;
    let o = iy * px;
    let left = mask[o] | (mask[o + px] << 3);
    for (let ix = 0; ix < px - 1; ix++, o++) {
      const right = (mask[o + 1] << 1) | (mask[o + 1 + px] << 2);
      const c = left | right;
      left = ((right >> 1) & 0x01) | ((right << 1) & 0x08);
      if (c === 0 || c === 15) continue;
      perimeter += length[c];
      surface += k0[c] + yy * dx[c] - ix * sx * dy[c];
    }
  }
  return { perimeter, surface: surface / 2 };
}
