/**
 * TIFF decoding with image-js `tiff` (uncompressed, LZW, Deflate; 1/8/16-bit integer, 32/64-bit
 * float; grey, RGB, palette; strips and tiles). Signed 8/16-bit samples are reinterpreted as signed.
 * Multi-page files decode the requested page (default the first). Pure TypeScript.
 */
import { decode, pageCount } from 'tiff';
import { paletteToRgb } from './grey';
import { pixelUnits } from './spacing';
import type { Decoded2D } from './types';

/** True when `bytes` starts with a TIFF byte-order mark and magic 42 ("II*\0" or "MM\0*"). */
export function isTiff(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const le = bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 0x2a && bytes[3] === 0x00;
  const be = bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0x00 && bytes[3] === 0x2a;
  return le || be;
}

/** Largest page accepted, in pixels (the limit jpeg-js applies to JPEG: 100 megapixels). */
const MAX_PIXELS = 100e6;

/**
 * Walks the chain of image file directories (IFDs) before the `tiff` library does, because the
 * library follows the "next IFD" links without cycle detection (a damaged file whose chain loops
 * made it run forever) and allocates the declared page size before reading any pixel (a header
 * claiming 60000 × 60000 allocated 3.6 GB) — robustness findings F2 and F3,
 * test/unit/robust/FINDINGS.md.
 * @throws Error (a short phrase, which decodeTiff wraps into its message) for a chain that loops or
 *   leaves the file, and for a requested page larger than MAX_PIXELS or than the file can hold
 */
function checkIfdChain(bytes: Uint8Array, page: number): void {
  if (bytes.length < 8) throw new Error('it ends inside its 8-byte header');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  const seen = new Set<number>();
  let offset = dv.getUint32(4, le);
  let pages = 0;
  while (offset !== 0) {
    if (seen.has(offset)) throw new Error('its list of pages loops back on itself');
    if (offset + 2 > bytes.length)
      throw new Error(`a page directory lies outside the file, at byte ${offset}`);
    seen.add(offset);
    const entries = dv.getUint16(offset, le);
    const end = offset + 2 + 12 * entries;
    if (end + 4 > bytes.length) throw new Error('a page directory runs past the end of the file');
    if (pages === page) {
      let width = 0;
      let height = 0;
      for (let p = offset + 2; p < end; p += 12) {
        const tag = dv.getUint16(p, le);
        const value = dv.getUint16(p + 2, le) === 3 ? dv.getUint16(p + 8, le) : dv.getUint32(p + 8, le);
        if (tag === 256) width = value;
        else if (tag === 257) height = value;
      }
      if (width * height > MAX_PIXELS)
        throw new Error(
          `the page declares ${width} × ${height} pixels, more than the ${MAX_PIXELS / 1e6} megapixels ` +
            'that can be opened here',
        );
      // Even at 1 bit per pixel and the best compression TIFF allows (LZW and Deflate stay below
      // ~1300:1), a file of n bytes holds at most ~3000·n·8 pixels.
      if (width * height > 8 * (3000 * bytes.length + 65536))
        throw new Error(
          `its ${bytes.length} bytes cannot hold the ${width} × ${height} page its directory declares`,
        );
    }
    pages++;
    offset = dv.getUint32(end, le);
  }
}

/** TIFF photometric interpretation names. */
const PHOTOMETRIC: Record<number, string> = { 0: 'WhiteIsZero', 1: 'BlackIsZero', 2: 'RGB', 3: 'palette' };

/**
 * Decodes one page of a TIFF file.
 * @param page zero-based page index (default 0)
 * @throws Error for truncated files, unsupported compression, orientation or sample formats
 */
export function decodeTiff(bytes: Uint8Array, page = 0): Decoded2D {
  let pages: number;
  let ifd;
  try {
    checkIfdChain(bytes, page);
    pages = pageCount(bytes);
    if (!Number.isInteger(page) || page < 0 || page >= pages) {
      throw new RangeError(`page ${page + 1} was requested but the file has ${pages}`);
    }
    ifd = decode(bytes, { pages: [page] })[0];
  } catch (e) {
    const msg = (e as Error).message;
    throw new Error(
      `The TIFF file could not be decoded (${msg}). It is truncated, damaged or uses a TIFF feature ` +
        'that is not supported (e.g. JPEG or PackBits compression, rotated orientation). Save it as PNG and try again.',
      { cause: e },
    );
  }
  const width = ifd.width;
  const height = ifd.height;
  const spp = ifd.samplesPerPixel;
  const bits = ifd.bitsPerSample;
  // A damaged directory can lack these tags or hold several values (the library then gives undefined or
  // an array): refuse instead of returning an image of size NaN (robustness finding F6).
  const valid = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;
  if (!valid(width) || !valid(height) || !valid(spp) || !valid(bits)) {
    throw new Error(
      'The TIFF file is damaged: its image size, samples per pixel or bits per sample are missing or ' +
        'invalid. Save it again as TIFF or PNG and try again.',
    );
  }
  const photometric = PHOTOMETRIC[ifd.type] ?? `photometric ${ifd.type}`;
  const warnings: string[] = [];
  if (pages > 1) warnings.push(`The TIFF has ${pages} pages; page ${page + 1} was used.`);
  let data: ArrayLike<number> = ifd.data;
  let channels = spp;
  let bitDepth = bits;
  if (ifd.sampleFormat === 2 && (bits === 8 || bits === 16)) {
    data =
      bits === 8
        ? new Int8Array(ifd.data.buffer as ArrayBuffer)
        : new Int16Array(ifd.data.buffer as ArrayBuffer);
  }
  let paletteIndices: ArrayLike<number> | undefined;
  if (ifd.type === 3) {
    paletteIndices = data;
    const pal = ifd.palette;
    if (pal === undefined) throw new Error('The palette TIFF has no colour map; the file is damaged.');
    data = paletteToRgb(
      data,
      pal.map((c) => c.map((v) => v >> 8)),
    );
    channels = 3;
    bitDepth = 8;
  } else if (bits === 1) {
    const scaled = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) scaled[i] = data[i] * 255;
    data = scaled;
    bitDepth = 8;
  }
  if (data.length < width * height * channels) {
    throw new Error(
      'The TIFF pixel data is shorter than the image size; the file is damaged. Save it again.',
    );
  }
  if (ifd.alpha) warnings.push('The alpha (transparency) channel was ignored.');
  if (ifd.get('XResolution') !== undefined && ifd.resolutionUnit !== 1) {
    warnings.push(
      'The TIFF resolution tag was not used as pixel spacing (it is not an ultrasound calibration).',
    );
  }
  return {
    raster: { width, height, channels, data, bitDepth, isFloat: ifd.sampleFormat === 3 },
    paletteIndices,
    bitDepth: bits,
    channels: spp,
    photometric,
    frames: pages,
    spacing: pixelUnits(),
    warnings,
  };
}
