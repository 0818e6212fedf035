/**
 * Neighbouring Grey Tone Difference Matrix (NGTDM) class of the PyRadiomics-compatible engine. Pure
 * TypeScript, no DOM.
 *
 * Semantics follow PyRadiomics 3.1 (`radiomics/ngtdm.py`, `calculate_ngtdm` in `src/cmatrices.c`):
 * - The neighbourhood is every angle of `input.angles` in both directions. Neighbours outside the
 *   bounding box or outside the ROI are ignored; Ā is the mean grey level of the remaining ones.
 * - For each ROI voxel of grey level i: n_i += 1 and s_i += |i − Ā|; a voxel without any ROI
 *   neighbour adds 0 to s_i but still counts in n_i (so N_vp = Σ n_i = N_p).
 * - Rows of grey levels absent from the ROI are removed; i runs over the bin indices present.
 */

import { bidirectionalOffsets, checkTextureInput, padLevels } from './glszm';
import type { FeatureValues, TextureInput } from './types';

/** The NGTDM restricted to the grey levels present in the ROI. */
export interface NgtdmMatrix {
  /** Grey level (bin index) i of each row. */
  ivector: Float64Array;
  /** n_i: number of ROI voxels with grey level i. */
  n: Float64Array;
  /** s_i: sum over those voxels of |i − Ā|. */
  s: Float64Array;
}

/**
 * Builds the NGTDM columns n_i and s_i, scanning the bounding box in memory order (the order in
 * which PyRadiomics' C code accumulates s_i). `row` maps a grey level to its row (from
 * {@link checkTextureInput}).
 */
export function buildNgtdm(input: TextureInput, row: Int32Array): NgtdmMatrix {
  const { grayLevels } = input;
  const [nz, ny, nx] = input.size;
  const { data: lab, pad, paddedSize, steps } = padLevels(input, bidirectionalOffsets(input, 'NGTDM'));
  const [, py, px] = paddedSize;
  const nOff = steps.length;
  const rows = grayLevels.length;
  const n = new Float64Array(rows);
  const s = new Float64Array(rows);

  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let k = ((z + pad[0]) * py + y + pad[1]) * px + pad[2];
      for (let x = 0; x < nx; x++, k++) {
        const gl = lab[k];
        if (gl === 0) continue;
        let count = 0;
        let sum = 0;
        for (let o = 0; o < nOff; o++) {
          const nb = lab[k + steps[o]];
          if (nb !== 0) {
            count++;
            sum += nb;
          }
        }
        const r = row[gl];
        n[r]++;
        if (count > 0) s[r] += Math.abs(gl - sum / count);
      }
    }
  }
  return { ivector: Float64Array.from(grayLevels), n, s };
}

/**
 * Computes the 5 PyRadiomics NGTDM features. With N_vp = Σ n_i, p_i = n_i / N_vp, N_gp the number of
 * grey levels present and all sums over those levels:
 */
export function computeNgtdm(input: TextureInput): FeatureValues {
  const row = checkTextureInput(input, 'NGTDM');
  const { ivector, n, s } = buildNgtdm(input, row);
  const Ngp = ivector.length;

  let Nvp = 0;
  for (let r = 0; r < Ngp; r++) Nvp += n[r];
  const p = new Float64Array(Ngp);
  const ip = new Float64Array(Ngp);
  const ps = new Float64Array(Ngp);
  let sumPs = 0;
  let sumS = 0;
  for (let r = 0; r < Ngp; r++) {
    p[r] = n[r] / Nvp;
    ip[r] = ivector[r] * p[r];
    ps[r] = p[r] * s[r];
    sumPs += ps[r];
    sumS += s[r];
  }

  let contrastSum = 0;
  let absdiff = 0;
  let complexity = 0;
  let strengthSum = 0;
  for (let a = 0; a < Ngp; a++) {
    for (let b = 0; b < Ngp; b++) {
      const d = ivector[a] - ivector[b];
      contrastSum += p[a] * p[b] * d * d;
      absdiff += Math.abs(ip[a] - ip[b]);
      complexity += Math.abs(d) * ((ps[a] + ps[b]) / (p[a] + p[b]));
      strengthSum += (p[a] + p[b]) * d * d;
    }
  }

  return {
    /** Busyness = Σ_i p_i s_i / Σ_i Σ_j |i p_i − j p_j|; 0 when the denominator is 0 (N_gp = 1). */
    Busyness: absdiff === 0 ? 0 : sumPs / absdiff,
    /** Coarseness = 1 / Σ_i p_i s_i; 10⁶ when the sum is 0 (homogeneous ROI). */
    Coarseness: sumPs === 0 ? 1e6 : 1 / sumPs,
    /** Complexity = (1 / N_vp) Σ_i Σ_j |i − j| (p_i s_i + p_j s_j) / (p_i + p_j) */
    Complexity: complexity / Nvp,
    /**
     * Contrast = [Σ_i Σ_j p_i p_j (i − j)² / (N_gp (N_gp − 1))] · [Σ_i s_i / N_vp]; 0 when N_gp ≤ 1.
     */
    Contrast: Ngp <= 1 ? 0 : (contrastSum / (Ngp * (Ngp - 1))) * (sumS / Nvp),
    /** Strength = Σ_i Σ_j (p_i + p_j)(i − j)² / Σ_i s_i; 0 when Σ_i s_i = 0. */
    Strength: sumS === 0 ? 0 : strengthSum / sumS,
  };
}
