/**
 * Seeded, deterministic mutators for the decoder fuzz: generic byte-level mutations (bit flips, byte
 * overwrites with boundary values, truncation, insertion, deletion, duplication) and format-aware ones
 * (PNG chunk lengths and IHDR fields with recomputed CRCs, JPEG segment lengths and frame header, BMP
 * and NIfTI header fields, TIFF IFD entries and offsets, DICOM element lengths and values, NRRD header
 * lines). Pure TypeScript.
 */
import type { ImageFormat } from '../../../src/imaging';

/** A random source: uniform [0, 1). */
export type Rnd = () => number;

/** Integer in [0, n). */
export function below(rnd: Rnd, n: number): number {
  return Math.floor(rnd() * n);
}

/** A random element of a list. */
function pick<T>(rnd: Rnd, list: readonly T[]): T {
  return list[below(rnd, list.length)];
}

/** Values that often break size and offset arithmetic. */
const INTERESTING_32 = [
  0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000, 60000, 0x7fffffff, 0x80000000,
  0xffffffff,
];
const INTERESTING_16 = [0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff, 60000];
const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xfe, 0xff];

/** A random "interesting" or random 32-bit value. */
function value32(rnd: Rnd): number {
  return rnd() < 0.7 ? pick(rnd, INTERESTING_32) : Math.floor(rnd() * 0x100000000);
}

/** A random "interesting" or random 16-bit value. */
function value16(rnd: Rnd): number {
  return rnd() < 0.7 ? pick(rnd, INTERESTING_16) : below(rnd, 0x10000);
}

/** Writes a 16-bit value at `at` (ignored past the end). */
function put16(b: Uint8Array, at: number, v: number, little: boolean): void {
  if (at < 0 || at + 2 > b.length) return;
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint16(at, v & 0xffff, little);
}

/** Writes a 32-bit value at `at` (ignored past the end). */
function put32(b: Uint8Array, at: number, v: number, little: boolean): void {
  if (at < 0 || at + 4 > b.length) return;
  new DataView(b.buffer, b.byteOffset, b.byteLength).setUint32(at, v >>> 0, little);
}

/** Concatenates byte arrays. */
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Generic mutations

/** Flips 1–8 random bits. */
function bitFlips(b: Uint8Array, rnd: Rnd): Uint8Array {
  const out = b.slice();
  const n = 1 + below(rnd, 8);
  for (let k = 0; k < n && out.length > 0; k++) out[below(rnd, out.length)] ^= 1 << below(rnd, 8);
  return out;
}

/** Overwrites 1–4 random bytes (boundary values or random), or a 16/32-bit field, anywhere. */
function byteOverwrite(b: Uint8Array, rnd: Rnd): Uint8Array {
  const out = b.slice();
  if (out.length === 0) return out;
  const mode = below(rnd, 3);
  const at = below(rnd, out.length);
  if (mode === 0) {
    const n = 1 + below(rnd, 4);
    for (let k = 0; k < n; k++)
      out[below(rnd, out.length)] = rnd() < 0.6 ? pick(rnd, INTERESTING_8) : below(rnd, 256);
  } else if (mode === 1) put16(out, at, value16(rnd), rnd() < 0.5);
  else put32(out, at, value32(rnd), rnd() < 0.5);
  return out;
}

/** Overwrites a field within the first 512 bytes (where the headers are). */
function headerField(b: Uint8Array, rnd: Rnd): Uint8Array {
  const out = b.slice();
  const at = below(rnd, Math.min(out.length, 512));
  if (rnd() < 0.5) put16(out, at & ~1, value16(rnd), rnd() < 0.5);
  else put32(out, at & ~1, value32(rnd), rnd() < 0.5);
  return out;
}

/** Truncates at a random length (biased towards the header and the very end). */
function truncate(b: Uint8Array, rnd: Rnd): Uint8Array {
  const r = rnd();
  const len =
    r < 0.3
      ? below(rnd, Math.min(b.length, 400))
      : r < 0.5
        ? b.length - 1 - below(rnd, 8)
        : below(rnd, b.length);
  return b.slice(0, Math.max(0, len));
}

/** Inserts 1–16 random bytes at a random position. */
function insertBytes(b: Uint8Array, rnd: Rnd): Uint8Array {
  const at = below(rnd, b.length + 1);
  const ins = Uint8Array.from({ length: 1 + below(rnd, 16) }, () => below(rnd, 256));
  return concat(b.subarray(0, at), ins, b.subarray(at));
}

/** Deletes a random range of 1–32 bytes. */
function deleteBytes(b: Uint8Array, rnd: Rnd): Uint8Array {
  const at = below(rnd, b.length);
  const n = 1 + below(rnd, 32);
  return concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + n)));
}

/** Duplicates a random range in place (repeated structures). */
function duplicateRange(b: Uint8Array, rnd: Rnd): Uint8Array {
  const at = below(rnd, b.length);
  const n = 1 + below(rnd, Math.min(64, b.length - at));
  return concat(b.subarray(0, at + n), b.subarray(at, at + n), b.subarray(at + n));
}

// ---------------------------------------------------------------------------------------------
// Format-aware mutations

/** CRC-32 (PNG, zlib polynomial). */
const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of bytes. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Offsets of the PNG chunks (length field) that lie completely inside the file. */
function pngChunks(b: Uint8Array): number[] {
  const out: number[] = [];
  let p = 8;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  while (p + 12 <= b.length) {
    out.push(p);
    const len = dv.getUint32(p);
    if (len > b.length) break;
    p += 12 + len;
  }
  return out;
}

/** Recomputes the CRC of every well-formed chunk (so that mutations reach past the CRC check). */
export function fixPngCrcs(b: Uint8Array): Uint8Array {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (const p of pngChunks(b)) {
    const len = dv.getUint32(p);
    if (p + 12 + len > b.length) break;
    dv.setUint32(p + 8 + len, crc32(b.subarray(p + 4, p + 8 + len)));
  }
  return b;
}

/** PNG: corrupts a chunk length, an IHDR field, chunk data (CRC fixed) or drops / repeats a chunk. */
function pngAware(b: Uint8Array, rnd: Rnd): Uint8Array {
  const chunks = pngChunks(b);
  if (chunks.length === 0) return bitFlips(b, rnd);
  const out = b.slice();
  const dv = new DataView(out.buffer);
  const p = pick(rnd, chunks);
  const len = dv.getUint32(p);
  switch (below(rnd, 5)) {
    case 0:
      put32(out, p, value32(rnd), false);
      return out;
    case 1: {
      // IHDR: width 16, height 20, depth 24, colour type 25, compression 26, filter 27, interlace 28
      const field = pick(rnd, [16, 20, 24, 25, 26, 27, 28]);
      if (field <= 20) put32(out, field, value32(rnd), false);
      else out[field] = rnd() < 0.5 ? pick(rnd, [0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 255]) : below(rnd, 256);
      return fixPngCrcs(out);
    }
    case 2: {
      for (let k = 0; k < 1 + below(rnd, 4) && len > 0; k++) out[p + 8 + below(rnd, len)] = below(rnd, 256);
      return fixPngCrcs(out);
    }
    case 3:
      return concat(b.subarray(0, p), b.subarray(Math.min(b.length, p + 12 + len)));
    default:
      return concat(
        b.subarray(0, p + 12 + len),
        b.subarray(p, Math.min(b.length, p + 12 + len)),
        b.subarray(p + 12 + len),
      );
  }
}

/** Offsets of the JPEG marker segments (the FF byte) before the first scan. */
function jpegSegments(b: Uint8Array): number[] {
  const out: number[] = [];
  let p = 2;
  while (p + 4 <= b.length && b[p] === 0xff) {
    out.push(p);
    if (b[p + 1] === 0xda) break;
    p += 2 + ((b[p + 2] << 8) | b[p + 3]);
  }
  return out;
}

/** JPEG: corrupts a segment length or marker, the frame header (size, precision, components), or the scan data. */
function jpegAware(b: Uint8Array, rnd: Rnd): Uint8Array {
  const segs = jpegSegments(b);
  if (segs.length === 0) return bitFlips(b, rnd);
  const out = b.slice();
  const p = pick(rnd, segs);
  const sof = segs.find((s) => b[s + 1] >= 0xc0 && b[s + 1] <= 0xc2);
  switch (below(rnd, 4)) {
    case 0:
      put16(out, p + 2, value16(rnd), false);
      return out;
    case 1:
      out[p + 1] =
        rnd() < 0.5
          ? pick(rnd, [0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc9, 0xd8, 0xd9, 0xda, 0xdb, 0xdd, 0xff])
          : below(rnd, 256);
      return out;
    case 2:
      if (sof === undefined) return bitFlips(b, rnd);
      // SOF: precision +4, height +5, width +7, components +9, then 3 bytes per component
      if (rnd() < 0.6) put16(out, sof + pick(rnd, [5, 7]), value16(rnd), false);
      else
        out[sof + pick(rnd, [4, 9, 10, 11, 12, 13])] = pick(
          rnd,
          [0, 1, 2, 3, 4, 8, 12, 16, 0x11, 0x22, 0xff],
        );
      return out;
    default: {
      const scan = segs[segs.length - 1];
      const from = Math.min(b.length - 1, scan + 14);
      for (let k = 0; k < 1 + below(rnd, 6); k++) out[from + below(rnd, b.length - from)] = below(rnd, 256);
      return out;
    }
  }
}

/** BMP: corrupts a header field (offset, DIB size, width, height, planes, bpp, compression, colours, masks). */
function bmpAware(b: Uint8Array, rnd: Rnd): Uint8Array {
  const out = b.slice();
  const field = pick(rnd, [
    [2, 4],
    [10, 4],
    [14, 4],
    [18, 4],
    [22, 4],
    [26, 2],
    [28, 2],
    [30, 4],
    [34, 4],
    [46, 4],
    [54, 4],
    [58, 4],
    [62, 4],
    [18, 2],
    [20, 2],
    [24, 2],
  ] as const);
  const [at, size] = field;
  if (at === 14 && rnd() < 0.5) put32(out, at, pick(rnd, [12, 40, 52, 56, 64, 108, 124]), true);
  else if (at === 28 && rnd() < 0.6) put16(out, at, pick(rnd, [0, 1, 2, 4, 8, 15, 16, 24, 32, 48, 64]), true);
  else if (at === 30 && rnd() < 0.6) put32(out, at, pick(rnd, [0, 1, 2, 3, 4, 5, 6, 7, 11]), true);
  else if (at === 22 && rnd() < 0.3) put32(out, at, -below(rnd, 40000), true);
  else if (size === 2) put16(out, at, value16(rnd), true);
  else put32(out, at, value32(rnd), true);
  return out;
}

/** TIFF: corrupts the first-IFD offset, an IFD entry (tag, type, count, value/offset), the entry count or the next-IFD link. */
function tiffAware(b: Uint8Array, rnd: Rnd): Uint8Array {
  if (b.length < 8) return bitFlips(b, rnd);
  const le = b[0] === 0x49;
  const out = b.slice();
  const dv = new DataView(out.buffer);
  const ifd = dv.getUint32(4, le);
  if (ifd + 2 > b.length) return bitFlips(b, rnd);
  const n = dv.getUint16(ifd, le);
  const entry = ifd + 2 + 12 * below(rnd, Math.max(1, n));
  switch (below(rnd, 7)) {
    case 0:
      put32(out, 4, rnd() < 0.5 ? value32(rnd) : below(rnd, b.length), le);
      return out;
    case 1:
      put16(out, ifd, value16(rnd), le);
      return out;
    case 2:
      put16(
        out,
        entry,
        pick(rnd, [256, 257, 258, 259, 262, 273, 277, 278, 279, 284, 317, 320, 338, 339, value16(rnd)]),
        le,
      );
      return out;
    case 3:
      put16(out, entry + 2, below(rnd, 20), le);
      return out;
    case 4:
      put32(out, entry + 4, value32(rnd), le);
      return out;
    case 5:
      if (rnd() < 0.5) put16(out, entry + 8, value16(rnd), le);
      else put32(out, entry + 8, rnd() < 0.5 ? value32(rnd) : below(rnd, b.length), le);
      return out;
    default:
      // next-IFD link: to a random place, past the end, or back to the first IFD (a loop)
      put32(out, ifd + 2 + 12 * n, pick(rnd, [ifd, 8, below(rnd, b.length), value32(rnd)]), le);
      return out;
  }
}

/** Offsets of the DICOM data-element tags found by scanning for group 0x0002/0x0008/0x0018/0x0028/0x7fe0. */
function dicomTags(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let p = 132; p + 8 <= b.length; p++) {
    const lo = b[p] | (b[p + 1] << 8);
    const hi = (b[p] << 8) | b[p + 1];
    if ([0x0002, 0x0008, 0x0018, 0x0028, 0x7fe0, 0xfffe].includes(lo) || [0x0028, 0x7fe0].includes(hi))
      out.push(p);
  }
  return out;
}

/** DICOM: corrupts an element's VR, length (short or long form) or value, or the transfer syntax. */
function dicomAware(b: Uint8Array, rnd: Rnd): Uint8Array {
  const tags = dicomTags(b);
  if (tags.length === 0) return bitFlips(b, rnd);
  const out = b.slice();
  const p = pick(rnd, tags);
  switch (below(rnd, 5)) {
    case 0:
      out[p + 4] = pick(rnd, [0x4f, 0x53, 0x55, 0x44, 0x49, 0x46]); // O S U D I F
      out[p + 5] = pick(rnd, [0x42, 0x57, 0x51, 0x53, 0x4c, 0x4e, 0x54]); // B W Q S L N T
      return out;
    case 1:
      put16(out, p + 6, value16(rnd), rnd() < 0.8);
      return out;
    case 2:
      put32(out, p + 4, value32(rnd), rnd() < 0.8);
      return out;
    case 3: {
      const at = p + 8 + below(rnd, 8);
      if (rnd() < 0.5) put16(out, at, value16(rnd), rnd() < 0.8);
      else out[at] = below(rnd, 256);
      return out;
    }
    default: {
      // the transfer syntax UID text: change its last characters
      const text = new TextDecoder('latin1').decode(b.subarray(0, Math.min(b.length, 400)));
      const at = text.indexOf('1.2.840.10008.1.2');
      if (at < 0) return bitFlips(b, rnd);
      const digits = '0123456789.\0 ';
      for (let k = 0; k < 1 + below(rnd, 3); k++)
        out[at + 14 + below(rnd, 8)] = digits.charCodeAt(below(rnd, digits.length));
      return out;
    }
  }
}

/** NRRD: replaces or removes a header line's value, or appends a duplicate/odd field. */
function nrrdAware(b: Uint8Array, rnd: Rnd): Uint8Array {
  let end = -1;
  for (let i = 0; i + 1 < b.length; i++)
    if (b[i] === 0x0a && b[i + 1] === 0x0a) {
      end = i + 1;
      break;
    }
  if (end < 0) return bitFlips(b, rnd);
  const lines = new TextDecoder('latin1').decode(b.subarray(0, end)).split('\n');
  const values = [
    '0',
    '-1',
    '1',
    '3',
    '4',
    '65536',
    '60000 60000',
    '4294967296 2',
    '1e308',
    'NaN',
    'none',
    '(1,0,0) (0,1,0)',
    '(nan,0) none',
    'double',
    'block',
    'bzip2',
    'raw',
    'gzip',
    'ascii',
    'hex',
    'big',
    'middle',
    'unsigned long long',
    '',
    'x'.repeat(300),
  ];
  const i = 1 + below(rnd, Math.max(1, lines.length - 2));
  const line = lines[i] ?? '';
  const colon = line.indexOf(': ');
  const r = below(rnd, 4);
  if (r === 0 && colon > 0) lines[i] = `${line.slice(0, colon + 2)}${pick(rnd, values)}`;
  else if (r === 1) lines.splice(i, 1);
  else if (r === 2)
    lines.splice(
      i,
      0,
      `${pick(rnd, ['sizes', 'dimension', 'type', 'encoding', 'line skip', 'byte skip', 'kinds', 'space directions', 'data file', 'spacings'])}: ${pick(rnd, values)}`,
    );
  else lines[0] = pick(rnd, ['NRRD0001', 'NRRD0009', 'NRRD000', 'NRRD']);
  const head = new TextEncoder().encode(lines.join('\n'));
  return concat(head, b.subarray(end));
}

/** NIfTI: corrupts a header field (sizeof_hdr, dim, datatype, bitpix, pixdim, vox_offset, scl, q/sform, magic). */
function niftiAware(b: Uint8Array, rnd: Rnd): Uint8Array {
  if (b.length < 352) return bitFlips(b, rnd);
  const le = new DataView(b.buffer, b.byteOffset).getInt32(0, true) === 348;
  const out = b.slice();
  const dv = new DataView(out.buffer);
  const f = below(rnd, 8);
  if (f === 0)
    dv.setInt16(
      40 + 2 * below(rnd, 8),
      pick(rnd, [0, 1, 2, 3, 4, 7, 8, -1, 32767, -32768, value16(rnd)]),
      le,
    );
  else if (f === 1)
    dv.setInt16(
      70,
      pick(rnd, [0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 768, 1024, 1280, 1536, 2304, value16(rnd)]),
      le,
    );
  else if (f === 2) dv.setInt16(72, pick(rnd, [0, 1, 8, 16, 24, 32, 64, 128]), le);
  else if (f === 3)
    dv.setFloat32(76 + 4 * below(rnd, 8), pick(rnd, [0, -1, NaN, Infinity, 1e-30, 1e30, 0.5]), le);
  else if (f === 4) dv.setFloat32(108, pick(rnd, [0, 1, 347, 348, 352, 353, 1e9, -352, NaN, Infinity]), le);
  else if (f === 5)
    dv.setFloat32(112 + 4 * below(rnd, 2), pick(rnd, [0, 1, -1, NaN, Infinity, -Infinity, 1e38, 1e-38]), le);
  else if (f === 6) {
    dv.setInt16(252 + 2 * below(rnd, 2), pick(rnd, [0, 1, 2, 3, 4, -1, 32767]), le);
    dv.setFloat32(256 + 4 * below(rnd, 15), pick(rnd, [0, 1, -1, NaN, Infinity, 2, 1e30]), le);
  } else {
    out.set(
      pick(rnd, [
        [0x6e, 0x69, 0x31, 0],
        [0x6e, 0x2b, 0x32, 0],
        [0, 0, 0, 0],
      ]),
      344,
    );
    if (rnd() < 0.3) dv.setInt32(0, pick(rnd, [540, 0, 347, 349]), le);
  }
  return out;
}

/** The generic mutations, by name. */
const GENERIC: Record<string, (b: Uint8Array, rnd: Rnd) => Uint8Array> = {
  bitflip: bitFlips,
  overwrite: byteOverwrite,
  header: headerField,
  truncate,
  insert: insertBytes,
  delete: deleteBytes,
  duplicate: duplicateRange,
};

/** The format-aware mutation of each format. */
const AWARE: Record<ImageFormat, (b: Uint8Array, rnd: Rnd) => Uint8Array> = {
  png: pngAware,
  jpeg: jpegAware,
  bmp: bmpAware,
  tiff: tiffAware,
  dicom: dicomAware,
  nrrd: nrrdAware,
  nifti: niftiAware,
};

/**
 * Applies 1–3 mutations (format-aware ones half of the time) to a copy of `bytes`.
 * @returns the mutated bytes and the names of the mutations applied
 */
export function mutate(
  format: ImageFormat,
  bytes: Uint8Array,
  rnd: Rnd,
): { bytes: Uint8Array; ops: string[] } {
  let out = bytes;
  const ops: string[] = [];
  const rounds = 1 + (rnd() < 0.3 ? below(rnd, 3) : 0);
  for (let k = 0; k < rounds; k++) {
    if (rnd() < 0.5) {
      out = AWARE[format](out, rnd);
      ops.push(`${format}-field`);
    } else {
      const name = pick(rnd, Object.keys(GENERIC));
      out = GENERIC[name](out, rnd);
      ops.push(name);
    }
  }
  return { bytes: out, ops };
}
