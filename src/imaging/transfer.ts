/**
 * Grey images as they cross to a worker: in the narrowest typed array that holds every value
 * exactly (Uint8 for the usual 8-bit ultrasound, Uint16/Int16 for most DICOM, Float64 otherwise), so
 * the main thread copies a quarter or an eighth of the bytes of a Float64Array — the copy of an
 * 800×600 image is then a few milliseconds, not a long task.
 *
 * Must stay true: `unpackGrey(packGrey(image))` has exactly the values of `image` (bit for bit,
 * −0 and NaN included — anything a narrow type cannot hold keeps Float64), and `packGrey` never
 * shares memory with its input (the copy is transferred, the store keeps the original).
 */
import type { ImageVolume } from '../radiomics/types';

type Narrow = Uint8ArrayConstructor | Uint16ArrayConstructor | Int16ArrayConstructor;

/** Copies `src` into a new `T` if every value fits exactly; null as soon as one does not. */
function narrowCopy(src: ArrayLike<number>, T: Narrow, lo: number, hi: number): ArrayLike<number> | null {
  const n = src.length;
  const out = new T(n);
  for (let i = 0; i < n; i++) {
    const v = src[i];
    // NaN fails the range test; −0 would come back as +0.
    if (!(v >= lo && v <= hi) || Math.floor(v) !== v || (v === 0 && 1 / v < 0)) return null;
    out[i] = v;
  }
  return out;
}

/** A copy of `image` with its values in the narrowest exact typed array (see the header). */
export function packGrey<I extends ImageVolume>(image: I): I {
  const src = image.data;
  const data =
    narrowCopy(src, Uint8Array, 0, 0xff) ??
    narrowCopy(src, Uint16Array, 0, 0xffff) ??
    narrowCopy(src, Int16Array, -0x8000, 0x7fff) ??
    new Float64Array(src);
  return { ...image, data };
}

/** `image` with Float64Array values, as the engine and the segmentation receive them (no copy if already). */
export function unpackGrey<I extends ImageVolume>(image: I): I & { data: Float64Array } {
  const d = image.data;
  return { ...image, data: d instanceof Float64Array ? d : new Float64Array(d) };
}
