/**
 * Padded grey-level volume for the texture matrix builders (GLCM, GLRLM): the ROI bounding box with a
 * border of zeros wide enough for every angle offset, holding the compact grey-level index + 1 of each ROI
 * voxel (0 outside the ROI). Neighbours at any angle offset are then plain array reads without bounds checks.
 * Pure TypeScript, no DOM.
 */
import type { TextureInput } from './types';
import { MessageError } from '../util/message';

/** See module doc. */
export interface PaddedVolume {
  /** Compact grey-level index + 1 (index into input.grayLevels), 0 outside the ROI or in the border. */
  data: Int32Array;
  /** Padded size (Z, Y, X). */
  Z: number;
  Y: number;
  X: number;
  /** Border width per dimension (z, y, x). */
  pz: number;
  py: number;
  px: number;
  /** Linear offset of each angle in the padded volume. */
  offsets: Int32Array;
  /** Number of grey levels present (compact index range). */
  n: number;
}

/** Builds the padded compact-index volume of a texture input (see module doc). */
export function padTexture(input: TextureInput): PaddedVolume {
  const { levels, grayLevels, angles } = input;
  const [nz, ny, nx] = input.size;
  let pz = 0,
    py = 0,
    px = 0;
  for (const a of angles) {
    pz = Math.max(pz, Math.abs(a[0]));
    py = Math.max(py, Math.abs(a[1]));
    px = Math.max(px, Math.abs(a[2]));
  }
  if (levels.length !== nz * ny * nx)
    throw new MessageError('radiomics.texture.paddedLength', {
      length: levels.length,
      size: `${nz}x${ny}x${nx}`,
      voxels: nz * ny * nx,
    });
  const Z = nz + 2 * pz,
    Y = ny + 2 * py,
    X = nx + 2 * px;
  const index = new Int32Array(input.Ng + 1);
  for (let k = 0; k < grayLevels.length; k++) index[grayLevels[k]] = k + 1;
  const data = new Int32Array(Z * Y * X);
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let o = ((z + pz) * Y + y + py) * X + px;
      for (let x = 0; x < nx; x++, i++, o++) {
        const l = levels[i];
        if (l !== 0) {
          const c = l > 0 && l <= input.Ng ? index[l] : 0;
          if (c === 0) throw new MessageError('radiomics.texture.paddedLevel', { level: l, voxel: i });
          data[o] = c;
        }
      }
    }
  }
  const offsets = Int32Array.from(angles, (a) => (a[0] * Y + a[1]) * X + a[2]);
  return { data, Z, Y, X, pz, py, px, offsets, n: grayLevels.length };
}
