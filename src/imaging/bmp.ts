/**
 * Windows BMP decoder: 1/4/8-bit palette, 16/24/32-bit direct colour, BI_RGB and BI_BITFIELDS
 * (also BI_ALPHABITFIELDS), bottom-up and top-down rows, OS/2 core and INFO/V4/V5 headers.
 * Run-length (RLE4/RLE8), JPEG and PNG compressed BMPs are rejected with a clear message.
 * Pure TypeScript.
 */
import { MessageError, message, type Message } from '../util/message';
import { paletteToRgb } from './grey';
import { pixelUnits } from './spacing';
import type { Decoded2D } from './types';

/** True when `bytes` starts with "BM" and a plausible DIB header size. */
export function isBmp(bytes: Uint8Array): boolean {
  if (bytes.length < 18 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return false;
  const dib = bytes[14] | (bytes[15] << 8) | (bytes[16] << 16) | (bytes[17] << 24);
  return [12, 40, 52, 56, 64, 108, 124].includes(dib);
}

/** Names of BMP compression codes, for messages. */
const COMPRESSION_NAMES: Record<number, string> = {
  1: 'RLE8',
  2: 'RLE4',
  4: 'JPEG',
  5: 'PNG',
};

/** Number of trailing zero bits of a non-zero mask. */
function shiftOf(mask: number): number {
  let s = 0;
  while (s < 32 && ((mask >>> s) & 1) === 0) s++;
  return s;
}

/** Extracts the channel under `mask` from `px` and scales it to 0–255 (truncating, as Pillow's unpackers). */
function channel(px: number, mask: number): number {
  if (mask === 0) return 0;
  const shift = shiftOf(mask);
  const max = mask >>> shift;
  const v = (px & mask) >>> shift;
  return max === 255 ? v : Math.floor((v * 255) / max);
}

/**
 * Decodes a BMP file.
 * @throws Error for truncated files, unsupported compression and bit depths
 */
export function decodeBmp(bytes: Uint8Array): Decoded2D {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const truncated = (): Error => new MessageError('imaging.bmp.truncated');
  if (bytes.length < 26) throw truncated();
  const dataOffset = dv.getUint32(10, true);
  const dibSize = dv.getUint32(14, true);
  if (bytes.length < 14 + Math.min(dibSize, 40)) throw truncated();
  let width: number;
  let rawHeight: number;
  let bpp: number;
  let compression = 0;
  let colorsUsed = 0;
  let paletteEntrySize = 4;
  if (dibSize === 12) {
    width = dv.getUint16(18, true);
    rawHeight = dv.getInt16(20, true);
    bpp = dv.getUint16(24, true);
    paletteEntrySize = 3;
  } else {
    width = dv.getInt32(18, true);
    rawHeight = dv.getInt32(22, true);
    bpp = dv.getUint16(28, true);
    compression = dv.getUint32(30, true);
    colorsUsed = dv.getUint32(46, true);
  }
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0) {
    throw new MessageError('imaging.bmp.badSize', { width, height });
  }
  if (COMPRESSION_NAMES[compression] !== undefined) {
    throw new MessageError('imaging.bmp.compressed', { compression: COMPRESSION_NAMES[compression] });
  }
  if (compression !== 0 && compression !== 3 && compression !== 6) {
    throw new MessageError('imaging.bmp.unknownCompression', { compression });
  }
  if (![1, 4, 8, 16, 24, 32].includes(bpp)) {
    throw new MessageError('imaging.bmp.bitDepth', { bpp });
  }

  // Channel masks for direct colour.
  let masks: [number, number, number, number] =
    bpp === 16 ? [0x7c00, 0x03e0, 0x001f, 0] : [0xff0000, 0x00ff00, 0x0000ff, 0];
  let afterHeader = 14 + dibSize;
  if (compression === 3 || compression === 6) {
    if (bpp !== 16 && bpp !== 32) {
      throw new MessageError('imaging.bmp.bitFields', { bpp });
    }
    const hasAlpha = compression === 6 || dibSize >= 56;
    // the alpha mask ends at byte 70: a 69-byte file gave a RangeError (robustness finding F13)
    if (bytes.length < 54 + (hasAlpha ? 16 : 12)) throw truncated();
    const alpha = hasAlpha ? dv.getUint32(66, true) : 0;
    masks = [dv.getUint32(54, true), dv.getUint32(58, true), dv.getUint32(62, true), alpha];
    if (dibSize === 40) afterHeader += compression === 6 ? 16 : 12;
  }

  // Palette for 1/4/8-bit images.
  let palette: number[][] | undefined;
  if (bpp <= 8) {
    const count = colorsUsed > 0 ? Math.min(colorsUsed, 1 << bpp) : 1 << bpp;
    if (afterHeader + count * paletteEntrySize > bytes.length) throw truncated();
    palette = [];
    for (let i = 0; i < count; i++) {
      const p = afterHeader + i * paletteEntrySize;
      palette.push([bytes[p + 2], bytes[p + 1], bytes[p]]);
    }
  }

  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset + stride * (height - 1) + Math.ceil((bpp * width) / 8) > bytes.length) throw truncated();
  const n = width * height;
  const indices = palette ? new Uint8Array(n) : undefined;
  const rgb = palette ? undefined : new Uint8Array(n * 3);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (indices) {
        const bit = x * bpp;
        const byte = bytes[row + (bit >> 3)];
        indices[i] = bpp === 8 ? byte : (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
      } else if (rgb) {
        if (bpp === 24) {
          const p = row + 3 * x;
          rgb[3 * i] = bytes[p + 2];
          rgb[3 * i + 1] = bytes[p + 1];
          rgb[3 * i + 2] = bytes[p];
        } else {
          const px = bpp === 16 ? dv.getUint16(row + 2 * x, true) : dv.getUint32(row + 4 * x, true);
          rgb[3 * i] = channel(px, masks[0]);
          rgb[3 * i + 1] = channel(px, masks[1]);
          rgb[3 * i + 2] = channel(px, masks[2]);
        }
      }
    }
  }
  const warnings: Message[] = [];
  if (bpp === 32 && masks[3] !== 0) warnings.push(message('imaging.warn.alphaIgnored'));
  const data = palette && indices ? paletteToRgb(indices, palette) : (rgb as Uint8Array);
  const greyPalette = palette?.every((c) => c[0] === c[1] && c[1] === c[2]) ?? false;
  return {
    raster: { width, height, channels: 3, data, bitDepth: 8 },
    paletteIndices: indices,
    bitDepth: bpp,
    channels: palette ? 1 : 3,
    photometric: palette ? (greyPalette ? 'palette (grey)' : 'palette') : 'rgb',
    frames: 1,
    spacing: pixelUnits(),
    warnings,
  };
}
