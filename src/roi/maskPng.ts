/**
 * ROI mask export and re-import as PNG: 8-bit greyscale, 0 = background, 255 = ROI, same size as the
 * image. `decodeMask` (src/imaging; `decodeMaskAsync` in the app) reads it back to exactly the same 0/1 mask.
 */
import { MessageError, type Message } from '../util/message';
import { encode } from 'fast-png';
import { decodeMaskAsync } from '../imaging/lazy';

/** PNG bytes of a 0/1 mask (grey 0/255). */
export function encodeMaskPng(mask: ArrayLike<number>, width: number, height: number): Uint8Array {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = mask[i] ? 255 : 0;
  return encode({ width, height, data, channels: 1, depth: 8 });
}

/**
 * Reads a mask file (PNG 0/1 or 0/255, NIfTI/NRRD single slice, …) for an image of the given size.
 * @throws Error naming the size mismatch or the decoder's problem
 */
export async function readMaskFile(
  bytes: Uint8Array,
  fileName: string,
  width: number,
  height: number,
): Promise<{ data: Uint8Array; warnings: Message[] }> {
  const d = await decodeMaskAsync(bytes, fileName);
  const [nz, ny, nx] = d.mask.size;
  if (nz !== 1) {
    throw new MessageError('roi.mask.slices', { file: fileName, slices: nz });
  }
  if (nx !== width || ny !== height) {
    throw new MessageError('roi.mask.size', { file: fileName, nx, ny, width, height });
  }
  const data = new Uint8Array(nx * ny);
  for (let i = 0; i < data.length; i++) data[i] = d.mask.data[i] === d.label ? 1 : 0;
  return { data, warnings: d.warnings };
}
