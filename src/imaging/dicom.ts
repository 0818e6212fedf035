/**
 * DICOM Part 10 decoding with dicom-parser: implicit and explicit VR little endian, explicit VR big
 * endian, deflated explicit VR little endian (inflated with fflate) and JPEG baseline (8-bit, with
 * jpeg-js). Grey (MONOCHROME1 inverted, MONOCHROME2), RGB (planar configuration 0 and 1), YBR_FULL and
 * YBR_FULL_422 (converted to RGB, then to Pillow's luma), BitsStored/PixelRepresentation, Rescale
 * Slope/Intercept, multi-frame (one frame chosen by the caller). Spacing from PixelSpacing, else the
 * Sequence of Ultrasound Regions, else pixel units. Pure TypeScript.
 */
import { MessageError, message, type Message } from '../util/message';
import { dicomParser, type DataSet, type Element, type ParseDicomOptions } from './dicomLib';
import { inflateSync } from 'fflate';
import { readScalars, type ScalarType } from './bytes';
import { pillowLuma } from './grey';
import { decodeJpeg } from './jpeg';
import { pixelUnits, regionSpacing, type UltrasoundRegion } from './spacing';
import type { Decoded2D, PixelSpacing } from './types';
import { MultiFrameError } from './dicomMagic';

export { isDicom, MultiFrameError } from './dicomMagic';

/** Options of {@link decodeDicom}. */
export interface DicomOptions {
  /** Zero-based frame index; required for multi-frame files. */
  frame?: number;
  /** A point (column x, row y) inside the ROI, to pick the ultrasound region whose calibration applies. */
  roiPoint?: { x: number; y: number };
}

/** Transfer syntaxes decoded here. */
const SUPPORTED: Record<string, string> = {
  '1.2.840.10008.1.2': 'Implicit VR Little Endian',
  '1.2.840.10008.1.2.1': 'Explicit VR Little Endian',
  '1.2.840.10008.1.2.1.99': 'Deflated Explicit VR Little Endian',
  '1.2.840.10008.1.2.2': 'Explicit VR Big Endian',
  '1.2.840.10008.1.2.4.50': 'JPEG Baseline (Process 1)',
  '1.2.840.10008.1.2.4.51': 'JPEG Extended (Process 2 & 4)',
};

/** Names of common transfer syntaxes that are not decoded here, for error messages. */
const UNSUPPORTED: Record<string, string> = {
  '1.2.840.10008.1.2.4.57': 'JPEG Lossless, Non-Hierarchical (Process 14)',
  '1.2.840.10008.1.2.4.70': 'JPEG Lossless, First-Order Prediction (Process 14, SV1)',
  '1.2.840.10008.1.2.4.80': 'JPEG-LS Lossless',
  '1.2.840.10008.1.2.4.81': 'JPEG-LS Near-Lossless',
  '1.2.840.10008.1.2.4.90': 'JPEG 2000 (Lossless Only)',
  '1.2.840.10008.1.2.4.91': 'JPEG 2000',
  '1.2.840.10008.1.2.4.92': 'JPEG 2000 Part 2 Multi-component (Lossless Only)',
  '1.2.840.10008.1.2.4.93': 'JPEG 2000 Part 2 Multi-component',
  '1.2.840.10008.1.2.4.100': 'MPEG2 Main Profile / Main Level',
  '1.2.840.10008.1.2.4.101': 'MPEG2 Main Profile / High Level',
  '1.2.840.10008.1.2.4.102': 'MPEG-4 AVC/H.264 High Profile',
  '1.2.840.10008.1.2.4.103': 'MPEG-4 AVC/H.264 BD-compatible High Profile',
  '1.2.840.10008.1.2.4.104': 'MPEG-4 AVC/H.264 High Profile for 2D Video',
  '1.2.840.10008.1.2.4.105': 'MPEG-4 AVC/H.264 High Profile for 3D Video',
  '1.2.840.10008.1.2.4.106': 'MPEG-4 AVC/H.264 Stereo High Profile',
  '1.2.840.10008.1.2.4.107': 'HEVC/H.265 Main Profile',
  '1.2.840.10008.1.2.4.108': 'HEVC/H.265 Main 10 Profile',
  '1.2.840.10008.1.2.4.110': 'JPEG XL Lossless',
  '1.2.840.10008.1.2.4.111': 'JPEG XL JPEG Recompression',
  '1.2.840.10008.1.2.4.112': 'JPEG XL',
  '1.2.840.10008.1.2.4.201': 'High-Throughput JPEG 2000 (Lossless Only)',
  '1.2.840.10008.1.2.4.202': 'High-Throughput JPEG 2000 with RPCL Options (Lossless Only)',
  '1.2.840.10008.1.2.4.203': 'High-Throughput JPEG 2000',
  '1.2.840.10008.1.2.5': 'RLE Lossless',
};

/** Parses the file with dicom-parser, turning its thrown strings into Errors with advice. */
function parse(bytes: Uint8Array): DataSet {
  try {
    return dicomParser.parseDicom(bytes, {
      // Deflated Explicit VR Little Endian: raw-inflate the data set after the file meta information.
      inflater: (arr: Uint8Array, position: number): Uint8Array => {
        // A damaged meta group length put `position` far past the end: the copy below allocated it
        // (775 MB) and dicom-parser then scanned the zeros for 40 s (robustness finding F14).
        if (position > arr.length) throw new MessageError('imaging.dicom.metaTooLong');
        const inflated = inflateSync(arr.subarray(position));
        const full = new Uint8Array(position + inflated.length);
        full.set(arr.subarray(0, position));
        full.set(inflated, position);
        return full;
      },
    } as ParseDicomOptions);
  } catch (e) {
    // parseDicom throws {exception, dataSet} objects, whose String() was "[object Object]" (F14).
    const inner = e instanceof Error ? e : ((e as { exception?: unknown } | null)?.exception ?? e);
    const detail =
      inner instanceof MessageError
        ? inner.toMessage()
        : (inner instanceof Error ? inner.message : String(inner)).replace(/^dicomParser\.\w+: /, '');
    throw new MessageError('imaging.dicom.unreadable', { detail }, { cause: e });
  }
}

/** Reads an integer attribute of VR US (or IS as text), with a default. */
function us(ds: DataSet, tag: string, fallback: number): number {
  const el = ds.elements[tag];
  if (el === undefined || el.length === 0) return fallback;
  if (el.vr === 'IS') {
    // intString gives NaN for a value that is not decimal text (robustness finding F10: NaN rows).
    const v = ds.intString(tag);
    return v !== undefined && Number.isFinite(v) ? v : fallback;
  }
  return ds.uint16(tag) ?? fallback;
}

/** Reads a decimal-string attribute (DS) value `index`, or undefined. */
function ds(set: DataSet, tag: string, index = 0): number | undefined {
  // dicom-parser throws a TypeError when the element holds fewer values than index + 1 (e.g. a
  // PixelSpacing with one value): robustness finding F7.
  if (index >= (set.numStringValues(tag) ?? 0)) return undefined;
  const v = set.floatString(tag, index);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** Reads an unsigned 32-bit value of an ultrasound-region attribute (VR UL), tolerating US/IS encodings. */
function ul(set: DataSet, tag: string): number {
  const el = set.elements[tag];
  if (el === undefined) return NaN;
  if (el.length === 2) return set.uint16(tag) ?? NaN;
  return set.uint32(tag) ?? NaN;
}

/** The items of the Sequence of Ultrasound Regions (0018,6011). */
function ultrasoundRegions(set: DataSet): UltrasoundRegion[] {
  const seq = set.elements['x00186011'];
  const items: Element[] = seq?.items ?? [];
  const regions: UltrasoundRegion[] = [];
  for (const item of items) {
    const d = item.dataSet;
    if (d === undefined) continue;
    regions.push({
      minX0: ul(d, 'x00186018'),
      minY0: ul(d, 'x0018601a'),
      maxX1: ul(d, 'x0018601c'),
      maxY1: ul(d, 'x0018601e'),
      unitsX: d.uint16('x00186024') ?? 0,
      unitsY: d.uint16('x00186026') ?? 0,
      deltaX: d.double('x0018602c') ?? NaN,
      deltaY: d.double('x0018602e') ?? NaN,
    });
  }
  return regions;
}

/** Spacing by the order PixelSpacing → ultrasound regions → pixel units. */
function dicomSpacing(set: DataSet, roiPoint: DicomOptions['roiPoint'], warnings: Message[]): PixelSpacing {
  const row = ds(set, 'x00280030', 0);
  const col = ds(set, 'x00280030', 1) ?? row;
  if (row !== undefined && col !== undefined && row > 0 && col > 0) {
    return { row, col, unit: 'mm', source: message('imaging.source.pixelSpacing') };
  }
  const fromRegions = regionSpacing(ultrasoundRegions(set), roiPoint);
  warnings.push(...fromRegions.warnings);
  if (fromRegions.spacing !== null) return fromRegions.spacing;
  warnings.push(message('imaging.warn.dicomNoSpacing'));
  return pixelUnits(message('imaging.source.dicomNoSpacing'));
}

/** Converts one full-range YCbCr triplet to RGB (PS3.3 C.7.6.3.1.2, YBR_FULL), rounded and clamped. */
export function ybrFullToRgb(y: number, cb: number, cr: number): [number, number, number] {
  const clamp = (v: number): number => Math.min(255, Math.max(0, Math.round(v)));
  return [
    clamp(y + 1.402 * (cr - 128)),
    clamp(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128)),
    clamp(y + 1.772 * (cb - 128)),
  ];
}

/**
 * Display pixels through the DICOM linear VOI window (PS3.3 C.11.2.1.2): values at or below
 * c − 0.5 − (w − 1)/2 are black, above c − 0.5 + (w − 1)/2 white, linear in between.
 */
export function windowToRgba(grey: ArrayLike<number>, center: number, width: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(grey.length * 4);
  const lo = center - 0.5 - (width - 1) / 2;
  const hi = center - 0.5 + (width - 1) / 2;
  for (let i = 0; i < grey.length; i++) {
    const x = grey[i];
    const v = x <= lo ? 0 : x > hi ? 255 : ((x - (center - 0.5)) / (width - 1) + 0.5) * 255;
    out[4 * i] = v;
    out[4 * i + 1] = v;
    out[4 * i + 2] = v;
    out[4 * i + 3] = 255;
  }
  return out;
}

/** A few descriptive tags for display (no patient identifiers). */
function displayTags(set: DataSet, transferSyntax: string): Record<string, string> {
  const tags: Record<string, string> = { TransferSyntaxUID: transferSyntax };
  const wanted: [string, string][] = [
    ['Modality', 'x00080060'],
    ['Manufacturer', 'x00080070'],
    ['ManufacturerModelName', 'x00081090'],
    ['StudyDate', 'x00080020'],
    ['SeriesDescription', 'x0008103e'],
    ['PhotometricInterpretation', 'x00280004'],
    ['PixelSpacing', 'x00280030'],
    ['RescaleSlope', 'x00281053'],
    ['RescaleIntercept', 'x00281052'],
    ['WindowCenter', 'x00281050'],
    ['WindowWidth', 'x00281051'],
    ['NumberOfFrames', 'x00280008'],
  ];
  for (const [name, tag] of wanted) {
    const v = set.string(tag);
    if (v !== undefined && v !== '') tags[name] = v;
  }
  return tags;
}

/** Returns the compressed bytes of frame `frame` of encapsulated pixel data. */
function encapsulatedFrame(set: DataSet, el: Element, frame: number, frames: number): Uint8Array {
  const fragments = el.fragments ?? [];
  if (fragments.length === 0) {
    throw new MessageError('imaging.dicom.noFragments');
  }
  if (frames === 1) {
    return dicomParser.readEncapsulatedPixelDataFromFragments(set, el, 0, fragments.length) as Uint8Array;
  }
  let table = el.basicOffsetTable ?? [];
  if (table.length === 0) table = dicomParser.createJPEGBasicOffsetTable(set, el);
  return dicomParser.readEncapsulatedImageFrame(set, el, frame, table) as Uint8Array;
}

/**
 * Decodes one frame of a DICOM Part 10 file.
 * @throws MultiFrameError when the file has several frames and `options.frame` is absent
 * @throws Error for unsupported transfer syntaxes (naming the UID), damaged or truncated files
 */
export function decodeDicom(bytes: Uint8Array, options: DicomOptions = {}): Decoded2D {
  const set = parse(bytes);
  const transferSyntax = (set.string('x00020010') ?? '').replace(/\0/g, '').trim();
  if (SUPPORTED[transferSyntax] === undefined) {
    throw new MessageError('imaging.dicom.transferSyntax', {
      name: UNSUPPORTED[transferSyntax] ?? message('imaging.dicom.unknownSyntax'),
      uid: transferSyntax || message('imaging.dicom.missingUid'),
    });
  }
  const pixel = set.elements['x7fe00010'];
  if (pixel === undefined) {
    throw new MessageError('imaging.dicom.noPixelData');
  }
  const rows = us(set, 'x00280010', 0);
  const cols = us(set, 'x00280011', 0);
  if (rows === 0 || cols === 0) throw new MessageError('imaging.dicom.noRowsColumns');
  const spp = us(set, 'x00280002', 1);
  const photometric = (set.string('x00280004') ?? (spp === 1 ? 'MONOCHROME2' : 'RGB')).trim();
  const planar = us(set, 'x00280006', 0);
  const bitsAllocated = us(set, 'x00280100', 8);
  const bitsStored = us(set, 'x00280101', bitsAllocated);
  const signed = us(set, 'x00280103', 0) === 1;
  const frames = Math.max(1, set.intString('x00280008') ?? 1);
  const warnings: Message[] = [];
  let frame = options.frame;
  if (frames > 1 && frame === undefined) throw new MultiFrameError(frames);
  frame ??= 0;
  if (!Number.isInteger(frame) || frame < 0 || frame >= frames) {
    throw new MessageError('imaging.dicom.noFrame', { frame, frames, last: frames - 1 });
  }
  const n = rows * cols;
  const spacing = dicomSpacing(set, options.roiPoint, warnings);
  const tags = displayTags(set, transferSyntax);
  const slope = ds(set, 'x00281053') ?? 1;
  const intercept = ds(set, 'x00281052') ?? 0;

  // JPEG-compressed frame: jpeg-js does the colour transform (YBR → RGB) itself.
  if (pixel.encapsulatedPixelData || transferSyntax.startsWith('1.2.840.10008.1.2.4.')) {
    const jpeg = decodeJpeg(encapsulatedFrame(set, pixel, frame, frames));
    if (jpeg.raster.width !== cols || jpeg.raster.height !== rows) {
      throw new MessageError('imaging.dicom.jpegSize', {
        width: jpeg.raster.width,
        height: jpeg.raster.height,
        cols,
        rows,
      });
    }
    return {
      ...jpeg,
      channels: spp,
      photometric,
      frames,
      spacing,
      warnings: [...warnings, ...(spp === 1 ? [] : jpeg.warnings)],
      tags,
    };
  }

  if (![8, 16, 32].includes(bitsAllocated)) {
    throw new MessageError('imaging.dicom.bitsAllocated', { bits: bitsAllocated });
  }
  const littleEndian = transferSyntax !== '1.2.840.10008.1.2.2';
  const bytesPerSample = bitsAllocated / 8;
  // YBR_FULL_422 stores two luma and two chroma samples per pair of pixels: 2 samples per pixel.
  const frameSamples = photometric === 'YBR_FULL_422' ? 2 * n : n * spp;
  const type = `uint${bitsAllocated}` as ScalarType;
  const offset = pixel.dataOffset + frame * frameSamples * bytesPerSample;
  const available = Math.min(pixel.length, set.byteArray.length - pixel.dataOffset);
  if ((frame + 1) * frameSamples * bytesPerSample > available) {
    throw new MessageError('imaging.dicom.truncated', { frame, bytes: frameSamples * bytesPerSample });
  }
  const raw = readScalars(set.byteArray as Uint8Array, offset, frameSamples, type, littleEndian, 'DICOM');

  if (spp === 1) {
    if (!photometric.startsWith('MONOCHROME') && photometric !== 'PALETTE COLOR') {
      warnings.push(message('imaging.warn.dicomPhotometric', { photometric }));
    }
    if (photometric === 'PALETTE COLOR') {
      throw new MessageError('imaging.dicom.paletteColor');
    }
    const storedMask = bitsStored >= 32 ? 0xffffffff : 2 ** bitsStored - 1;
    const signBit = 2 ** (bitsStored - 1);
    const grey = new Float64Array(n);
    const invert = photometric === 'MONOCHROME1';
    for (let i = 0; i < n; i++) {
      let v = bitsStored >= 32 ? raw[i] : raw[i] % (storedMask + 1);
      if (signed && v >= signBit) v -= 2 * signBit;
      // MONOCHROME1: minimum is white; mirror within the stored range so that bright = high.
      if (invert) v = signed ? -1 - v : storedMask - v;
      grey[i] = v * slope + intercept;
    }
    if (invert) warnings.push(message('imaging.warn.monochrome1'));
    const rescaled = slope !== 1 || intercept !== 0;
    // The file's first VOI window, for display only (not for MONOCHROME1, whose values were mirrored).
    const center = ds(set, 'x00281050');
    const width = ds(set, 'x00281051');
    const windowed = !invert && center !== undefined && width !== undefined && width >= 1;
    return {
      raster: { width: cols, height: rows, channels: 1, data: grey, bitDepth: bitsStored, isFloat: rescaled },
      rgba: windowed ? windowToRgba(grey, center, width) : undefined,
      grey,
      bitDepth: bitsStored,
      channels: 1,
      photometric,
      frames,
      spacing,
      warnings,
      tags,
    };
  }

  if (spp !== 3 || bitsAllocated !== 8) {
    throw new MessageError('imaging.dicom.colourDepth', { spp, bits: bitsAllocated });
  }
  // Interleave the three samples (planar configuration 1 stores RRR…GGG…BBB…).
  const px = new Uint8Array(3 * n);
  if (photometric === 'YBR_FULL_422') {
    // Pairs of pixels share chroma: Y1 Y2 Cb Cr per two pixels of a row.
    for (let y = 0; y < rows; y++) {
      for (let x = 0; x < cols; x += 2) {
        const base = (y * cols + x) * 2;
        const cb = raw[base + 2];
        const cr = raw[base + 3];
        for (let k = 0; k < 2 && x + k < cols; k++) {
          const rgb = ybrFullToRgb(raw[base + k], cb, cr);
          px.set(rgb, 3 * (y * cols + x + k));
        }
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      const a = planar === 1 ? raw[i] : raw[3 * i];
      const b = planar === 1 ? raw[n + i] : raw[3 * i + 1];
      const c = planar === 1 ? raw[2 * n + i] : raw[3 * i + 2];
      if (photometric === 'YBR_FULL') px.set(ybrFullToRgb(a, b, c), 3 * i);
      else {
        px[3 * i] = a;
        px[3 * i + 1] = b;
        px[3 * i + 2] = c;
      }
    }
    if (photometric !== 'RGB' && photometric !== 'YBR_FULL') {
      throw new MessageError('imaging.dicom.colourModel', { photometric });
    }
  }
  const grey = new Float64Array(n);
  for (let i = 0; i < n; i++) grey[i] = pillowLuma(px[3 * i], px[3 * i + 1], px[3 * i + 2]);
  return {
    raster: { width: cols, height: rows, channels: 3, data: px, bitDepth: 8 },
    grey,
    bitDepth: 8,
    channels: 3,
    photometric,
    frames,
    spacing,
    warnings,
    tags,
  };
}
