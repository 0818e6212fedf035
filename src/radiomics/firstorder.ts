/**
 * First-order (histogram) features of the PyRadiomics-compatible engine (`radiomics/firstorder.py`).
 * Pure TypeScript, no DOM.
 *
 * Notation: X the N_p grey values of the ROI (after normalisation, before discretisation), c the
 * `voxelArrayShift`, P(i) the number of ROI voxels in grey-level bin i, p(i) = P(i)/N_p,
 * ε = 2^-52 (numpy.spacing(1)), V the volume of one voxel.
 */
import { EPS } from './numeric';
import type { FeatureValues, RadiomicsSettings, Vec3 } from './types';
import { MessageError } from '../util/message';

/** ε PyRadiomics adds inside log2 (numpy.spacing(1)). */

/** Input of {@link computeFirstOrder}. */
export interface FirstOrderInput {
  /** Grey values of the ROI voxels (normalised when `normalize` is on, not discretised). */
  values: ArrayLike<number>;
  /** Discretised grey level (bin index >= 1) of each ROI voxel, same order as `values`. */
  voxelLevels: ArrayLike<number>;
  /** Voxel spacing (z, y, x). */
  spacing: Vec3;
  /** Settings (voxelArrayShift is read). */
  settings: Pick<RadiomicsSettings, 'voxelArrayShift'>;
}

/**
 * numpy.percentile with linear interpolation on sorted data: rank r = (n − 1)·q/100,
 * value = lerp(a[⌊r⌋], a[⌊r⌋+1], r − ⌊r⌋), with numpy's two-sided lerp
 * (a + (b − a)·t for t < 0.5, b − (b − a)·(1 − t) otherwise).
 */
export function percentileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const rank = (n - 1) * (q / 100);
  const lo = Math.floor(rank);
  if (lo >= n - 1) return sorted[n - 1];
  const t = rank - lo;
  const a = sorted[lo];
  const b = sorted[lo + 1];
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/**
 * Computes the 18 default first-order features.
 *
 * - Energy = Σ (X(i) + c)²
 * - TotalEnergy = V · Σ (X(i) + c)²   (V = product of the spacings)
 * - Entropy = −Σ_i p(i) log2(p(i) + ε)
 * - Minimum = min X, Maximum = max X, Range = max X − min X
 * - 10Percentile, 90Percentile, Median: numpy percentiles (linear interpolation)
 * - InterquartileRange = P75 − P25
 * - Mean = X̄ = (1/N_p) Σ X(i)
 * - MeanAbsoluteDeviation = (1/N_p) Σ |X(i) − X̄|
 * - RobustMeanAbsoluteDeviation = (1/N_10-90) Σ |X_10-90(i) − X̄_10-90| over the values with
 *   P10 <= X(i) <= P90
 * - RootMeanSquared = sqrt((1/N_p) Σ (X(i) + c)²)
 * - Variance = σ² = (1/N_p) Σ (X(i) − X̄)²   (numpy.std(X)², population estimate)
 * - Skewness = μ3 / μ2^(3/2), Kurtosis = μ4 / μ2², with μk = (1/N_p) Σ (X(i) − X̄)^k;
 *   0 for both when the ROI holds one grey value (flat ROI)
 * - Uniformity = Σ_i p(i)²
 */
export function computeFirstOrder(input: FirstOrderInput): FeatureValues {
  const { values, voxelLevels, spacing } = input;
  const c = input.settings.voxelArrayShift;
  const n = values.length;
  if (n === 0) throw new MessageError('radiomics.firstOrder.empty');
  if (voxelLevels.length !== n)
    throw new MessageError('radiomics.firstOrder.mismatch', { values: n, levels: voxelLevels.length });

  const sorted = Float64Array.from(values as ArrayLike<number>);
  sorted.sort();
  // Mean as min + Σ(x − min)/N: less rounding than Σx/N, and exactly the value on a flat ROI.
  const lo = sorted[0];
  let sum = 0;
  let energy = 0;
  let maxLevel = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v - lo;
    const s = v + c;
    energy += s * s;
    if (voxelLevels[i] > maxLevel) maxLevel = voxelLevels[i];
  }
  const mean = lo + sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let mad = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    mad += Math.abs(d);
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  mad /= n;

  const p10 = percentileSorted(sorted, 10);
  const p90 = percentileSorted(sorted, 90);
  const p25 = percentileSorted(sorted, 25);
  const p75 = percentileSorted(sorted, 75);
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;

  // Robust MAD over the values within [P10, P90].
  let rSum = 0;
  let rN = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v >= p10 && v <= p90) {
      rSum += v - lo;
      rN++;
    }
  }
  const rMean = lo + rSum / rN;
  let rMad = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v >= p10 && v <= p90) rMad += Math.abs(v - rMean);
  }
  rMad /= rN;

  // Histogram of the discretised levels.
  const hist = new Float64Array(maxLevel + 1);
  for (let i = 0; i < n; i++) hist[voxelLevels[i]]++;
  let entropy = 0;
  let uniformity = 0;
  for (let l = 0; l <= maxLevel; l++) {
    if (hist[l] === 0) continue;
    const p = hist[l] / n;
    entropy -= p * Math.log2(p + EPS);
    uniformity += p * p;
  }

  const std = Math.sqrt(m2);
  const voxelVolume = spacing[2] * spacing[1] * spacing[0];
  // One grey value: skewness and kurtosis are undefined (PyRadiomics returns 0 for an exactly zero
  // variance, rounding noise otherwise); return 0 for both.
  const flat = sorted[0] === sorted[n - 1] || m2 === 0;
  return {
    '10Percentile': p10,
    '90Percentile': p90,
    Energy: energy,
    Entropy: entropy,
    InterquartileRange: p75 - p25,
    Kurtosis: flat ? 0 : m4 / (m2 * m2),
    Maximum: sorted[n - 1],
    MeanAbsoluteDeviation: mad,
    Mean: mean,
    Median: median,
    Minimum: sorted[0],
    Range: sorted[n - 1] - sorted[0],
    RobustMeanAbsoluteDeviation: rMad,
    RootMeanSquared: Math.sqrt(energy / n),
    Skewness: flat ? 0 : m3 / Math.pow(m2, 1.5),
    TotalEnergy: voxelVolume * energy,
    Uniformity: uniformity,
    Variance: std * std,
  };
}
