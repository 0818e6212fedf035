/**
 * PyRadiomics Gray Level Run Length Matrix (GLRLM) class: matrix builder and the 16 default features.
 * Pure TypeScript, no DOM.
 *
 * P(i, j | a): number of runs (maximal sequences of consecutive ROI voxels along angle a with the same
 * grey level) with grey level i and length j, along every scan line through the ROI bounding box;
 * an angle whose scan lines never hold 2 or more ROI voxels is emptied (PyRadiomics' C code), then
 * optionally the angles are summed with weights (weightingNorm) and empty angles are dropped.
 * Notation: N_r(a) = Σ P (number of runs), N_p(a) = Σ_j j Σ_i P(i,j) (number of voxels),
 * p(i,j) = P(i,j)/N_r, p_g(i) = Σ_j P(i,j), p_r(j) = Σ_i P(i,j), i = grey-level value, j = run length,
 * ε = 2.220446049250313e-16. Features are computed per angle and averaged over angles (NaN ignored).
 */
import { padTexture, type PaddedVolume } from './padded';
import { generateAngles } from './preprocess';
import { EPS, nanMean } from './numeric';
import type { FeatureValues, TextureInput, Vec3 } from './types';
import { FEATURE_NAMES } from './settings';
import { MessageError } from '../util/message';

/**
 * GLRLM angle weight for weightingNorm (PyRadiomics glrlm.py; unlike GLCM, no exponential):
 * infinity max(|a|·s), euclidean √Σ(|a|·s)², manhattan Σ|a|·s, no_weighting 1; s = spacing (z, y, x).
 */
export function glrlmAngleWeight(a: Vec3, spacing: Vec3, norm: string): number {
  const d0 = Math.abs(a[0]) * spacing[0];
  const d1 = Math.abs(a[1]) * spacing[1];
  const d2 = Math.abs(a[2]) * spacing[2];
  if (norm === 'infinity') return Math.max(d0, d1, d2);
  if (norm === 'euclidean') return Math.sqrt(d0 * d0 + d1 * d1 + d2 * d2);
  if (norm === 'manhattan') return d0 + d1 + d2;
  return 1;
}

/** Run-length matrices, one n×Nr block per kept angle. */
export interface GlrlmMatrices {
  /** P(i, j, a) at index (a * n + i) * Nr + (j − 1). */
  P: Float64Array;
  /** Number of grey levels present. */
  n: number;
  /** Longest possible run (largest bounding-box dimension). */
  Nr: number;
  /** Number of kept angles. */
  Na: number;
  grayLevels: Int32Array;
}

/**
 * PyRadiomics' multiElement test for an angle without adjacent ROI pairs: does any scan line hold at least
 * two (non-adjacent) ROI voxels? Counts ROI voxels cumulatively along the lines (`work` is scratch space).
 */
function hasLineWithTwoRoiVoxels(vol: PaddedVolume, size: Vec3, off: number, work: Int32Array): boolean {
  const [nz, ny, nx] = size;
  const { data, Y, X } = vol;
  work.fill(0);
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let p = ((z + vol.pz) * Y + y + vol.py) * X + vol.px;
      for (let x = 0; x < nx; x++, p++) {
        const cnt = work[p - off] + (data[p] !== 0 ? 1 : 0);
        if (cnt >= 2) return true;
        work[p] = cnt;
      }
    }
  }
  return false;
}

/**
 * Builds the run-length matrices of a texture input (see module doc). Like PyRadiomics'
 * calculate_glrlm, runs follow the distance-1 angles whatever the `distances` setting: when the
 * input's angles include longer offsets, the distance-1 angles are generated (force2D respected).
 */
export function buildGlrlm(textureInput: TextureInput): GlrlmMatrices {
  const distanceOne = textureInput.angles.every(
    (a) => Math.max(Math.abs(a[0]), Math.abs(a[1]), Math.abs(a[2])) === 1,
  );
  const input: TextureInput = distanceOne
    ? textureInput
    : {
        ...textureInput,
        angles: generateAngles(
          textureInput.size,
          [1],
          textureInput.settings.force2D,
          textureInput.settings.force2Ddimension,
        ),
      };
  const { grayLevels, angles, settings } = input;
  const [nz, ny, nx] = input.size;
  const n = grayLevels.length;
  const Na0 = angles.length;
  if (n === 0 || Na0 === 0) throw new MessageError('radiomics.texture.noLevels', { cls: 'GLRLM' });
  const Nr = Math.max(nz, ny, nx);
  const block = n * Nr;
  const vol = padTexture(input);
  const { data, Y, X, offsets } = vol;
  const counts = new Uint32Array(Na0 * block);
  // run[p]: length of the run ending at voxel p along the current angle (valid for ROI voxels only)
  const run = new Int32Array(data.length);

  for (let a = 0; a < Na0; a++) {
    // angles are 'positive' (dz > 0, or dz = 0 and dy > 0, or dz = dy = 0 and dx > 0), so the previous voxel
    // p − off of a line is visited before p in scan order; the zero border ends every line.
    // a run is the same read in either direction: use the 'positive' one of the ± pair
    const [az, ay, ax] = angles[a];
    const positive = az > 0 || (az === 0 && (ay > 0 || (ay === 0 && ax > 0)));
    const off = positive ? offsets[a] : -offsets[a];
    const base = a * block;
    let adjacent = false;
    for (let z = 0; z < nz; z++) {
      for (let y = 0; y < ny; y++) {
        let p = ((z + vol.pz) * Y + y + vol.py) * X + vol.px;
        for (let x = 0; x < nx; x++, p++) {
          const c = data[p];
          if (c === 0) continue;
          const r = data[p - off] === c ? run[p - off] + 1 : 1;
          run[p] = r;
          const next = data[p + off];
          if (next !== 0) adjacent = true;
          if (next !== c) counts[base + (c - 1) * Nr + r - 1]++;
        }
      }
    }
    if (!adjacent && !hasLineWithTwoRoiVoxels(vol, input.size, off, run)) counts.fill(0, base, base + block);
  }
  let P = Float64Array.from(counts);

  let Na = Na0;
  if (settings.weightingNorm !== null) {
    const W = new Float64Array(block);
    for (let a = 0; a < Na0; a++) {
      const w = glrlmAngleWeight(angles[a], input.spacing, settings.weightingNorm);
      const base = a * block;
      for (let k = 0; k < block; k++) W[k] += P[base + k] * w;
    }
    P = W;
    Na = 1;
  }
  let kept = Na;
  if (Na > 1) {
    kept = 0;
    for (let a = 0; a < Na; a++) {
      let s = 0;
      const base = a * block;
      for (let k = 0; k < block; k++) s += P[base + k];
      if (s === 0) continue;
      if (kept !== a) P.copyWithin(kept * block, base, base + block);
      kept++;
    }
  }
  return { P: P.subarray(0, kept * block), n, Nr, Na: kept, grayLevels };
}

/**
 * Computes the 16 default GLRLM features (averaged over angles):
 * - ShortRunEmphasis SRE = Σ p_r(j)/j² / N_r; LongRunEmphasis LRE = Σ p_r(j) j² / N_r
 * - GrayLevelNonUniformity GLN = Σ p_g(i)² / N_r; GLNN = Σ p_g(i)² / N_r²
 * - RunLengthNonUniformity RLN = Σ p_r(j)² / N_r; RLNN = Σ p_r(j)² / N_r²
 * - RunPercentage = N_r / N_p
 * - GrayLevelVariance = Σ p(i,j)(i − μ_i)², μ_i = Σ p(i,j) i; RunVariance = Σ p(i,j)(j − μ_j)², μ_j = Σ p(i,j) j
 * - RunEntropy = −Σ p(i,j) log₂(p(i,j) + ε)
 * - LowGrayLevelRunEmphasis = Σ p_g(i)/i² / N_r; HighGrayLevelRunEmphasis = Σ p_g(i) i² / N_r
 * - ShortRunLowGrayLevelEmphasis = Σ P/(i² j²) / N_r; ShortRunHighGrayLevelEmphasis = Σ P i²/j² / N_r
 * - LongRunLowGrayLevelEmphasis = Σ P j²/i² / N_r; LongRunHighGrayLevelEmphasis = Σ P i² j² / N_r
 */
export function computeGlrlm(input: TextureInput): FeatureValues {
  const { P, n, Nr, Na, grayLevels } = buildGlrlm(input);
  const names = FEATURE_NAMES.glrlm;
  const per: Record<string, Float64Array> = {};
  for (const name of names) per[name] = new Float64Array(Na);
  const pg = new Float64Array(n);
  const pr = new Float64Array(Nr);
  const block = n * Nr;

  for (let a = 0; a < Na; a++) {
    const M = P.subarray(a * block, (a + 1) * block);
    pg.fill(0);
    pr.fill(0);
    let nRuns = 0;
    let srlge = 0,
      srhge = 0,
      lrlge = 0,
      lrhge = 0;
    for (let i = 0; i < n; i++) {
      const iv = grayLevels[i];
      const i2 = iv * iv;
      for (let j = 0; j < Nr; j++) {
        const v = M[i * Nr + j];
        if (v === 0) continue;
        const jv = j + 1;
        const j2 = jv * jv;
        pg[i] += v;
        pr[j] += v;
        nRuns += v;
        srlge += v / (i2 * j2);
        srhge += (v * i2) / j2;
        lrlge += (v * j2) / i2;
        lrhge += v * i2 * j2;
      }
    }
    const Nruns = nRuns === 0 ? NaN : nRuns;
    let sre = 0,
      lre = 0,
      rln = 0,
      np = 0;
    for (let j = 0; j < Nr; j++) {
      const v = pr[j];
      const jv = j + 1;
      sre += v / (jv * jv);
      lre += v * jv * jv;
      rln += v * v;
      np += v * jv;
    }
    let gln = 0,
      lgre = 0,
      hgre = 0;
    for (let i = 0; i < n; i++) {
      const v = pg[i];
      const iv = grayLevels[i];
      gln += v * v;
      lgre += v / (iv * iv);
      hgre += v * iv * iv;
    }
    // normalised matrix statistics
    let ui = 0,
      uj = 0,
      ent = 0;
    for (let i = 0; i < n; i++) {
      const iv = grayLevels[i];
      for (let j = 0; j < Nr; j++) {
        const q = M[i * Nr + j] / Nruns;
        ui += q * iv;
        uj += q * (j + 1);
        ent -= q * Math.log2(q + EPS);
      }
    }
    let glv = 0,
      rv = 0;
    for (let i = 0; i < n; i++) {
      const iv = grayLevels[i];
      for (let j = 0; j < Nr; j++) {
        const q = M[i * Nr + j] / Nruns;
        if (q === 0) continue;
        glv += q * (iv - ui) * (iv - ui);
        rv += q * (j + 1 - uj) * (j + 1 - uj);
      }
    }
    per.GrayLevelNonUniformity[a] = gln / Nruns;
    per.GrayLevelNonUniformityNormalized[a] = gln / (Nruns * Nruns);
    per.GrayLevelVariance[a] = glv;
    per.HighGrayLevelRunEmphasis[a] = hgre / Nruns;
    per.LongRunEmphasis[a] = lre / Nruns;
    per.LongRunHighGrayLevelEmphasis[a] = lrhge / Nruns;
    per.LongRunLowGrayLevelEmphasis[a] = lrlge / Nruns;
    per.LowGrayLevelRunEmphasis[a] = lgre / Nruns;
    per.RunEntropy[a] = ent;
    per.RunLengthNonUniformity[a] = rln / Nruns;
    per.RunLengthNonUniformityNormalized[a] = rln / (Nruns * Nruns);
    per.RunPercentage[a] = Nruns / np;
    per.RunVariance[a] = rv;
    per.ShortRunEmphasis[a] = sre / Nruns;
    per.ShortRunHighGrayLevelEmphasis[a] = srhge / Nruns;
    per.ShortRunLowGrayLevelEmphasis[a] = srlge / Nruns;
  }
  const out: FeatureValues = {};
  for (const name of names) out[name] = nanMean(per[name]);
  return out;
}
