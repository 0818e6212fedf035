/**
 * Exactness of the shape classes' geometry: hull-based diameters against PyRadiomics' all-pairs
 * search over the mesh vertices (property test), closed-form meshes, mesh closedness of the generated
 * marching-cubes table, eigenvalues, input validation and speed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cubeTriangleTable, SQUARE_LINES } from '../../../src/radiomics/marchingCubes';
import { symmetricEigenvalues } from '../../../src/radiomics/geometry';
import { computeShape } from '../../../src/radiomics/shape';
import { computeShape2D } from '../../../src/radiomics/shape2D';
import type { Vec3 } from '../../../src/radiomics/types';
import { thrownMessage } from '../../fixtures/thrownMessage';

/** Pads a (z, y, x) mask with one layer of zeros on every side. */
function pad3(mask: Uint8Array, [nz, ny, nx]: Vec3): Uint8Array {
  const out = new Uint8Array((nz + 2) * (ny + 2) * (nx + 2));
  for (let z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++)
        out[((z + 1) * (ny + 2) + y + 1) * (nx + 2) + x + 1] = mask[(z * ny + y) * nx + x];
  return out;
}

/** Whether some axis-aligned 2×2 window of the padded grid holds exactly two diagonal set voxels. */
function hasAmbiguousFace(m: Uint8Array, [pz, py, px]: Vec3): boolean {
  /** The voxel (z, y, x). */
  const at = (z: number, y: number, x: number): number => m[(z * py + y) * px + x];
  const steps: [Vec3, Vec3][] = [
    [
      [0, 1, 0],
      [0, 0, 1],
    ],
    [
      [1, 0, 0],
      [0, 0, 1],
    ],
    [
      [1, 0, 0],
      [0, 1, 0],
    ],
  ];
  for (let z = 0; z < pz; z++)
    for (let y = 0; y < py; y++)
      for (let x = 0; x < px; x++)
        for (const [u, v] of steps) {
          if (z + u[0] + v[0] >= pz || y + u[1] + v[1] >= py || x + u[2] + v[2] >= px) continue;
          const a = at(z, y, x);
          const b = at(z + u[0], y + u[1], x + u[2]);
          const c = at(z + v[0], y + v[1], x + v[2]);
          const d = at(z + u[0] + v[0], y + u[1] + v[1], x + u[2] + v[2]);
          if (a === d && b === c && a !== b) return true;
        }
  return false;
}

/**
 * PyRadiomics' diameter search, literally: per cube store the vertices on edges 6, 7 and 11 when
 * corners 6, 4 and 3 of the (flipped) configuration are set, then compare all vertex pairs.
 * Returns [slice, column, row, 3-D].
 */
function bruteForceDiameters(mask: Uint8Array, size: Vec3, spacing: Vec3): number[] {
  const [pz, py, px] = [size[0] + 2, size[1] + 2, size[2] + 2];
  const m = pad3(mask, size);
  const corner = [
    [0, 0, 0],
    [0, 0, 1],
    [0, 1, 1],
    [0, 1, 0],
    [1, 0, 0],
    [1, 0, 1],
    [1, 1, 1],
    [1, 1, 0],
  ];
  const stored: [number, [number, number, number]][] = [
    [6, [1, 1, 0.5]],
    [4, [1, 0.5, 0]],
    [3, [0.5, 1, 0]],
  ];
  const pts: number[][] = [];
  for (let iz = 0; iz < pz - 1; iz++)
    for (let iy = 0; iy < py - 1; iy++)
      for (let ix = 0; ix < px - 1; ix++) {
        let c = 0;
        corner.forEach(([dz, dy, dx], k) => {
          if (m[((iz + dz) * py + iy + dy) * px + ix + dx]) c |= 1 << k;
        });
        if (c & 0x80) c ^= 0xff;
        for (const [bit, v] of stored)
          if (c & (1 << bit))
            pts.push([(iz + v[0]) * spacing[0], (iy + v[1]) * spacing[1], (ix + v[2]) * spacing[2]]);
      }
  const d = [0, 0, 0, 0];
  for (let i = 0; i < pts.length; i++)
    for (let j = 0; j < i; j++) {
      const a = pts[i];
      const b = pts[j];
      const dist = (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;
      if (a[0] === b[0] && dist > d[0]) d[0] = dist;
      if (a[1] === b[1] && dist > d[1]) d[1] = dist;
      if (a[2] === b[2] && dist > d[2]) d[2] = dist;
      if (dist > d[3]) d[3] = dist;
    }
  return d.map(Math.sqrt);
}

/** Arbitrary small 3-D mask with at least one ROI voxel, and a spacing. */
const maskArb = fc
  .record({
    nz: fc.integer({ min: 1, max: 4 }),
    ny: fc.integer({ min: 1, max: 6 }),
    nx: fc.integer({ min: 1, max: 6 }),
    density: fc.double({ min: 0.1, max: 0.95, noNaN: true }),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
    spacing: fc.tuple(
      fc.double({ min: 0.2, max: 7, noNaN: true }),
      fc.double({ min: 0.2, max: 7, noNaN: true }),
      fc.double({ min: 0.2, max: 7, noNaN: true }),
    ),
  })
  .map(({ nz, ny, nx, density, seed, spacing }) => {
    const mask = new Uint8Array(nz * ny * nx);
    let s = seed;
    for (let i = 0; i < mask.length; i++) {
      s = (s * 1103515245 + 12345) % 2147483648;
      mask[i] = s / 2147483648 < density ? 1 : 0;
    }
    mask[seed % mask.length] = 1;
    return { mask, size: [nz, ny, nx] as Vec3, spacing: spacing as Vec3 };
  });

describe('hull-based diameters', () => {
  it('equal the all-pairs maxima over the mesh vertices on random masks (3-D and 2-D)', () => {
    fc.assert(
      fc.property(maskArb, ({ mask, size, spacing }) => {
        const f = computeShape(mask, size, spacing);
        const [slice, column, row, max3d] = bruteForceDiameters(mask, size, spacing);
        expect(f.Maximum2DDiameterSlice).toBe(slice);
        expect(f.Maximum2DDiameterColumn).toBe(column);
        expect(f.Maximum2DDiameterRow).toBe(row);
        expect(f.Maximum3DDiameter).toBe(max3d);
        if (size[0] === 1) {
          const g = computeShape2D(mask, [size[1], size[2]], [spacing[1], spacing[2]]);
          expect(g.MaximumDiameter).toBe(slice);
        }
      }),
      { numRuns: 300, seed: 20261125 },
    );
  });

  it('equal the all-pairs maximum on large random one-slice masks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 30 }),
        fc.integer({ min: 10, max: 40 }),
        fc.integer({ min: 10, max: 40 }),
        (seed, ny, nx) => {
          const mask = new Uint8Array(ny * nx);
          let s = seed;
          for (let i = 0; i < mask.length; i++) {
            s = (s * 1103515245 + 12345) % 2147483648;
            mask[i] = s / 2147483648 < 0.3 ? 1 : 0;
          }
          mask[0] = 1;
          const size: Vec3 = [1, ny, nx];
          const spacing: Vec3 = [1, 0.7, 1.3];
          const f = computeShape(mask, size, spacing);
          const [slice, column, row, max3d] = bruteForceDiameters(mask, size, spacing);
          expect([f.Maximum2DDiameterSlice, f.Maximum2DDiameterColumn, f.Maximum2DDiameterRow]).toEqual([
            slice,
            column,
            row,
          ]);
          expect(f.Maximum3DDiameter).toBe(max3d);
        },
      ),
      { numRuns: 25, seed: 7 },
    );
  });
});

describe('marching cubes / squares', () => {
  it('gives a single voxel the octahedron of its six face centres', () => {
    const [sz, sy, sx] = [2, 3, 5];
    const f = computeShape(Uint8Array.of(1), [1, 1, 1], [sz, sy, sx]);
    const [a, b, c] = [sz / 2, sy / 2, sx / 2];
    expect(f.MeshVolume).toBeCloseTo((sz * sy * sx) / 6, 12);
    expect(f.SurfaceArea).toBeCloseTo(8 * 0.5 * Math.sqrt(b * b * c * c + a * a * c * c + a * a * b * b), 12);
    expect(f.VoxelVolume).toBe(30);
    expect(f.Maximum3DDiameter).toBe(5);
    expect(f.Maximum2DDiameterSlice).toBe(5);
    expect(f.Maximum2DDiameterColumn).toBe(5);
    expect(f.Maximum2DDiameterRow).toBe(3);
    expect(f.MajorAxisLength).toBe(0);
    expect(f.Elongation).toBeNaN(); // √(0/0), as PyRadiomics
  });

  it('gives a single pixel the diamond of its four edge midpoints', () => {
    const g = computeShape2D(Uint8Array.of(1), [1, 1], [3, 4]);
    expect(g.MeshSurface).toBeCloseTo(6, 12);
    expect(g.Perimeter).toBeCloseTo(4 * Math.hypot(1.5, 2), 12);
    expect(g.MaximumDiameter).toBe(4);
    expect(g.PixelSurface).toBe(12);
  });

  it('gives a 2×2×2 block the box [0.5, 2.5]³ with bevelled edges and corners', () => {
    const f = computeShape(new Uint8Array(8).fill(1), [2, 2, 2], [1, 1, 1]);
    // faces: 6 unit squares at distance 1 from the centre, 12 strips √½ × 1 at distance 1.5/√2,
    // 8 equilateral corner triangles (side √½) at distance 2/√3; V = (1/3) Σ distance · area
    expect(f.SurfaceArea).toBeCloseTo(6 + 6 * Math.SQRT2 + Math.sqrt(3), 12);
    expect(f.MeshVolume).toBeCloseTo(17 / 3, 12);
    expect(f.VoxelVolume).toBe(8);
    expect(f.Maximum3DDiameter).toBe(Math.sqrt(6));
    expect(f.Maximum2DDiameterSlice).toBe(Math.sqrt(5));
    expect(f.Maximum2DDiameterColumn).toBe(Math.sqrt(5));
    expect(f.Maximum2DDiameterRow).toBe(Math.sqrt(5));
    expect(f.Sphericity).toBeCloseTo(Math.pow(36 * Math.PI * (17 / 3) ** 2, 1 / 3) / f.SurfaceArea, 14);
  });

  it('gives every one of the 128 configurations PyRadiomics 3.1 triangle areas and volumes', () => {
    // Only 63 of the 128 configurations occur in the conformance data, so the whole generated table is
    // pinned by weighted checksums Σ_c (c + 1)·A_c and Σ_c (c + 1)·V_c, where A_c is the triangle area
    // and V_c the signed origin-tetrahedron volume of configuration c in a cube at (3, 5, 7). The
    // expected values were computed from the triTable/vertList of PyRadiomics 3.1's cshape.c; any other
    // fan of a non-planar polygon or a flipped triangle changes them by far more than the tolerance.
    const corner = [
      [0, 0, 0],
      [0, 0, 1],
      [0, 1, 1],
      [0, 1, 0],
      [1, 0, 0],
      [1, 0, 1],
      [1, 1, 1],
      [1, 1, 0],
    ];
    const edgeCorners = [
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
    /** Weighted area and volume checksums of the generated table at a spacing (z, y, x). */
    const checksums = (sp: number[]): [number, number] => {
      const { start, edges } = cubeTriangleTable();
      let area = 0;
      let volume = 0;
      for (let c = 0; c < 128; c++) {
        for (let t = start[c]; t < start[c + 1]; t += 3) {
          const [a, b, d] = [edges[t], edges[t + 1], edges[t + 2]].map((e) =>
            [0, 1, 2].map(
              (k) =>
                ((corner[edgeCorners[e][0]][k] + corner[edgeCorners[e][1]][k]) / 2 + [3, 5, 7][k]) * sp[k],
            ),
          );
          const ab = [a[1] * b[2] - b[1] * a[2], a[2] * b[0] - b[2] * a[0], a[0] * b[1] - b[0] * a[1]];
          volume += ((c + 1) * (ab[0] * d[0] + ab[1] * d[1] + ab[2] * d[2])) / 6;
          const u = [0, 1, 2].map((k) => a[k] - d[k]);
          const v = [0, 1, 2].map((k) => b[k] - d[k]);
          const x = [u[1] * v[2] - v[1] * u[2], u[2] * v[0] - v[2] * u[0], u[0] * v[1] - v[0] * u[1]];
          area += (c + 1) * 0.5 * Math.hypot(x[0], x[1], x[2]);
        }
      }
      return [area, volume];
    };
    const [a1, v1] = checksums([1, 1, 1]);
    expect(a1).toBeCloseTo(9698.30293904477, 8);
    expect(v1).toBeCloseTo(-3026.0833333333335, 8);
    const [a2, v2] = checksums([0.7, 2.2, 1.3]);
    expect(a2).toBeCloseTo(18240.807442968617, 8);
    expect(v2).toBeCloseTo(-6058.218833333326, 8);
    expect(cubeTriangleTable().start[128]).toBe(3 * 396);
  });

  it('builds consistently oriented triangle meshes, closed without ambiguous faces', () => {
    let closedRuns = 0;
    fc.assert(
      fc.property(maskArb, ({ mask, size }) => {
        const [pz, py, px] = [size[0] + 2, size[1] + 2, size[2] + 2];
        const m = pad3(mask, size);
        const corners = [0, 1, px + 1, px, py * px, py * px + 1, py * px + px + 1, py * px + px];
        const edgeHalf = [
          [0, 0, 1],
          [0, 1, 2],
          [0, 2, 1],
          [0, 1, 0],
          [2, 0, 1],
          [2, 1, 2],
          [2, 2, 1],
          [2, 1, 0],
          [1, 0, 0],
          [1, 0, 2],
          [1, 2, 2],
          [1, 2, 0],
        ];
        const directed = new Map<string, number>();
        for (let iz = 0; iz < pz - 1; iz++)
          for (let iy = 0; iy < py - 1; iy++)
            for (let ix = 0; ix < px - 1; ix++) {
              const o = (iz * py + iy) * px + ix;
              let c = 0;
              corners.forEach((d, k) => {
                if (m[o + d]) c |= 1 << k;
              });
              let flip = false;
              if (c & 0x80) {
                c ^= 0xff;
                flip = true;
              }
              const { start, edges } = cubeTriangleTable();
              for (let t = start[c]; t < start[c + 1]; t += 3) {
                const v = [edges[t], edges[t + 1], edges[t + 2]].map((e) => {
                  const h = edgeHalf[e];
                  return `${2 * iz + h[0]},${2 * iy + h[1]},${2 * ix + h[2]}`;
                });
                if (flip) v.reverse();
                for (let k = 0; k < 3; k++) {
                  const key = `${v[k]}>${v[(k + 1) % 3]}`;
                  directed.set(key, (directed.get(key) ?? 0) + 1);
                }
              }
            }
        // PyRadiomics evaluates a configuration with corner 7 set as its complement, so an ambiguous
        // face (diagonal corners set) may be cut differently by the two cubes sharing it: the mesh is
        // closed only without such faces. It is always consistently oriented.
        const closed = !hasAmbiguousFace(m, [pz, py, px]);
        if (closed) closedRuns++;
        for (const [key, count] of directed) {
          const [a, b] = key.split('>');
          expect(count, key).toBe(1);
          if (closed) expect(directed.get(`${b}>${a}`), key).toBe(1);
        }
      }),
      { numRuns: 150, seed: 11 },
    );
    expect(closedRuns).toBeGreaterThan(10);
  });

  it('cuts set corners of the marching squares separately, oriented like PyRadiomics', () => {
    const { start, edges } = SQUARE_LINES;
    /** The segment edges of configuration c. */
    const lines = (c: number): number[] => Array.from(edges.slice(start[c], start[c + 1]));
    expect(lines(0)).toEqual([]);
    expect(lines(15)).toEqual([]);
    expect(lines(1)).toEqual([3, 0]);
    expect(lines(7)).toEqual([3, 2]);
    expect(lines(5)).toEqual([3, 0, 1, 2]);
    expect(lines(10)).toEqual([0, 1, 2, 3]);
  });
});

describe('eigenvalues', () => {
  it('matches a known spectrum and keeps exact zeros of a singular covariance', () => {
    const ev = symmetricEigenvalues([4, 1, 0, 1, 3, 0, 0, 0, 0], 3);
    expect(ev[0]).toBe(0);
    expect(ev[1]).toBeCloseTo((7 - Math.sqrt(5)) / 2, 14);
    expect(ev[2]).toBeCloseTo((7 + Math.sqrt(5)) / 2, 14);
    const full = symmetricEigenvalues([2, -1, 0, -1, 2, -1, 0, -1, 2], 3);
    expect(Array.from(full).map((v) => Number(v.toFixed(12)))).toEqual([
      Number((2 - Math.SQRT2).toFixed(12)),
      2,
      Number((2 + Math.SQRT2).toFixed(12)),
    ]);
  });
});

describe('input validation', () => {
  it('rejects inconsistent or meaningless input with specific messages', () => {
    expect(thrownMessage(() => computeShape(new Uint8Array(5), [1, 2, 3], [1, 1, 1]))).toEqual({
      code: 'radiomics.shape.length',
      params: { fn: 'computeShape', length: 5, size: '1, 2, 3', count: 6 },
    });
    expect(thrownMessage(() => computeShape(new Uint8Array(6), [1, 2, 3], [1, 0, 1]))).toEqual({
      code: 'radiomics.shape.spacing',
      params: { fn: 'computeShape', spacing: '1, 0, 1' },
    });
    expect(thrownMessage(() => computeShape(new Uint8Array(0), [0, 2, 3], [1, 1, 1])).code).toBe(
      'radiomics.shape.size',
    );
    expect(thrownMessage(() => computeShape(new Uint8Array(6), [1, 2, 3], [1, 1, 1])).code).toBe(
      'radiomics.shape.empty',
    );
    expect(thrownMessage(() => computeShape(Uint8Array.of(0, 255), [1, 1, 2], [1, 1, 1]))).toEqual({
      code: 'radiomics.shape.notBinary',
      params: { fn: 'computeShape', value: 255, index: 1 },
    });
    expect(thrownMessage(() => computeShape2D(new Uint8Array(4), [2, 2], [1, Number.NaN]))).toMatchObject({
      code: 'radiomics.shape.spacing',
      params: { fn: 'computeShape2D' },
    });
    expect(thrownMessage(() => computeShape2D([1] as unknown as Uint8Array, [1, 1], [1, 1]))).toEqual({
      code: 'radiomics.shape.maskType',
      params: { fn: 'computeShape2D' },
    });
  });
});
