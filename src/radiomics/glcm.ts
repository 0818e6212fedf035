/**
 * PyRadiomics Gray Level Co-occurrence Matrix (GLCM) class: matrix builder and the 24 default features.
 * Pure TypeScript, no DOM.
 *
 * P(i, j | a): number of ROI voxel pairs with grey levels i (centre) and j (neighbour at offset a),
 * symmetrised (P + Pᵀ) when symmetricalGLCM, optionally summed over angles with weights
 * (weightingNorm), angles without pairs dropped, each angle normalised: p = P / ΣP.
 * Rows/columns are the grey levels present in the ROI; i, j take the grey-level values.
 * Features are computed per angle and averaged over angles (NaN angles ignored).
 * Notation: p_x(i) = Σ_j p(i,j), p_y(j) = Σ_i p(i,j), μ_x = Σ i p(i,j), μ_y = Σ j p(i,j),
 * p_{x+y}(k) = Σ_{i+j=k} p(i,j) (k = 2…2N_g), p_{x−y}(k) = Σ_{|i−j|=k} p(i,j) (k = 0…N_g−1),
 * N_g = highest grey level in the ROI, ε = 2.220446049250313e-16,
 * HX = −Σ p_x log₂(p_x + ε), HY = −Σ p_y log₂(p_y + ε), HXY = −Σ p log₂(p + ε),
 * HXY1 = −Σ p(i,j) log₂(p_x(i)p_y(j) + ε), HXY2 = −Σ p_x(i)p_y(j) log₂(p_x(i)p_y(j) + ε).
 */
import { eigenvalues } from './eigen';
import { padTexture } from './padded';
import { EPS, nanMean } from './numeric';
import type { FeatureValues, TextureInput, Vec3 } from './types';
import { FEATURE_NAMES } from './settings';
import { MessageError } from '../util/message';

/** Normalised co-occurrence matrices, one n×n block per kept angle (n = number of grey levels present). */
export interface GlcmMatrices {
  /** p(i, j, a) at index (a * n + i) * n + j. */
  p: Float64Array;
  /** Number of grey levels present (matrix side). */
  n: number;
  /** Number of angles kept (after weighting and empty-angle removal). */
  Na: number;
  /** Grey-level value of each row/column. */
  grayLevels: Int32Array;
  /** Highest grey level (N_g). */
  Ng: number;
}

/**
 * Angle weight for weightingNorm (PyRadiomics): infinity exp(−max(|a|·s)²), euclidean exp(−Σ(|a|·s)²),
 * manhattan exp(−(Σ|a|·s)²), no_weighting 1; s = spacing (z, y, x).
 */
export function angleWeight(a: Vec3, spacing: Vec3, norm: string): number {
  const d0 = Math.abs(a[0]) * spacing[0];
  const d1 = Math.abs(a[1]) * spacing[1];
  const d2 = Math.abs(a[2]) * spacing[2];
  if (norm === 'infinity') return Math.exp(-(Math.max(d0, d1, d2) ** 2));
  if (norm === 'euclidean') return Math.exp(-(d0 * d0 + d1 * d1 + d2 * d2));
  if (norm === 'manhattan') return Math.exp(-((d0 + d1 + d2) ** 2));
  return 1;
}

/** Builds the normalised GLCMs of a texture input (see module doc). */
export function buildGlcm(input: TextureInput): GlcmMatrices {
  const { grayLevels, angles, settings } = input;
  const n = grayLevels.length;
  const Na0 = angles.length;
  if (n === 0 || Na0 === 0) throw new MessageError('radiomics.texture.noLevels', { cls: 'GLCM' });
  const nn = n * n;
  const vol = padTexture(input);
  const { data, Y, X, offsets } = vol;
  const [nz, ny, nx] = input.size;
  // counts[(a * n + i) * n + j], compact indices
  const counts = new Uint32Array(Na0 * nn);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let o = ((z + vol.pz) * Y + y + vol.py) * X + vol.px;
      for (let x = 0; x < nx; x++, o++) {
        const ci = data[o];
        if (ci === 0) continue;
        const row = (ci - 1) * n - 1;
        for (let a = 0; a < Na0; a++) {
          const cj = data[o + offsets[a]];
          if (cj !== 0) counts[a * nn + row + cj]++;
        }
      }
    }
  }
  let P = Float64Array.from(counts);

  if (settings.symmetricalGLCM) {
    for (let a = 0; a < Na0; a++) {
      const base = a * nn;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          const s = P[base + i * n + j] + P[base + j * n + i];
          P[base + i * n + j] = s;
          P[base + j * n + i] = s;
        }
      }
    }
  }

  let Na = Na0;
  if (settings.weightingNorm !== null) {
    const W = new Float64Array(nn);
    for (let a = 0; a < Na0; a++) {
      const w = angleWeight(angles[a], input.spacing, settings.weightingNorm);
      const base = a * nn;
      for (let k = 0; k < nn; k++) W[k] += P[base + k] * w;
    }
    P = W;
    Na = 1;
  }

  // Sum per angle, drop empty angles when more than one, normalise
  const sums = new Float64Array(Na);
  for (let a = 0; a < Na; a++) {
    let s = 0;
    const base = a * nn;
    for (let k = 0; k < nn; k++) s += P[base + k];
    sums[a] = s;
  }
  let kept = Na;
  if (Na > 1) {
    kept = 0;
    for (let a = 0; a < Na; a++) {
      if (sums[a] === 0) continue;
      if (kept !== a) {
        P.copyWithin(kept * nn, a * nn, (a + 1) * nn);
        sums[kept] = sums[a];
      }
      kept++;
    }
  }
  const p = P.subarray(0, kept * nn);
  for (let a = 0; a < kept; a++) {
    const s = sums[a] === 0 ? NaN : sums[a];
    const base = a * nn;
    for (let k = 0; k < nn; k++) p[base + k] /= s;
  }
  return { p, n, Na: kept, grayLevels, Ng: input.Ng };
}

/**
 * Computes the 24 default GLCM features (averaged over angles):
 * - Autocorrelation = Σ p(i,j) i j
 * - JointAverage = μ_x
 * - ClusterProminence = Σ (i + j − μ_x − μ_y)⁴ p(i,j); ClusterShade: power 3; ClusterTendency: power 2
 * - Contrast = Σ (i − j)² p(i,j)
 * - Correlation = (Σ p(i,j)(i − μ_x)(j − μ_y)) / (σ_x σ_y + ε), 1 when σ_x σ_y = 0
 * - DifferenceAverage DA = Σ k p_{x−y}(k); DifferenceEntropy = −Σ p_{x−y} log₂(p_{x−y} + ε);
 *   DifferenceVariance = Σ (k − DA)² p_{x−y}(k)
 * - JointEnergy = Σ p²; JointEntropy = HXY
 * - Imc1 = (HXY − HXY1) / max(HX, HY) (0 when max = 0); Imc2 = √(1 − e^{−2(HXY2 − HXY)}) (0 when equal)
 * - Idm = Σ p_{x−y}(k)/(1 + k²); Idmn = Σ p_{x−y}(k)/(1 + k²/N_g²); Id = Σ p_{x−y}(k)/(1 + k);
 *   Idn = Σ p_{x−y}(k)/(1 + k/N_g); InverseVariance = Σ_{k≥1} p_{x−y}(k)/k²
 * - MCC = √(second largest eigenvalue of Q), Q(i,j) = Σ_k p(i,k)p(j,k)/(p_x(i)p_y(k) + ε); 1 for one grey level
 * - MaximumProbability = max p(i,j)
 * - SumAverage = Σ k p_{x+y}(k); SumEntropy = −Σ p_{x+y} log₂(p_{x+y} + ε)
 * - SumSquares = Σ (i − μ_x)² p(i,j)
 */
export function computeGlcm(input: TextureInput): FeatureValues {
  const { p, n, Na, grayLevels, Ng } = buildGlcm(input);
  const nn = n * n;
  const names = FEATURE_NAMES.glcm;
  const per: Record<string, Float64Array> = {};
  for (const name of names) per[name] = new Float64Array(Na);
  const gv = new Float64Array(n);
  for (let k = 0; k < n; k++) gv[k] = grayLevels[k];
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const pSum = new Float64Array(2 * Ng + 1);
  const pDiff = new Float64Array(Ng);
  const Q = new Float64Array(nn);

  for (let a = 0; a < Na; a++) {
    const P = p.subarray(a * nn, (a + 1) * nn);
    // An empty matrix (no co-occurrence at all; with weightingNorm the single summed angle is kept)
    // was normalised to NaN, which gave MaximumProbability -Infinity and made the MCC eigenvalue
    // iteration throw. Every feature is NaN, as PyRadiomics gives (robustness finding F12).
    if (Number.isNaN(P[0])) {
      for (const name of names) per[name][a] = NaN;
      continue;
    }
    px.fill(0);
    py.fill(0);
    pSum.fill(0);
    pDiff.fill(0);
    let ux = 0,
      uy = 0,
      hxy = 0,
      autoc = 0,
      contrast = 0,
      energy = 0,
      maxP = -Infinity;
    for (let i = 0; i < n; i++) {
      const iv = gv[i];
      for (let j = 0; j < n; j++) {
        const v = P[i * n + j];
        const jv = gv[j];
        px[i] += v;
        py[j] += v;
        ux += iv * v;
        uy += jv * v;
        hxy -= v * Math.log2(v + EPS);
        autoc += v * iv * jv;
        contrast += v * (iv - jv) * (iv - jv);
        energy += v * v;
        if (v > maxP) maxP = v;
        pSum[iv + jv] += v;
        pDiff[Math.abs(iv - jv)] += v;
      }
    }
    let ct = 0,
      cs = 0,
      cp = 0,
      sx2 = 0,
      sy2 = 0,
      corm = 0,
      hxy1 = 0,
      hxy2 = 0;
    for (let i = 0; i < n; i++) {
      const iv = gv[i];
      for (let j = 0; j < n; j++) {
        const v = P[i * n + j];
        const jv = gv[j];
        const t = iv + jv - ux - uy;
        const t2 = t * t;
        ct += v * t2;
        cs += v * t2 * t;
        cp += v * t2 * t2;
        sx2 += v * (iv - ux) * (iv - ux);
        sy2 += v * (jv - uy) * (jv - uy);
        corm += v * (iv - ux) * (jv - uy);
        const pxy = px[i] * py[j];
        hxy1 -= v * Math.log2(pxy + EPS);
        hxy2 -= pxy * Math.log2(pxy + EPS);
      }
    }
    let hx = 0,
      hy = 0;
    for (let i = 0; i < n; i++) {
      hx -= px[i] * Math.log2(px[i] + EPS);
      hy -= py[i] * Math.log2(py[i] + EPS);
    }
    let da = 0,
      dent = 0,
      idm = 0,
      idmn = 0,
      id = 0,
      idn = 0,
      invVar = 0;
    for (let k = 0; k < Ng; k++) {
      const v = pDiff[k];
      da += k * v;
      dent -= v * Math.log2(v + EPS);
      idm += v / (1 + k * k);
      idmn += v / (1 + (k * k) / (Ng * Ng));
      id += v / (1 + k);
      idn += v / (1 + k / Ng);
      if (k >= 1) invVar += v / (k * k);
    }
    let dvar = 0;
    for (let k = 0; k < Ng; k++) dvar += pDiff[k] * (k - da) * (k - da);
    let sa = 0,
      sent = 0;
    for (let k = 2; k <= 2 * Ng; k++) {
      const v = pSum[k];
      sa += k * v;
      sent -= v * Math.log2(v + EPS);
    }
    const sxy = Math.sqrt(sx2) * Math.sqrt(sy2);
    const div = Math.max(hx, hy);
    let imc2 = Math.sqrt(1 - Math.exp(-2 * (hxy2 - hxy)));
    if (hxy2 === hxy) imc2 = 0;

    per.Autocorrelation[a] = autoc;
    per.ClusterProminence[a] = cp;
    per.ClusterShade[a] = cs;
    per.ClusterTendency[a] = ct;
    per.Contrast[a] = contrast;
    per.Correlation[a] = sxy === 0 ? 1 : corm / (sxy + EPS);
    per.DifferenceAverage[a] = da;
    per.DifferenceEntropy[a] = dent;
    per.DifferenceVariance[a] = dvar;
    per.Id[a] = id;
    per.Idm[a] = idm;
    per.Idmn[a] = idmn;
    per.Idn[a] = idn;
    per.Imc1[a] = div !== 0 ? (hxy - hxy1) / div : 0;
    per.Imc2[a] = imc2;
    per.InverseVariance[a] = invVar;
    per.JointAverage[a] = ux;
    per.JointEnergy[a] = energy;
    per.JointEntropy[a] = hxy;
    per.MaximumProbability[a] = maxP;
    per.SumAverage[a] = sa;
    per.SumEntropy[a] = sent;
    per.SumSquares[a] = sx2;

    // MCC: Q(i,j) = Σ_k p(i,k) p(j,k) / (p_x(i) p_y(k) + ε)
    if (n >= 2) {
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let q = 0;
          for (let k = 0; k < n; k++) q += (P[i * n + k] * P[j * n + k]) / (px[i] * py[k] + EPS);
          Q[i * n + j] = q;
        }
      }
      per.MCC[a] = secondLargestSqrt(Q, n);
    }
  }

  const out: FeatureValues = {};
  for (const name of names) out[name] = nanMean(per[name]);
  if (n < 2) out.MCC = 1;
  return out;
}

/**
 * √ of the second largest eigenvalue (numpy order: sorted by real part, then imaginary part), real part of
 * the complex square root as numpy returns it; NaN for a negative real eigenvalue of a real spectrum.
 */
function secondLargestSqrt(Q: Float64Array, n: number): number {
  const { re, im } = eigenvalues(Q, n);
  const order = Array.from({ length: n }, (_, k) => k).sort((u, v) => re[u] - re[v] || im[u] - im[v]);
  const k = order[n - 2];
  const complexSpectrum = im.some((v) => v !== 0);
  if (!complexSpectrum) return re[k] < 0 ? NaN : Math.sqrt(re[k]);
  // principal complex square root, real part
  const mod = Math.hypot(re[k], im[k]);
  return Math.sqrt((mod + re[k]) / 2);
}
