/**
 * PyRadiomics 3.1 `shape2D` class (2-D shape features of one slice), re-implemented in TypeScript.
 *
 * The slice mask (the ROI's bounding box) is padded with one ring of zeros as PyRadiomics pads it;
 * the contour is built by marching squares (see marchingCubes.ts). Let A = MeshSurface,
 * P = Perimeter, N_p = number of ROI pixels and λ_minor ≤ λ_major the eigenvalues of the covariance
 * of the pixel centres' physical coordinates C = (1/N_p) Σ (c − c̄)(c − c̄)ᵀ, c = (y, x) · spacing
 * (values in (−1e-10, 0) set to 0, NaN for a feature using one below −1e-10, as in PyRadiomics).
 * MaximumDiameter is the all-pairs maximum over the contour vertices, computed exactly from their
 * convex hull (geometry.ts).
 */
import type { FeatureValues } from './types';
import { contourPerimeterAndArea } from './marchingCubes';
import {
  PlaneRowExtremes,
  maxSquaredDiameterWithinPlanes,
  planeHulls,
  symmetricEigenvalues,
} from './geometry';
import { axisLength, axisRatio, checkShapeInput, correctEigenvalues } from './shape';
import { MessageError } from '../util/message';

/**
 * The 9 features of PyRadiomics' `shape2D` class.
 *
 * - MeshSurface A = Σ_f (O a_f × O b_f) / 2 over the contour segments (signed triangles).
 * - PixelSurface = N_p · (s_x · s_y).
 * - Perimeter P = Σ_f ‖a_f − b_f‖.
 * - PerimeterSurfaceRatio = P / A.
 * - Sphericity = 2 √(π A) / P.
 * - MaximumDiameter = max ‖v_i − v_j‖ over all contour-vertex pairs.
 * - MajorAxisLength = 4 √λ_major, MinorAxisLength = 4 √λ_minor, Elongation = √(λ_minor / λ_major).
 * @param mask 0/1 over the ROI's bounding box, index y * nx + x
 * @param size (ny, nx)
 * @param spacing (y, x)
 * @throws Error for inconsistent sizes, non-positive spacing, values other than 0/1 or an empty ROI
 */
export function computeShape2D(
  mask: Uint8Array,
  size: [number, number],
  spacing: [number, number],
): FeatureValues {
  if (size.length !== 2 || spacing.length !== 2) {
    throw new MessageError('radiomics.shape.pairs', { fn: 'computeShape2D' });
  }
  const np = checkShapeInput('computeShape2D', mask, size, spacing);
  const [ny, nx] = size;
  const [sy, sx] = spacing;
  const py = ny + 2;
  const px = nx + 2;
  const padded = new Uint8Array(py * px);
  let s0 = 0;
  let s1 = 0;
  let s00 = 0;
  let s11 = 0;
  let s01 = 0;
  for (let y = 0; y < ny; y++) {
    const src = y * nx;
    const dst = (y + 1) * px + 1;
    for (let x = 0; x < nx; x++) {
      if (mask[src + x] === 0) continue;
      padded[dst + x] = 1;
      s0 += y;
      s1 += x;
      s00 += y * y;
      s11 += x * x;
      s01 += y * x;
    }
  }

  const { perimeter, surface } = contourPerimeterAndArea(padded, [py, px], [sy, sx]);

  // contour vertices: midpoints of the grid edges with a transition, half-pixel units (one plane)
  const plane = new PlaneRowExtremes(1, 2 * py - 1);
  for (let y = 0; y < py; y++) {
    const row = y * px;
    for (let x = 0; x < px; x++) {
      const v = padded[row + x];
      if (x + 1 < px && padded[row + x + 1] !== v) plane.add(0, 2 * y, 2 * x + 1);
      if (y + 1 < py && padded[row + x + px] !== v) plane.add(0, 2 * y + 1, 2 * x);
    }
  }
  const diameter = Math.sqrt(maxSquaredDiameterWithinPlanes(planeHulls(plane), sy, sx));

  /** Covariance entry s_a·s_b·(Σ c_i c_j − Σ c_i Σ c_j / N) / N of the physical coordinates. */
  const cov = (sij: number, si: number, sj: number, a: number, b: number): number =>
    ((sij - (si * sj) / np) / np) * a * b;
  const c00 = cov(s00, s0, s0, sy, sy);
  const c11 = cov(s11, s1, s1, sx, sx);
  const c01 = cov(s01, s0, s1, sy, sx);
  const [minor, major] = correctEigenvalues(symmetricEigenvalues([c00, c01, c01, c11], 2));

  return {
    Elongation: axisRatio(minor, major),
    MajorAxisLength: axisLength(major),
    MaximumDiameter: diameter,
    MeshSurface: surface,
    MinorAxisLength: axisLength(minor),
    Perimeter: perimeter,
    PerimeterSurfaceRatio: perimeter / surface,
    PixelSurface: np * (sx * sy),
    Sphericity: (2 * Math.sqrt(Math.PI * surface)) / perimeter,
  };
}
