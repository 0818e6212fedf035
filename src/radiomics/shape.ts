/**
 * PyRadiomics 3.1 `shape` class (3-D shape features), re-implemented in TypeScript.
 *
 * The mask (the ROI's bounding box) is padded with one layer of zeros on every side, as PyRadiomics
 * pads it; the mesh is built by marching cubes on the padded grid (see marchingCubes.ts). Let
 * V = MeshVolume, A = SurfaceArea, N_v = number of ROI voxels and λ_least ≤ λ_minor ≤ λ_major the
 * eigenvalues of the covariance of the ROI voxel centres' physical coordinates:
 * C = (1/N_v) Σ (c − c̄)(c − c̄)ᵀ, c = (z, y, x) · spacing. Eigenvalues in (−1e-10, 0) are set to 0;
 * a feature depending on an eigenvalue below −1e-10 is NaN (both as in PyRadiomics).
 *
 * The diameters are PyRadiomics' all-pairs maxima over the mesh vertices (the midpoints of the
 * grid edges joining an ROI voxel and a background voxel), computed exactly through convex hulls of
 * each lattice plane of vertices (geometry.ts) instead of O(V²) pairs.
 */
import type { FeatureValues, Vec3 } from './types';
import { marchCubes } from './marchingCubes';
import {
  maxSquaredDiameterAcrossPlanes,
  maxSquaredDiameterWithinPlanes,
  planeHulls,
  symmetricEigenvalues,
} from './geometry';
import { MessageError } from '../util/message';

/**
 * Checks the common arguments of the shape classes.
 * @throws Error naming the problem (sizes, spacing, mask length or values, empty ROI)
 */
export function checkShapeInput(
  fn: string,
  mask: Uint8Array,
  size: readonly number[],
  spacing: readonly number[],
): number {
  if (!(mask instanceof Uint8Array)) throw new MessageError('radiomics.shape.maskType', { fn });
  let count = 1;
  for (const n of size) {
    if (!Number.isInteger(n) || n < 1) {
      throw new MessageError('radiomics.shape.size', { fn, size: size.join(', ') });
    }
    count *= n;
  }
  for (const s of spacing) {
    if (!Number.isFinite(s) || s <= 0) {
      throw new MessageError('radiomics.shape.spacing', { fn, spacing: spacing.join(', ') });
    }
  }
  if (mask.length !== count) {
    throw new MessageError('radiomics.shape.length', {
      fn,
      length: mask.length,
      size: size.join(', '),
      count,
    });
  }
  let np = 0;
  for (let i = 0; i < mask.length; i++) {
    const v = mask[i];
    if (v > 1) throw new MessageError('radiomics.shape.notBinary', { fn, value: v, index: i });
    np += v;
  }
  if (np === 0) throw new MessageError('radiomics.shape.empty', { fn });
  return np;
}

/** PyRadiomics' eigenvalue correction: values in (−1e-10, 0) become 0. */
export function correctEigenvalues(values: Float64Array): Float64Array {
  for (let i = 0; i < values.length; i++) if (values[i] < 0 && values[i] > -1e-10) values[i] = 0;
  return values;
}

/** 4·√λ, or NaN for a negative eigenvalue (PyRadiomics' axis length). */
export function axisLength(lambda: number): number {
  return lambda < 0 ? NaN : Math.sqrt(lambda) * 4;
}

/** √(λ_small / λ_large), or NaN when either is negative (PyRadiomics' Elongation / Flatness). */
export function axisRatio(small: number, large: number): number {
  return small < 0 || large < 0 ? NaN : Math.sqrt(small / large);
}

/**
 * The 14 features of PyRadiomics' 3-D `shape` class.
 *
 * - MeshVolume V = Σ_f (O a_f · (O b_f × O c_f)) / 6 over the mesh triangles (signed tetrahedra).
 * - VoxelVolume = N_v · (s_z · s_x · s_y).
 * - SurfaceArea A = Σ_f |a_f b_f × a_f c_f| / 2.
 * - SurfaceVolumeRatio = A / V.
 * - Sphericity = (36 π V²)^(1/3) / A.
 * - Maximum3DDiameter = max ‖v_i − v_j‖ over all mesh-vertex pairs.
 * - Maximum2DDiameterSlice / Column / Row = the same maximum over the pairs with equal z / y / x
 *   coordinate (same axial / coronal / sagittal plane of the padded grid, half-voxel planes included).
 * - MajorAxisLength = 4 √λ_major, MinorAxisLength = 4 √λ_minor, LeastAxisLength = 4 √λ_least.
 * - Elongation = √(λ_minor / λ_major), Flatness = √(λ_least / λ_major).
 * @param mask 0/1 over the ROI's bounding box, index (z * ny + y) * nx + x
 * @param size (nz, ny, nx)
 * @param spacing (z, y, x)
 * @throws Error for inconsistent sizes, non-positive spacing, values other than 0/1 or an empty ROI
 */
export function computeShape(mask: Uint8Array, size: Vec3, spacing: Vec3): FeatureValues {
  const np = checkShapeInput('computeShape', mask, size, spacing);
  const [nz, ny, nx] = size;
  const [sz, sy, sx] = spacing;
  const pz = nz + 2;
  const py = ny + 2;
  const px = nx + 2;
  const slice = py * px;
  const padded = new Uint8Array(pz * slice);

  // pad and accumulate the coordinate moments (exact integer sums, bounding-box coordinates)
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s00 = 0;
  let s11 = 0;
  let s22 = 0;
  let s01 = 0;
  let s02 = 0;
  let s12 = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const src = (z * ny + y) * nx;
      const dst = (z + 1) * slice + (y + 1) * px + 1;
      for (let x = 0; x < nx; x++) {
        if (mask[src + x] === 0) continue;
        padded[dst + x] = 1;
        s0 += z;
        s1 += y;
        s2 += x;
        s00 += z * z;
        s11 += y * y;
        s22 += x * x;
        s01 += z * y;
        s02 += z * x;
        s12 += y * x;
      }
    }
  }

  const { surfaceArea, volume, zPlanes, yPlanes, xPlanes } = marchCubes(padded, [pz, py, px], [sz, sy, sx]);

  const zHulls = planeHulls(zPlanes);
  const diameterSlice = Math.sqrt(maxSquaredDiameterWithinPlanes(zHulls, sy, sx));
  const diameterColumn = Math.sqrt(maxSquaredDiameterWithinPlanes(planeHulls(yPlanes), sz, sx));
  const diameterRow = Math.sqrt(maxSquaredDiameterWithinPlanes(planeHulls(xPlanes), sz, sy));
  const diameter3D = Math.sqrt(maxSquaredDiameterAcrossPlanes(zHulls, sz, sy, sx));

  /** Covariance entry s_a·s_b·(Σ c_i c_j − Σ c_i Σ c_j / N) / N of the physical coordinates. */
  const cov = (sij: number, si: number, sj: number, a: number, b: number): number =>
    ((sij - (si * sj) / np) / np) * a * b;
  const c00 = cov(s00, s0, s0, sz, sz);
  const c11 = cov(s11, s1, s1, sy, sy);
  const c22 = cov(s22, s2, s2, sx, sx);
  const c01 = cov(s01, s0, s1, sz, sy);
  const c02 = cov(s02, s0, s2, sz, sx);
  const c12 = cov(s12, s1, s2, sy, sx);
  const [least, minor, major] = correctEigenvalues(
    symmetricEigenvalues([c00, c01, c02, c01, c11, c12, c02, c12, c22], 3),
  );

  return {
    Elongation: axisRatio(minor, major),
    Flatness: axisRatio(least, major),
    LeastAxisLength: axisLength(least),
    MajorAxisLength: axisLength(major),
    Maximum2DDiameterColumn: diameterColumn,
    Maximum2DDiameterRow: diameterRow,
    Maximum2DDiameterSlice: diameterSlice,
    Maximum3DDiameter: diameter3D,
    MeshVolume: volume,
    MinorAxisLength: axisLength(minor),
    Sphericity: Math.pow(36 * Math.PI * volume * volume, 1 / 3) / surfaceArea,
    SurfaceArea: surfaceArea,
    SurfaceVolumeRatio: surfaceArea / volume,
    VoxelVolume: np * (sz * sx * sy),
  };
}
