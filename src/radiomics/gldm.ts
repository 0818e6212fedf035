/**
 * Grey Level Dependence Matrix (GLDM) class of the PyRadiomics-compatible engine. Pure TypeScript,
 * no DOM.
 *
 * Semantics follow PyRadiomics 3.1 (`radiomics/gldm.py`, `calculate_gldm` in `src/cmatrices.c`):
 * - The neighbourhood is every angle of `input.angles` in both directions (from the `distances`
 *   setting). A neighbour counts only if it lies inside the bounding box and in the ROI.
 * - A neighbour with grey level j is dependent on a centre voxel with grey level i when
 *   |i − j| ≤ α (`gldm_a`, an integer: PyRadiomics passes it to C as `int`).
 * - P(i, d+1) counts the ROI voxels of grey level i with d dependent neighbours; rows of absent grey
 *   levels and columns of absent dependence counts are removed, so i runs over `grayLevels` (bin
 *   indices) and j = d + 1 over the dependence sizes present.
 * - N_z = N_p (every ROI voxel has exactly one dependence zone).
 */

import { bidirectionalOffsets, checkTextureInput, jointSums, padLevels } from './glszm';
import type { FeatureValues, TextureInput } from './types';
import { MessageError } from '../util/message';

/** The GLDM with empty grey-level rows and empty dependence columns removed. */
export interface GldmMatrix {
  /** Row-major counts P(i, j), `rows` x `cols`. */
  P: Float64Array;
  rows: number;
  cols: number;
  /** Grey level (bin index) of each row (PyRadiomics `ivector` = grayLevels). */
  ivector: Float64Array;
  /** Dependence size j = (number of dependent neighbours) + 1 of each column. */
  jvector: Float64Array;
}

/**
 * Builds the GLDM: for every ROI voxel counts the neighbours (both directions of each angle, inside
 * the bounding box and the ROI) whose grey level differs by at most α = `settings.gldm_a`.
 * `row` maps a grey level to its row (from {@link checkTextureInput}).
 *
 * Throws an Error when `gldm_a` is not an integer.
 */
export function buildGldm(input: TextureInput, row: Int32Array): GldmMatrix {
  const alpha = input.settings?.gldm_a;
  if (typeof alpha !== 'number' || !Number.isInteger(alpha)) {
    throw new MessageError('radiomics.texture.gldmAlpha', { value: String(alpha) });
  }
  const { grayLevels } = input;
  const [nz, ny, nx] = input.size;
  const { data: lab, pad, paddedSize, steps } = padLevels(input, bidirectionalOffsets(input, 'GLDM'));
  const [, py, px] = paddedSize;
  const nOff = steps.length;
  const rows = grayLevels.length;
  const width = nOff + 1; // dependence counts 0..nOff
  const full = new Float64Array(rows * width);

  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let k = ((z + pad[0]) * py + y + pad[1]) * px + pad[2];
      for (let x = 0; x < nx; x++, k++) {
        const gl = lab[k];
        if (gl === 0) continue;
        let dep = 0;
        for (let o = 0; o < nOff; o++) {
          const nb = lab[k + steps[o]];
          const diff = gl - nb;
          if (nb !== 0 && diff <= alpha && diff >= -alpha) dep++;
        }
        full[row[gl] * width + dep]++;
      }
    }
  }

  // Remove dependence columns that do not occur.
  const colOf = new Int32Array(width).fill(-1);
  let cols = 0;
  for (let d = 0; d < width; d++) {
    let sum = 0;
    for (let r = 0; r < rows; r++) sum += full[r * width + d];
    if (sum > 0) colOf[d] = cols++;
  }
  const P = new Float64Array(rows * cols);
  const jvector = new Float64Array(cols);
  for (let d = 0; d < width; d++) {
    const c = colOf[d];
    if (c < 0) continue;
    jvector[c] = d + 1;
    for (let r = 0; r < rows; r++) P[r * cols + c] = full[r * width + d];
  }
  return { P, rows, cols, ivector: Float64Array.from(grayLevels), jvector };
}

/**
 * Computes the 14 PyRadiomics GLDM features. With N_z = N_p, p(i,j) = P(i,j)/N_z,
 * p_g(i) = Σ_j P(i,j), p_d(j) = Σ_i P(i,j), i the grey level and j the dependence size:
 */
export function computeGldm(input: TextureInput): FeatureValues {
  const row = checkTextureInput(input, 'GLDM');
  const { P, rows, cols, ivector, jvector } = buildGldm(input, row);
  const Nz = input.Np;

  const pg = new Float64Array(rows);
  const pd = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = P[r * cols + c];
      pg[r] += v;
      pd[c] += v;
    }
  }

  const {
    small: sde,
    large: lde,
    jNonUniformity: dn,
    gln,
    lowGrey: lgle,
    highGrey: hgle,
    smallLow: sdlgle,
    smallHigh: sdhgle,
    largeLow: ldlgle,
    largeHigh: ldhgle,
    entropy: de,
    greyVariance: glv,
    jVariance: dv,
  } = jointSums({ P, rows, cols, ivector, jvector, pg, pj: pd, Nz }, 'ji');

  return {
    /** DE = −Σ_i Σ_j p(i,j) log2(p(i,j) + ε), ε = numpy.spacing(1) */
    DependenceEntropy: -de,
    /** DN = Σ_j (Σ_i P(i,j))² / N_z */
    DependenceNonUniformity: dn / Nz,
    /** DNN = Σ_j (Σ_i P(i,j))² / N_z² */
    DependenceNonUniformityNormalized: dn / (Nz * Nz),
    /** DV = Σ_i Σ_j p(i,j) (j − μ)², μ = Σ_i Σ_j p(i,j) j */
    DependenceVariance: dv,
    /** GLN = Σ_i (Σ_j P(i,j))² / N_z */
    GrayLevelNonUniformity: gln / Nz,
    /** GLV = Σ_i Σ_j p(i,j) (i − μ)², μ = Σ_i Σ_j p(i,j) i */
    GrayLevelVariance: glv,
    /** HGLE = Σ_i Σ_j P(i,j) i² / N_z */
    HighGrayLevelEmphasis: hgle / Nz,
    /** LDE = Σ_i Σ_j P(i,j) j² / N_z */
    LargeDependenceEmphasis: lde / Nz,
    /** LDHGLE = Σ_i Σ_j P(i,j) i² j² / N_z */
    LargeDependenceHighGrayLevelEmphasis: ldhgle / Nz,
    /** LDLGLE = Σ_i Σ_j P(i,j) j² / i² / N_z */
    LargeDependenceLowGrayLevelEmphasis: ldlgle / Nz,
    /** LGLE = Σ_i Σ_j P(i,j) / i² / N_z */
    LowGrayLevelEmphasis: lgle / Nz,
    /** SDE = Σ_i Σ_j P(i,j) / j² / N_z */
    SmallDependenceEmphasis: sde / Nz,
    /** SDHGLE = Σ_i Σ_j P(i,j) i² / j² / N_z */
    SmallDependenceHighGrayLevelEmphasis: sdhgle / Nz,
    /** SDLGLE = Σ_i Σ_j P(i,j) / (i² j²) / N_z */
    SmallDependenceLowGrayLevelEmphasis: sdlgle / Nz,
  };
}
