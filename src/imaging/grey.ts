/**
 * Colour-to-grey conversion and display rendering of decoded rasters.
 *
 * Grey values follow Pillow's `Image.convert('L')` exactly: for 8-bit RGB Pillow computes
 * L = (R·19595 + G·38470 + B·7471 + 0x8000) >> 16 (ITU-R BT.601 weights 0.299/0.587/0.114 in
 * 16-bit fixed point, rounded; Pillow's Convert.c rgb2l), which is what PyRadiomics users get when
 * they convert a colour PNG to grey. Palette images are expanded to RGB first; alpha is ignored.
 * Pure TypeScript.
 */
import { MessageError } from '../util/message';

/** A decoded 2-D raster with interleaved samples. */
export interface Raster {
  width: number;
  height: number;
  /** Samples per pixel: 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA. */
  channels: number;
  /** Interleaved samples, row-major, `channels` per pixel. */
  data: ArrayLike<number>;
  /** Bits per sample (8, 16, 32, …). */
  bitDepth: number;
  /** True for floating-point samples. */
  isFloat?: boolean;
}

/** Pillow's 8-bit RGB → L luma in 16-bit fixed point: (R·19595 + G·38470 + B·7471 + 0x8000) >> 16. */
export function pillowLuma(r: number, g: number, b: number): number {
  return Math.floor((r * 19595 + g * 38470 + b * 7471 + 0x8000) / 65536);
}

/**
 * Grey values of a raster as doubles, as Pillow gives them: grey as it is (16-bit grey keeps its
 * 16-bit values, Pillow mode I;16); colour through {@link pillowLuma}. Pillow reads 16-bit colour and
 * 16-bit grey+alpha as 8-bit modes (RGB, LA) keeping the high byte, so those are reduced to 8 bits first.
 */
export function rasterToGrey(raster: Raster): Float64Array {
  const { width, height, channels, data } = raster;
  const n = width * height;
  const out = new Float64Array(n);
  const highByte = raster.bitDepth === 16 && !raster.isFloat && channels >= 2;
  const s = (v: number): number => (highByte ? v >> 8 : v);
  if (channels <= 2) {
    for (let i = 0; i < n; i++) out[i] = s(data[i * channels]);
  } else {
    for (let i = 0; i < n; i++) {
      const k = i * channels;
      out[i] = pillowLuma(s(data[k]), s(data[k + 1]), s(data[k + 2]));
    }
  }
  return out;
}

/**
 * Expands palette indices to interleaved RGB samples (8 bits per sample).
 * @param indices one palette index per pixel
 * @param palette colour table, [r, g, b] per entry, already scaled to 0–255
 * @throws Error when an index points past the end of the palette
 */
export function paletteToRgb(indices: ArrayLike<number>, palette: ArrayLike<ArrayLike<number>>): Uint8Array {
  const out = new Uint8Array(indices.length * 3);
  for (let i = 0; i < indices.length; i++) {
    const entry = palette[indices[i]];
    if (entry === undefined) {
      throw new MessageError('imaging.paletteIndex', { index: indices[i], entries: palette.length });
    }
    out[3 * i] = entry[0];
    out[3 * i + 1] = entry[1];
    out[3 * i + 2] = entry[2];
  }
  return out;
}

/** Smallest and largest finite value of an array ([0, 0] when there is none). */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/**
 * RGBA bytes for display (never used for features). 8-bit rasters are shown as they are; wider
 * integer colour data are scaled down to 8 bits; wider grey and float data are windowed linearly
 * from their minimum to their maximum.
 */
export function rasterToRgba(raster: Raster): Uint8ClampedArray {
  const { width, height, channels, data, bitDepth } = raster;
  const n = width * height;
  const out = new Uint8ClampedArray(n * 4);
  const colour = channels >= 3;
  let scale = 1;
  let offset = 0;
  if (colour && !raster.isFloat && bitDepth > 8) {
    scale = 255 / (2 ** bitDepth - 1);
  } else if (bitDepth > 8 || raster.isFloat) {
    const used = new Float64Array(n * (colour ? 3 : 1));
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < (colour ? 3 : 1); c++) used[i * (colour ? 3 : 1) + c] = data[i * channels + c];
    }
    const [lo, hi] = finiteRange(used);
    offset = lo;
    scale = hi > lo ? 255 / (hi - lo) : 0;
  }
  for (let i = 0; i < n; i++) {
    const k = i * channels;
    const r = (data[k] - offset) * scale;
    const g = colour ? (data[k + 1] - offset) * scale : r;
    const b = colour ? (data[k + 2] - offset) * scale : r;
    out[4 * i] = r;
    out[4 * i + 1] = g;
    out[4 * i + 2] = b;
    out[4 * i + 3] = 255;
  }
  return out;
}

/**
 * RGBA bytes for display of a grey image given as doubles (e.g. after DICOM rescale): windowed
 * linearly from minimum to maximum, or shown directly when the values already fit 0–255 integers.
 */
export function greyToRgba(grey: ArrayLike<number>): Uint8ClampedArray {
  const [lo, hi] = finiteRange(grey);
  const direct = lo >= 0 && hi <= 255;
  const scale = direct ? 1 : hi > lo ? 255 / (hi - lo) : 0;
  const offset = direct ? 0 : lo;
  const out = new Uint8ClampedArray(grey.length * 4);
  for (let i = 0; i < grey.length; i++) {
    const v = (grey[i] - offset) * scale;
    out[4 * i] = v;
    out[4 * i + 1] = v;
    out[4 * i + 2] = v;
    out[4 * i + 3] = 255;
  }
  return out;
}
