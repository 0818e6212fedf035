/**
 * JPEG decoding with jpeg-js (baseline and progressive, 8-bit, grey/YCbCr/RGB/CMYK) in typed-array
 * mode. The frame header is read here first so that unsupported kinds (lossless, arithmetic-coded,
 * 12-bit) and truncated files give a clear error. Pure TypeScript.
 */
import { MessageError, message, type Message } from '../util/message';
import { decode } from 'jpeg-js';
import { pixelUnits } from './spacing';
import type { Decoded2D } from './types';

/** True when `bytes` starts with the JPEG SOI marker FF D8 FF. */
export function isJpeg(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

/** Frame facts read from the JPEG markers. */
export interface JpegFrameInfo {
  /** The SOF marker (0xC0 baseline, 0xC1 extended, 0xC2 progressive, …). */
  sof: number;
  /** Sample precision in bits. */
  precision: number;
  /** Number of colour components (1 grey, 3 colour, 4 CMYK). */
  components: number;
  width: number;
  height: number;
  /** Byte offset of the first start-of-scan segment, -1 if none. */
  firstScan: number;
}

/** Names of SOF markers jpeg-js cannot decode, for error messages. */
const UNSUPPORTED_SOF: Record<number, string> = {
  0xc3: 'lossless (SOF3)',
  0xc5: 'differential sequential (SOF5)',
  0xc6: 'differential progressive (SOF6)',
  0xc7: 'differential lossless (SOF7)',
  0xc9: 'arithmetic-coded sequential (SOF9)',
  0xca: 'arithmetic-coded progressive (SOF10)',
  0xcb: 'arithmetic-coded lossless (SOF11)',
  0xcd: 'arithmetic-coded differential (SOF13)',
  0xce: 'arithmetic-coded differential progressive (SOF14)',
  0xcf: 'arithmetic-coded differential lossless (SOF15)',
};

/**
 * Walks the marker segments of a JPEG stream up to the first scan and returns the frame header.
 * @throws Error when the stream ends before a frame header and a scan are found
 */
export function readJpegFrame(bytes: Uint8Array): JpegFrameInfo {
  let p = 2;
  let frame: JpegFrameInfo | undefined;
  while (p + 4 <= bytes.length) {
    if (bytes[p] !== 0xff) {
      throw new MessageError('imaging.jpeg.noMarker');
    }
    const marker = bytes[p + 1];
    if (marker === 0xff) {
      p++;
      continue;
    }
    const len = (bytes[p + 2] << 8) | bytes[p + 3];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (p + 10 > bytes.length) break;
      frame = {
        sof: marker,
        precision: bytes[p + 4],
        height: (bytes[p + 5] << 8) | bytes[p + 6],
        width: (bytes[p + 7] << 8) | bytes[p + 8],
        components: bytes[p + 9],
        firstScan: -1,
      };
    }
    if (marker === 0xda) {
      if (frame === undefined) break;
      frame.firstScan = p;
      return frame;
    }
    p += 2 + len;
  }
  throw new MessageError('imaging.jpeg.noFrame');
}

/** True when an end-of-image marker FF D9 follows byte `from`. */
function hasEoi(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

/**
 * Decodes a JPEG file to interleaved RGB samples (grey JPEGs give R = G = B = Y, whose luma is Y).
 * @throws Error for unsupported JPEG kinds, truncated or damaged files
 */
export function decodeJpeg(bytes: Uint8Array): Decoded2D {
  const frame = readJpegFrame(bytes);
  const kind = UNSUPPORTED_SOF[frame.sof];
  if (kind !== undefined) {
    throw new MessageError('imaging.jpeg.unsupportedKind', { kind });
  }
  if (frame.precision !== 8) {
    throw new MessageError('imaging.jpeg.precision', { precision: frame.precision });
  }
  // Every 8 × 8 block of a component costs at least one bit (a DC code), so a file of n bytes holds at
  // most ~512·n pixels; jpeg-js would otherwise decode a damaged 96-megapixel header for 6 s and
  // 385 MB before its memory limit stops it (robustness finding F15).
  if (frame.width * frame.height > 1024 * bytes.length + 1_000_000) {
    throw new MessageError('imaging.jpeg.tooSmall', {
      bytes: bytes.length,
      width: frame.width,
      height: frame.height,
    });
  }
  if (!hasEoi(bytes, frame.firstScan)) {
    throw new MessageError('imaging.jpeg.noEoi');
  }
  let img;
  try {
    img = decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: true });
  } catch (e) {
    throw new MessageError('imaging.jpeg.undecodable', { detail: (e as Error).message }, { cause: e });
  }
  const photometric = frame.components === 1 ? 'grey' : frame.components === 4 ? 'cmyk' : 'ycbcr';
  const warnings: Message[] = [];
  if (frame.components !== 1) warnings.push(message('imaging.warn.jpegLuma'));
  return {
    raster: { width: img.width, height: img.height, channels: 3, data: img.data, bitDepth: 8 },
    bitDepth: 8,
    channels: frame.components,
    photometric,
    frames: 1,
    spacing: pixelUnits(),
    warnings,
  };
}
