/**
 * TIFF decoding with image-js `tiff` (uncompressed, LZW, Deflate; 1/8/16-bit integer, 32/64-bit
 * float; grey, RGB, palette; strips and tiles). Signed 8/16-bit samples are reinterpreted as signed.
 * Multi-page files decode the requested page (default the first). Pure TypeScript.
 */
import { MessageError, message, type Message } from '../util/message';
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
 * @throws MessageError `imaging.tiff.why.*` (a short phrase, which decodeTiff wraps into its message) for a chain that loops or
 *   leaves the file, and for a requested page larger than MAX_PIXELS or than the file can hold
 */
function checkIfdChain(bytes: Uint8Array, page: number): void {
  if (bytes.length < 8) throw new MessageError('imaging.tiff.why.header');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = bytes[0] === 0x49;
  const seen = new Set<number>();
  let offset = dv.getUint32(4, le);
  let pages = 0;
  while (offset !== 0) {
    if (seen.has(offset)) throw new MessageError('imaging.tiff.why.loop');
    if (offset + 2 > bytes.length) throw new MessageError('imaging.tiff.why.outside', { offset });
    seen.add(offset);
    const entries = dv.getUint16(offset, le);
    const end = offset + 2 + 12 * entries;
    if (end + 4 > bytes.length) throw new MessageError('imaging.tiff.why.pastEnd');
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
        throw new MessageError('imaging.tiff.why.tooLarge', { width, height, limit: MAX_PIXELS / 1e6 });
      // Even at 1 bit per pixel and the best compression TIFF allows (LZW and Deflate stay below
      // ~1300:1), a file of n bytes holds at most ~3000·n·8 pixels.
      if (width * height > 8 * (3000 * bytes.length + 65536))
        throw new MessageError('imaging.tiff.why.tooSmall', { bytes: bytes.length, width, height });
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
      throw new MessageError('imaging.tiff.why.page', { page: page + 1, pages });
    }
    ifd = decode(bytes, { pages: [page] })[0];
  } catch (e) {
    const detail = e instanceof MessageError ? e.toMessage() : (e as Error).message;
    throw new MessageError('imaging.tiff.undecodable', { detail }, { cause: e });
  }
  const width = ifd.width;
  const height = ifd.height;
  const spp = ifd.samplesPerPixel;
  const bits = ifd.bitsPerSample;
  // A damaged directory can lack these tags or hold several values (the library then gives undefined or
  // an array): refuse instead of returning an image of size NaN (robustness finding F6).
  const valid = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v) && v > 0;
  if (!valid(width) || !valid(height) || !valid(spp) || !valid(bits)) {
    throw new MessageError('imaging.tiff.badTags');
  }
  const photometric = PHOTOMETRIC[ifd.type] ?? `photometric ${ifd.type}`;
  const warnings: Message[] = [];
  if (pages > 1) warnings.push(message('imaging.warn.tiffPages', { pages, page: page + 1 }));
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
    if (pal === undefined) throw new MessageError('imaging.tiff.noColourMap');
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
    throw new MessageError('imaging.tiff.shortPixels');
  }
  if (ifd.alpha) warnings.push(message('imaging.warn.alphaIgnored'));
  if (ifd.get('XResolution') !== undefined && ifd.resolutionUnit !== 1) {
    warnings.push(message('imaging.warn.tiffResolution'));
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
