/**
 * Implementation of image and mask I/O (see ./index for the synchronous entry point and ./lazy for the
 * app's asynchronous one, which loads the DICOM decoder only for DICOM files): `decodeImage` and `decodeMask` recognise the format by its
 * magic bytes (never by file name) and return PyRadiomics-ready volumes. The same pure-TypeScript
 * decoders run in the browser (Web Workers) and in Node (tests, CLI), so the app and the CLI see
 * identical pixel values. No DOM, no canvas, no Node APIs.
 */
import { MessageError, message, type Message } from '../util/message';
import type { MaskVolume, Vec3 } from '../radiomics/types';
import { isGzip, gunzip, latin1, scalarBytes } from './bytes';
import { decodeBmp, isBmp } from './bmp';
import { isDicom } from './dicomMagic';
import { greyToRgba, rasterToGrey, rasterToRgba } from './grey';
import { decodeJpeg, isJpeg } from './jpeg';
import { isNifti, isNifti2, readNifti } from './nifti';
import { isNrrd, readNrrd } from './nrrd';
import { decodePng, isPng } from './png';
import { pixelUnits } from './spacing';
import { decodeTiff, isTiff } from './tiff';
import type { Decoded2D, DecodedVolume, ImageFormat, PixelSpacing } from './types';
import type { decodeDicom } from './dicom';

/** The DICOM decoder, passed in so that this module never loads dicom-parser itself. */
export type DicomDecoder = typeof decodeDicom;

export type { DecodedVolume, ImageFormat, PixelSpacing } from './types';
export { MultiFrameError } from './dicomMagic';

/** Options of {@link decodeImage} and {@link decodeMask}. */
export interface DecodeOptions {
  /** Zero-based frame (DICOM) or page (TIFF); required for multi-frame DICOM. */
  frame?: number;
  /** A point (column x, row y) inside the ROI, to choose the calibrated DICOM ultrasound region. */
  roiPoint?: { x: number; y: number };
  /** Use pixel units (spacing 1) even when the file is calibrated, as for the study's references. */
  ignoreSpacing?: boolean;
}

/** Facts about a decoded image, for display and provenance. */
export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
  /** Number of slices (1 for 2-D images). */
  depth: number;
  /** Bits per sample as stored in the file. */
  bitDepth: number;
  /** Samples per pixel as stored in the file. */
  channels: number;
  /** Colour model, e.g. 'grey', 'rgb', 'palette', 'MONOCHROME2', 'YBR_FULL_422'. */
  photometric: string;
  /** Frames (DICOM) or pages (TIFF) in the file. */
  frames: number;
  /** In-plane spacing and its source. */
  spacing: PixelSpacing;
  /** Non-fatal remarks for the user (`imaging.warn.*`). */
  warnings: Message[];
  /** Selected metadata (no patient identifiers). */
  tags?: Record<string, string>;
}

/** A grey-valued image volume as the engine consumes it. */
export interface GreyVolume {
  /** Grey values, index (z * ny + y) * nx + x. */
  data: Float64Array;
  /** (nz, ny, nx); (1, height, width) for 2-D images. */
  size: Vec3;
  /** (z, y, x) spacing; for 2-D images (1, row, col) in mm, or (1, 1, 1) in pixel units. */
  spacing: Vec3;
  /** Position of voxel (0, 0, 0) in (z, y, x). */
  origin: Vec3;
}

/** Result of {@link decodeImage}. */
export interface DecodedImage {
  image: GreyVolume;
  /** RGBA pixels for display only (2-D images and single-slice volumes); never used for features. */
  rgba?: Uint8ClampedArray;
  info: ImageInfo;
}

/** Result of {@link decodeMask}. */
export interface DecodedMask {
  /** 0/1 Uint8Array for 2-D raster masks, exact label values (Float64Array) for NRRD/NIfTI. */
  mask: MaskVolume & { data: Uint8Array | Float64Array; origin: Vec3 };
  /** The value in `mask.data` that marks the ROI (1 for 2-D raster masks, the chosen label for volumes). */
  label: number;
  /** Distinct non-zero values found in the file, ascending (several → the file holds several labels). */
  labels: number[];
  format: ImageFormat;
  warnings: Message[];
}

/** What a file of unknown type looks like (`imaging.unknown.*`), to explain that it is not supported. */
function describeUnknown(bytes: Uint8Array): Message {
  const head = latin1(bytes, 0, Math.min(bytes.length, 16));
  if (head.startsWith('GIF8')) return message('imaging.unknown.gif');
  if (head.startsWith('RIFF') && latin1(bytes, 8, 12) === 'WEBP') return message('imaging.unknown.webp');
  if (latin1(bytes, 4, 12).startsWith('ftyp')) return message('imaging.unknown.heic');
  if (head.startsWith('%PDF')) return message('imaging.unknown.pdf');
  if (head.startsWith('PK')) return message('imaging.unknown.zip');
  if (
    bytes.length >= 4 &&
    bytes[0] === 0x08 &&
    bytes[1] === 0x00 &&
    (bytes[3] === 0x00 || bytes[4] === 0x00)
  ) {
    return message('imaging.unknown.dicomNoPart10');
  }
  const sample = bytes.subarray(0, Math.min(bytes.length, 256));
  const text = sample.every((b) => b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127) || b >= 160);
  if (text) return message(/^\s*</.test(head) ? 'imaging.unknown.html' : 'imaging.unknown.text');
  const hex = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
  return message('imaging.unknown.bytes', { bytes: hex });
}

/** `"name" ` (quoted, with a trailing space) for messages, or '' without a file name. */
function quotedName(fileName?: string): string {
  return fileName ? `"${fileName}" ` : '';
}

/** The error for an empty file or one of unknown type. */
function unknownFormatError(bytes: Uint8Array, fileName?: string): Error {
  const name = quotedName(fileName);
  if (bytes.length === 0) return new MessageError('imaging.emptyFile', { name });
  return new MessageError('imaging.unknownFormat', { name, what: describeUnknown(bytes) });
}

/** The format of `bytes` by magic number, or null. Gzip is resolved by the caller. */
export function detectFormat(bytes: Uint8Array): ImageFormat | null {
  if (isPng(bytes)) return 'png';
  if (isJpeg(bytes)) return 'jpeg';
  if (isBmp(bytes)) return 'bmp';
  if (isTiff(bytes)) return 'tiff';
  if (isDicom(bytes)) return 'dicom';
  if (isNrrd(bytes)) return 'nrrd';
  if (isNifti(bytes)) return 'nifti';
  return null;
}

/** Extensions usually given to each format, to warn about a misleading file name. */
const EXTENSIONS: Record<ImageFormat, string[]> = {
  png: ['png'],
  jpeg: ['jpg', 'jpeg', 'jpe', 'jfif'],
  bmp: ['bmp', 'dib'],
  tiff: ['tif', 'tiff'],
  dicom: ['dcm', 'dicom', 'dic', ''],
  nrrd: ['nrrd', 'nhdr'],
  nifti: ['nii', 'gz'],
};

/** Warning when the file name's extension names another format than the content. */
function extensionWarning(format: ImageFormat, fileName?: string): Message[] {
  if (!fileName) return [];
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  const known = Object.values(EXTENSIONS).some((list) => list.includes(ext) && ext !== '');
  if (!known || EXTENSIONS[format].includes(ext)) return [];
  return [message('imaging.warn.extension', { ext, format: format.toUpperCase() })];
}

/** Resolves gzip (one level) and detects the format, throwing the explanatory error when unknown. */
export function sniff(bytes: Uint8Array, fileName?: string): { bytes: Uint8Array; format: ImageFormat } {
  let data = bytes;
  if (isGzip(data)) {
    const what = fileName
      ? message('imaging.what.fileNamed', { name: fileName })
      : message('imaging.what.file');
    data = gunzip(data, what);
  }
  const format = detectFormat(data);
  if (format === null) {
    if (isNifti2(data)) {
      throw new MessageError('imaging.nifti.nifti2');
    }
    throw unknownFormatError(data, fileName);
  }
  return { bytes: data, format };
}

/** Decodes a 2-D format to its intermediate form. */
function decode2D(
  dicom: DicomDecoder | null,
  format: ImageFormat,
  bytes: Uint8Array,
  options: DecodeOptions,
): Decoded2D {
  switch (format) {
    case 'png':
      return decodePng(bytes);
    case 'jpeg':
      return decodeJpeg(bytes);
    case 'bmp':
      return decodeBmp(bytes);
    case 'tiff':
      return decodeTiff(bytes, options.frame ?? 0);
    case 'dicom':
      if (!dicom) throw new MessageError('imaging.internal.noDicomDecoder');
      return dicom(bytes, { frame: options.frame, roiPoint: options.roiPoint });
    default:
      throw new MessageError('imaging.internal.not2D', { format });
  }
}

/** Reads NRRD or NIfTI into a volume plus its sample type name. */
function readVolume(
  format: ImageFormat,
  bytes: Uint8Array,
): { volume: DecodedVolume; bits: number; source: Message } {
  if (format === 'nrrd') {
    const r = readNrrd(bytes);
    const source = message(
      r.header['space directions']
        ? 'imaging.source.nrrdDirections'
        : r.header['spacings']
          ? 'imaging.source.nrrdSpacings'
          : 'imaging.source.nrrdNone',
    );
    return { volume: r.volume, bits: 8 * scalarBytes(r.scalarType), source };
  }
  const r = readNifti(bytes);
  return {
    volume: r.volume,
    bits: 8 * scalarBytes(r.scalarType),
    source: message('imaging.source.nifti', { geometry: r.geometry }),
  };
}

/**
 * Decodes an image file of any supported format to grey values.
 * @param dicom the DICOM decoder (needed only when the file is DICOM)
 * @param bytes the whole file
 * @param fileName used only in messages and to warn about a misleading extension
 * @param options frame/page, ROI point for ultrasound-region calibration, pixel-unit override
 * @throws Error (or MultiFrameError) saying what is wrong and what to do
 */
export function decodeImageWith(
  dicom: DicomDecoder | null,
  bytes: Uint8Array,
  fileName?: string,
  options: DecodeOptions = {},
): DecodedImage {
  const { bytes: data, format } = sniff(bytes, fileName);
  const nameWarnings = extensionWarning(format, fileName);
  if (format === 'nrrd' || format === 'nifti') {
    const { volume, bits, source } = readVolume(format, data);
    const [nz, ny, nx] = volume.size;
    const spacing: Vec3 = options.ignoreSpacing ? [1, 1, 1] : volume.spacing;
    return {
      image: { data: volume.data, size: volume.size, spacing, origin: volume.origin },
      rgba: nz === 1 ? greyToRgba(volume.data) : undefined,
      info: {
        format,
        width: nx,
        height: ny,
        depth: nz,
        bitDepth: bits,
        channels: 1,
        photometric: 'grey',
        frames: 1,
        spacing: options.ignoreSpacing
          ? pixelUnits(message('imaging.source.pixelUnitsRequested'))
          : { row: volume.spacing[1], col: volume.spacing[2], unit: 'mm', source },
        warnings: nameWarnings,
      },
    };
  }
  const d = decode2D(dicom, format, data, options);
  const grey = d.grey ?? rasterToGrey(d.raster);
  const spacing: PixelSpacing = options.ignoreSpacing
    ? pixelUnits(message('imaging.source.pixelUnitsRequested'))
    : d.spacing;
  return {
    image: {
      data: grey,
      size: [1, d.raster.height, d.raster.width],
      spacing: [1, spacing.row, spacing.col],
      origin: [0, 0, 0],
    },
    rgba: d.rgba ?? rasterToRgba(d.raster),
    info: {
      format,
      width: d.raster.width,
      height: d.raster.height,
      depth: 1,
      bitDepth: d.bitDepth,
      channels: d.channels,
      photometric: d.photometric,
      frames: d.frames,
      spacing,
      warnings: [...nameWarnings, ...d.warnings],
      tags: d.tags,
    },
  };
}

/** Options of {@link decodeMask}. */
export interface MaskOptions extends DecodeOptions {
  /** Label value of the ROI (volumes; 2-D masks with several values). Default 1 for volumes. */
  label?: number;
}

/** Distinct non-zero values of an array, ascending. */
function distinctNonZero(values: ArrayLike<number>): number[] {
  const set = new Set<number>();
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) set.add(values[i]);
  return [...set].sort((a, b) => a - b);
}

/**
 * Decodes a segmentation mask (`dicom`: the DICOM decoder, needed only for DICOM masks).
 * - 2-D raster masks (PNG, BMP, TIFF, DICOM, JPEG): any non-zero pixel is ROI (palette masks by
 *   palette index, colour masks when any channel is non-zero, JPEG masks at ≥ 128 because of
 *   compression noise); when the mask holds several values and `label` is given, only that value is
 *   ROI. The result is 0/1 with label 1.
 * - NRRD and NIfTI: the exact label values are kept; the ROI label is `options.label` (default 1)
 *   and must be present.
 * @throws Error when the file cannot be read, the mask is empty or the label is absent
 */
export function decodeMaskWith(
  dicom: DicomDecoder | null,
  bytes: Uint8Array,
  fileName?: string,
  options: MaskOptions = {},
): DecodedMask {
  const { bytes: data, format } = sniff(bytes, fileName);
  const name = quotedName(fileName);
  const warnings = extensionWarning(format, fileName);
  if (format === 'nrrd' || format === 'nifti') {
    const { volume } = readVolume(format, data);
    const labels = distinctNonZero(volume.data);
    const label = options.label ?? 1;
    if (labels.length === 0) {
      throw new MessageError('imaging.mask.emptyVolume', { name });
    }
    if (!labels.includes(label)) {
      throw new MessageError('imaging.mask.noLabel', { name, label, labels: labels.join(', ') });
    }
    if (labels.length > 1) {
      warnings.push(message('imaging.warn.maskLabels', { labels: labels.join(', '), label }));
    }
    return {
      mask: { data: volume.data, size: volume.size, spacing: volume.spacing, origin: volume.origin },
      label,
      labels,
      format,
      warnings,
    };
  }
  const d = decode2D(dicom, format, data, options);
  const { width, height, channels } = d.raster;
  const n = width * height;
  // The value of each pixel that decides membership.
  const values = new Float64Array(n);
  if (d.paletteIndices !== undefined) {
    for (let i = 0; i < n; i++) values[i] = d.paletteIndices[i];
  } else if (d.grey !== undefined && channels === 1) {
    values.set(d.grey);
  } else {
    const used = Math.min(channels, 3);
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let c = 0; c < used; c++) v = Math.max(v, d.raster.data[i * channels + c]);
      values[i] = v;
    }
  }
  if (format === 'jpeg') {
    for (let i = 0; i < n; i++) values[i] = values[i] >= 128 ? 255 : 0;
    warnings.push(message('imaging.warn.jpegMask'));
  }
  const labels = distinctNonZero(values);
  if (labels.length === 0) {
    throw new MessageError('imaging.mask.empty', { name });
  }
  let select = (v: number): boolean => v !== 0;
  if (labels.length > 1) {
    if (options.label !== undefined && labels.includes(options.label)) {
      const wanted = options.label;
      select = (v) => v === wanted;
      warnings.push(message('imaging.warn.maskValue', { values: labels.join(', '), value: wanted }));
    } else {
      warnings.push(message('imaging.warn.maskValuesAll', { values: labels.join(', ') }));
    }
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = select(values[i]) ? 1 : 0;
  const spacing = options.ignoreSpacing ? { row: 1, col: 1 } : d.spacing;
  return {
    mask: { data: out, size: [1, height, width], spacing: [1, spacing.row, spacing.col], origin: [0, 0, 0] },
    label: 1,
    labels,
    format,
    warnings: [...warnings, ...d.warnings.filter((w) => w.code !== 'imaging.warn.alphaIgnored')],
  };
}
