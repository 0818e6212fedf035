/**
 * Synchronous SHA-1 (FIPS 180-4) in pure TypeScript, for the `diagnostics_*_Hash` entries
 * (PyRadiomics reports SimpleITK's SHA-1 of the pixel buffer). Not for security use.
 */

/** Rotates a 32-bit word left by `n` bits. */
function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** True on little-endian platforms (all the app targets), where a Uint32Array view reads words byte-swapped. */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** SHA-1 compression of the message block held in w[0..15] into state `h` (5 words); w is the 80-word schedule. */
function compress(h: Int32Array, w: Int32Array): void {
  for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
  let a = h[0];
  let bb = h[1];
  let c = h[2];
  let d = h[3];
  let e = h[4];
  let t = 0;
  for (; t < 20; t++) {
    const tmp = (rotl(a, 5) + ((bb & c) | (~bb & d)) + 0x5a827999 + e + w[t]) | 0;
    e = d;
    d = c;
    c = rotl(bb, 30);
    bb = a;
    a = tmp;
  }
  for (; t < 40; t++) {
    const tmp = (rotl(a, 5) + (bb ^ c ^ d) + 0x6ed9eba1 + e + w[t]) | 0;
    e = d;
    d = c;
    c = rotl(bb, 30);
    bb = a;
    a = tmp;
  }
  for (; t < 60; t++) {
    const tmp = (rotl(a, 5) + ((bb & c) | (bb & d) | (c & d)) + 0x8f1bbcdc + e + w[t]) | 0;
    e = d;
    d = c;
    c = rotl(bb, 30);
    bb = a;
    a = tmp;
  }
  for (; t < 80; t++) {
    const tmp = (rotl(a, 5) + (bb ^ c ^ d) + 0xca62c1d6 + e + w[t]) | 0;
    e = d;
    d = c;
    c = rotl(bb, 30);
    bb = a;
    a = tmp;
  }
  h[0] = (h[0] + a) | 0;
  h[1] = (h[1] + bb) | 0;
  h[2] = (h[2] + c) | 0;
  h[3] = (h[3] + d) | 0;
  h[4] = (h[4] + e) | 0;
}

/** Loads the 64-byte block of `b` at `off` as 16 big-endian words. */
function loadBytes(w: Int32Array, b: Uint8Array, off: number): void {
  for (let t = 0; t < 16; t++, off += 4)
    w[t] = (b[off] << 24) | (b[off + 1] << 16) | (b[off + 2] << 8) | b[off + 3];
}

/** Loads 16 words of a little-endian Uint32Array view at `k` as big-endian words (byte swap). */
function loadSwapped(w: Int32Array, u: Uint32Array, k: number): void {
  for (let t = 0; t < 16; t++) {
    const v = u[k + t];
    w[t] = (v >>> 24) | ((v >>> 8) & 0xff00) | ((v & 0xff00) << 8) | (v << 24);
  }
}

/**
 * SHA-1 of `bytes` as 40 lower-case hex digits. Full blocks are read in place (as 32-bit words when
 * the data is 4-byte aligned on a little-endian platform); only the tail is copied for padding.
 */
export function sha1Hex(bytes: Uint8Array): string {
  const len = bytes.length;
  const h = Int32Array.of(0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0);
  const w = new Int32Array(80);
  const full = len - (len % 64);
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    const u = new Uint32Array(bytes.buffer, bytes.byteOffset, full >> 2);
    for (let k = 0; k < full >> 2; k += 16) {
      loadSwapped(w, u, k);
      compress(h, w);
    }
  } else {
    for (let off = 0; off < full; off += 64) {
      loadBytes(w, bytes, off);
      compress(h, w);
    }
  }
  // Tail: remaining bytes, 0x80, zeros, 64-bit big-endian bit length.
  const tail = new Uint8Array(len % 64 < 56 ? 64 : 128);
  tail.set(bytes.subarray(full));
  tail[len - full] = 0x80;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(len / 0x20000000));
  view.setUint32(tail.length - 4, (len * 8) >>> 0);
  for (let off = 0; off < tail.length; off += 64) {
    loadBytes(w, tail, off);
    compress(h, w);
  }
  return Array.from(h, (x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}

/**
 * Bytes of a voxel array as stored in memory: a typed array's own bytes (platform byte order,
 * little-endian everywhere the app runs), anything else as float64.
 */
export function voxelBytes(data: ArrayLike<number>): Uint8Array {
  if (ArrayBuffer.isView(data)) {
    const v = data as unknown as ArrayBufferView;
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  }
  const f = Float64Array.from(data);
  return new Uint8Array(f.buffer);
}

/**
 * Bytes to hash for an image: typed integer arrays as they are; a Float64Array whose values are
 * all integers is narrowed to the smallest of uint8 / uint16 / int16 / int32 that holds them exactly.
 * Decoders hand the engine float64 grey values, but the file (8-bit PNG, 16-bit DICOM) carried an
 * integer pixel type, which is what PyRadiomics hashes; narrowing makes the hash equal PyRadiomics'
 * for the same file and hashes 8x fewer bytes. Non-integer data is hashed as float64.
 */
export function imageHashBytes(data: ArrayLike<number>): Uint8Array {
  if (!(data instanceof Float64Array)) return voxelBytes(data);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!Number.isInteger(v)) return voxelBytes(data);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min >= 0 && max <= 0xff) return voxelBytes(Uint8Array.from(data));
  if (min >= 0 && max <= 0xffff) return voxelBytes(Uint16Array.from(data));
  if (min >= -0x8000 && max <= 0x7fff) return voxelBytes(Int16Array.from(data));
  if (min >= -0x80000000 && max <= 0x7fffffff) return voxelBytes(Int32Array.from(data));
  return voxelBytes(data);
}
