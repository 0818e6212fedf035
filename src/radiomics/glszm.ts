/**
 * Grey Level Size Zone Matrix (GLSZM) class of the PyRadiomics-compatible engine, plus the input
 * checks and neighbourhood helpers shared by the neighbourhood-based texture classes (GLSZM, GLDM,
 * NGTDM). Pure TypeScript, no DOM.
 *
 * Semantics follow PyRadiomics 3.1 (`radiomics/glszm.py`, `calculate_glszm` in `src/cmatrices.c`):
 * - A zone is a maximal set of ROI voxels of one grey level connected through the distance-1
 *   neighbourhood (26-connected in 3-D, 8-connected in 2-D). PyRadiomics always uses distance 1 for
 *   the GLSZM, whatever the `distances` setting; with `force2D` offsets moving along
 *   `force2Ddimension` are excluded.
 * - Rows of grey levels absent from the ROI and columns of zone sizes that do not occur are removed,
 *   so i runs over `grayLevels` (the actual bin indices, PyRadiomics' `ivector`) and j over the zone
 *   sizes present (`jvector`).
 */

import { EPS } from './numeric';
import type { FeatureValues, TextureInput, Vec3 } from './types';
import { MessageError } from '../util/message';

/**
 * Checks a {@link TextureInput} for the neighbourhood-based classes and returns a lookup from grey
 * level (bin index) to its row in the class matrices (the rank of the level in `grayLevels`; -1 for
 * levels that are not present).
 *
 * Throws an Error naming `className` when the size is not three positive integers, `levels` has the
 * wrong length or holds negative values or levels missing from `grayLevels`, `grayLevels` is empty,
 * unsorted, contains a level < 1 or a level absent from the ROI, `Ng` differs from max(grayLevels),
 * `settings` is missing, or `Np` differs from the number of non-zero voxels.
 */
export function checkTextureInput(input: TextureInput, className: string): Int32Array {
  const { size, levels, grayLevels, Ng, Np } = input;
  if (!Array.isArray(size) || size.length !== 3 || !size.every((s) => Number.isInteger(s) && s > 0)) {
    throw new MessageError('radiomics.texture.size', { cls: className, size: String(size) });
  }
  const nVox = size[0] * size[1] * size[2];
  if (!(levels instanceof Int32Array) || levels.length !== nVox) {
    throw new MessageError('radiomics.texture.levelsLength', {
      cls: className,
      voxels: nVox,
      length: String(levels?.length),
    });
  }
  if (!(grayLevels instanceof Int32Array) || grayLevels.length === 0) {
    throw new MessageError('radiomics.texture.grayLevelsEmpty', { cls: className });
  }
  for (let k = 0; k < grayLevels.length; k++) {
    if (grayLevels[k] < 1 || (k > 0 && grayLevels[k] <= grayLevels[k - 1])) {
      throw new MessageError('radiomics.texture.grayLevelsOrder', { cls: className });
    }
  }
  if (Ng !== grayLevels[grayLevels.length - 1]) {
    throw new MessageError('radiomics.texture.ng', {
      cls: className,
      ng: Ng,
      max: grayLevels[grayLevels.length - 1],
    });
  }
  if (typeof input.settings !== 'object' || input.settings === null) {
    throw new MessageError('radiomics.texture.settingsMissing', { cls: className });
  }
  if (!Number.isInteger(Np) || Np < 1) {
    throw new MessageError('radiomics.texture.np', { cls: className, np: String(Np) });
  }
  const row = new Int32Array(Ng + 1).fill(-1);
  for (let k = 0; k < grayLevels.length; k++) row[grayLevels[k]] = k;
  const seen = new Uint8Array(grayLevels.length);
  let count = 0;
  for (let idx = 0; idx < nVox; idx++) {
    const lv = levels[idx];
    if (lv === 0) continue;
    if (lv < 0 || lv > Ng || row[lv] < 0) {
      throw new MessageError('radiomics.texture.levelUnlisted', { cls: className, voxel: idx, level: lv });
    }
    seen[row[lv]] = 1;
    count++;
  }
  if (count !== Np) {
    throw new MessageError('radiomics.texture.npMismatch', { cls: className, np: Np, count });
  }
  for (let k = 0; k < grayLevels.length; k++) {
    if (seen[k] === 0) {
      throw new MessageError('radiomics.texture.levelAbsent', { cls: className, level: grayLevels[k] });
    }
  }
  return row;
}

/**
 * The grey levels of the bounding box copied into a zero-padded box, plus the neighbour offsets as
 * index steps in that padded box. The padding (the largest |offset| on each axis) holds 0 = "not in
 * the ROI", so a neighbour outside the bounding box reads as a non-ROI voxel and the hot loops need
 * no bounds checks.
 */
export interface PaddedLevels {
  /** Padded copy of `levels` (0 outside the ROI and in the padding). */
  data: Int32Array;
  /** Padding per axis (z, y, x). */
  pad: Vec3;
  /** Padded size (nz + 2 pad_z, ny + 2 pad_y, nx + 2 pad_x). */
  paddedSize: Vec3;
  /** Index step of each neighbour offset in the padded box. */
  steps: Int32Array;
}

/**
 * Builds {@link PaddedLevels} for the given offsets. Offsets with |offset| >= the box size along some
 * axis are left out: they never reach a voxel of the box (PyRadiomics' build_angles drops them too),
 * so omitting them changes no count.
 */
export function padLevels(input: TextureInput, offsets: Vec3[]): PaddedLevels {
  const { size, levels } = input;
  const list = offsets.filter((v) => v.every((o, d) => Math.abs(o) < size[d]));
  const pad: Vec3 = [0, 0, 0];
  for (const v of list) for (let d = 0; d < 3; d++) pad[d] = Math.max(pad[d], Math.abs(v[d]));
  const [nz, ny, nx] = size;
  const paddedSize: Vec3 = [nz + 2 * pad[0], ny + 2 * pad[1], nx + 2 * pad[2]];
  const [, py, px] = paddedSize;
  const data = new Int32Array(paddedSize[0] * py * px);
  let src = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      const dst = ((z + pad[0]) * py + y + pad[1]) * px + pad[2];
      data.set(levels.subarray(src, src + nx), dst);
      src += nx;
    }
  }
  const steps = Int32Array.from(list, (v) => (v[0] * py + v[1]) * px + v[2]);
  return { data, pad, paddedSize, steps };
}

/**
 * The neighbourhood PyRadiomics' GLDM and NGTDM use: every angle of `input.angles` in both
 * directions (a and -a), as `generate_angles(..., bidirectional=True)` yields them.
 *
 * Throws an Error when an angle is not three integers, is (0, 0, 0), or when an offset occurs twice
 * (e.g. both a and -a listed).
 */
export function bidirectionalOffsets(input: TextureInput, className: string): Vec3[] {
  const { angles } = input;
  if (!Array.isArray(angles) || angles.length === 0) {
    throw new MessageError('radiomics.texture.anglesEmpty', { cls: className });
  }
  const list: Vec3[] = [];
  const keys: string[] = [];
  for (const a of angles) {
    if (!Array.isArray(a) || a.length !== 3 || !a.every((v) => Number.isInteger(v))) {
      throw new MessageError('radiomics.texture.angleInvalid', { cls: className, angle: String(a) });
    }
    if (a[0] === 0 && a[1] === 0 && a[2] === 0) {
      throw new MessageError('radiomics.texture.angleZero', { cls: className });
    }
    for (const v of [a, [-a[0], -a[1], -a[2]] as Vec3]) {
      const key = v.join(',');
      if (keys.includes(key)) {
        throw new MessageError('radiomics.texture.angleTwice', { cls: className, offset: key });
      }
      keys.push(key);
      list.push(v);
    }
  }
  return list;
}

/**
 * The GLSZM connectivity: all offsets with infinity norm 1 (26 in 3-D), without those moving along
 * `force2Ddimension` when `force2D` is set — PyRadiomics' `calculate_glszm` builds exactly these
 * (distance 1, bidirectional) regardless of the `distances` setting.
 */
function zoneOffsets(input: TextureInput): Vec3[] {
  const { force2D, force2Ddimension } = input.settings;
  const excluded = force2D ? force2Ddimension : -1;
  if (force2D && !(force2Ddimension === 0 || force2Ddimension === 1 || force2Ddimension === 2)) {
    throw new MessageError('radiomics.texture.force2Ddimension', { cls: 'GLSZM', value: force2Ddimension });
  }
  const list: Vec3[] = [];
  for (let a = -1; a <= 1; a++) {
    for (let b = -1; b <= 1; b++) {
      for (let c = -1; c <= 1; c++) {
        if (a === 0 && b === 0 && c === 0) continue;
        if ((excluded === 0 && a !== 0) || (excluded === 1 && b !== 0) || (excluded === 2 && c !== 0))
          continue;
        list.push([a, b, c]);
      }
    }
  }
  return list;
}

/** The GLSZM with empty grey-level rows and empty zone-size columns removed. */
export interface GlszmMatrix {
  /** Row-major counts P(i, j), `rows` x `cols`. */
  P: Float64Array;
  rows: number;
  cols: number;
  /** Grey level (bin index) of each row (PyRadiomics `ivector` = grayLevels). */
  ivector: Float64Array;
  /** Zone size of each column (PyRadiomics `jvector` after removing absent sizes). */
  jvector: Float64Array;
}

/**
 * Builds the GLSZM: labels the zones by an iterative flood fill (preallocated stack, each ROI voxel
 * pushed once) and counts zones per (grey level, zone size). `row` maps a grey level to its row (from
 * {@link checkTextureInput}).
 */
export function buildGlszm(input: TextureInput, row: Int32Array): GlszmMatrix {
  const { Np, grayLevels } = input;
  const [nz, ny, nx] = input.size;
  // The padded copy doubles as the "unprocessed" marker: a voxel is set to 0 once it joins a zone.
  const { data: lab, pad, paddedSize, steps } = padLevels(input, zoneOffsets(input));
  const [, py, px] = paddedSize;
  const nOff = steps.length;

  const stack = new Int32Array(Np);
  const zoneLevel = new Int32Array(Np);
  const zoneSize = new Int32Array(Np);
  let nZones = 0;
  let maxSize = 0;

  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let start = ((z + pad[0]) * py + y + pad[1]) * px + pad[2];
      for (let x = 0; x < nx; x++, start++) {
        const gl = lab[start];
        if (gl === 0) continue;
        lab[start] = 0;
        let top = 0;
        stack[top++] = start;
        let region = 0;
        while (top > 0) {
          const k = stack[--top];
          region++;
          for (let o = 0; o < nOff; o++) {
            const j = k + steps[o];
            if (lab[j] === gl) {
              lab[j] = 0;
              stack[top++] = j;
            }
          }
        }
        zoneLevel[nZones] = gl;
        zoneSize[nZones] = region;
        nZones++;
        if (region > maxSize) maxSize = region;
      }
    }
  }

  // Compress the zone-size axis to the sizes that occur (PyRadiomics deletes empty columns).
  const col = new Int32Array(maxSize + 1).fill(-1);
  for (let z = 0; z < nZones; z++) col[zoneSize[z]] = 0;
  let cols = 0;
  for (let s = 1; s <= maxSize; s++) if (col[s] === 0) col[s] = cols++;
  const jvector = new Float64Array(cols);
  for (let s = 1; s <= maxSize; s++) if (col[s] >= 0) jvector[col[s]] = s;

  const rows = grayLevels.length;
  const P = new Float64Array(rows * cols);
  for (let z = 0; z < nZones; z++) P[row[zoneLevel[z]] * cols + col[zoneSize[z]]]++;
  return { P, rows, cols, ivector: Float64Array.from(grayLevels), jvector };
}

/**
 * Computes the 16 PyRadiomics GLSZM features. With N_z = Σ P(i,j) the number of zones, p(i,j) =
 * P(i,j)/N_z, p_g(i) = Σ_j P(i,j), p_s(j) = Σ_i P(i,j), i the grey level and j the zone size:
 */
export function computeGlszm(input: TextureInput): FeatureValues {
  const row = checkTextureInput(input, 'GLSZM');
  const { P, rows, cols, ivector, jvector } = buildGlszm(input, row);
  const Np = input.Np;

  const pg = new Float64Array(rows);
  const ps = new Float64Array(cols);
  let Nz = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = P[r * cols + c];
      pg[r] += v;
      ps[c] += v;
      Nz += v;
    }
  }
  if (Nz === 0) Nz = 1; // as PyRadiomics (cannot happen for a non-empty ROI)

  const {
    small: sae,
    large: lae,
    jNonUniformity: szn,
    gln,
    lowGrey: lglze,
    highGrey: hglze,
    smallLow: salgle,
    smallHigh: sahgle,
    largeLow: lalgle,
    largeHigh: lahgle,
    entropy: ze,
    greyVariance: glv,
    jVariance: zv,
  } = jointSums({ P, rows, cols, ivector, jvector, pg, pj: ps, Nz }, 'ij');

  return {
    /** GLN = Σ_i (Σ_j P(i,j))² / N_z */
    GrayLevelNonUniformity: gln / Nz,
    /** GLNN = Σ_i (Σ_j P(i,j))² / N_z² */
    GrayLevelNonUniformityNormalized: gln / (Nz * Nz),
    /** GLV = Σ_i Σ_j p(i,j) (i − μ)², μ = Σ_i Σ_j p(i,j) i */
    GrayLevelVariance: glv,
    /** HGLZE = Σ_i Σ_j P(i,j) i² / N_z */
    HighGrayLevelZoneEmphasis: hglze / Nz,
    /** LAE = Σ_i Σ_j P(i,j) j² / N_z */
    LargeAreaEmphasis: lae / Nz,
    /** LAHGLE = Σ_i Σ_j P(i,j) i² j² / N_z */
    LargeAreaHighGrayLevelEmphasis: lahgle / Nz,
    /** LALGLE = Σ_i Σ_j P(i,j) j² / i² / N_z */
    LargeAreaLowGrayLevelEmphasis: lalgle / Nz,
    /** LGLZE = Σ_i Σ_j P(i,j) / i² / N_z */
    LowGrayLevelZoneEmphasis: lglze / Nz,
    /** SZN = Σ_j (Σ_i P(i,j))² / N_z */
    SizeZoneNonUniformity: szn / Nz,
    /** SZNN = Σ_j (Σ_i P(i,j))² / N_z² */
    SizeZoneNonUniformityNormalized: szn / (Nz * Nz),
    /** SAE = Σ_i Σ_j P(i,j) / j² / N_z */
    SmallAreaEmphasis: sae / Nz,
    /** SAHGLE = Σ_i Σ_j P(i,j) i² / j² / N_z */
    SmallAreaHighGrayLevelEmphasis: sahgle / Nz,
    /** SALGLE = Σ_i Σ_j P(i,j) / (i² j²) / N_z */
    SmallAreaLowGrayLevelEmphasis: salgle / Nz,
    /** ZE = −Σ_i Σ_j p(i,j) log2(p(i,j) + ε), ε = numpy.spacing(1) */
    ZoneEntropy: -ze,
    /** ZP = N_z / N_p */
    ZonePercentage: Nz / Np,
    /** ZV = Σ_i Σ_j p(i,j) (j − μ)², μ = Σ_i Σ_j p(i,j) j */
    ZoneVariance: zv,
  };
}

/** A P(i, j) matrix of GLSZM (j = zone size) or GLDM (j = dependence size) with its marginals. */
export interface JointMatrix {
  P: ArrayLike<number>;
  rows: number;
  cols: number;
  ivector: ArrayLike<number>;
  jvector: ArrayLike<number>;
  /** Σ_j P(i, j) per grey level. */
  pg: ArrayLike<number>;
  /** Σ_i P(i, j) per size. */
  pj: ArrayLike<number>;
  /** Number of zones (GLSZM) or dependencies (GLDM). */
  Nz: number;
}

/**
 * The sums GLSZM and GLDM share (PyRadiomics computes both the same way): small/large emphasis,
 * non-uniformities, grey-level emphases, their joint emphases, entropy and variances. `order` is the
 * product order of the large-high emphasis, numpy's left-to-right order of each PyRadiomics class
 * (GLSZM: P·i²·j², 'ij'; GLDM: P·j²·i², 'ji'), so that each value is bit-identical to PyRadiomics.
 */
export function jointSums(m: JointMatrix, order: 'ij' | 'ji') {
  const { P, rows, cols, ivector, jvector, pg, pj, Nz } = m;
  let small = 0;
  let large = 0;
  let jNonUniformity = 0;
  for (let c = 0; c < cols; c++) {
    const j2 = jvector[c] * jvector[c];
    small += pj[c] / j2;
    large += pj[c] * j2;
    jNonUniformity += pj[c] * pj[c];
  }
  let gln = 0;
  let lowGrey = 0;
  let highGrey = 0;
  for (let r = 0; r < rows; r++) {
    const i2 = ivector[r] * ivector[r];
    gln += pg[r] * pg[r];
    lowGrey += pg[r] / i2;
    highGrey += pg[r] * i2;
  }
  let smallLow = 0;
  let smallHigh = 0;
  let largeLow = 0;
  let largeHigh = 0;
  let entropy = 0;
  for (let r = 0; r < rows; r++) {
    const i2 = ivector[r] * ivector[r];
    for (let c = 0; c < cols; c++) {
      const v = P[r * cols + c];
      const j2 = jvector[c] * jvector[c];
      smallLow += v / (i2 * j2);
      smallHigh += (v * i2) / j2;
      largeLow += (v * j2) / i2;
      largeHigh += order === 'ij' ? v * i2 * j2 : v * j2 * i2;
      const p = v / Nz;
      entropy += p * Math.log2(p + EPS);
    }
  }
  let ui = 0;
  for (let r = 0; r < rows; r++) ui += (pg[r] / Nz) * ivector[r];
  let greyVariance = 0;
  for (let r = 0; r < rows; r++) greyVariance += (pg[r] / Nz) * (ivector[r] - ui) ** 2;
  let uj = 0;
  for (let c = 0; c < cols; c++) uj += (pj[c] / Nz) * jvector[c];
  let jVariance = 0;
  for (let c = 0; c < cols; c++) jVariance += (pj[c] / Nz) * (jvector[c] - uj) ** 2;
  return {
    small,
    large,
    jNonUniformity,
    gln,
    lowGrey,
    highGrey,
    smallLow,
    smallHigh,
    largeLow,
    largeHigh,
    entropy,
    greyVariance,
    jVariance,
  };
}
