/**
 * Types shared by the image decoders. Pure TypeScript: bytes in, typed arrays out; no DOM, no Node APIs.
 */
import type { Vec3 } from '../radiomics/types';
import type { Message, StoredMessage } from '../util/message';
import type { Raster } from './grey';

/** A decoded scalar volume with double-precision values, axis order (z, y, x), x fastest. */
export interface DecodedVolume {
  /** Voxel values, index = (z * ny + y) * nx + x. */
  data: Float64Array;
  /** (nz, ny, nx). */
  size: Vec3;
  /** Voxel spacing (z, y, x) in mm (1 when the file states none). */
  spacing: Vec3;
  /** Physical position (z, y, x) of voxel (0, 0, 0), in LPS like ITK/SimpleITK. */
  origin: Vec3;
  /**
   * Direction cosines as ITK holds them: row-major 3×3 matrix in (x, y, z) order, column j is the
   * direction of the j-th file axis (x, y, z).
   */
  direction: number[];
}

/** Pixel spacing of a 2-D image and where it came from. */
export interface PixelSpacing {
  /** Distance between rows (vertical), in `unit`. */
  row: number;
  /** Distance between columns (horizontal), in `unit`. */
  col: number;
  /** 'mm' when calibrated, 'px' when the file gives no physical spacing (row = col = 1). */
  unit: 'mm' | 'px';
  /**
   * Where the value came from (code `imaging.source.*`); a case stored before messages became codes
   * holds the English sentence itself.
   */
  source: StoredMessage;
}

/** The image formats recognised by their magic bytes. */
export type ImageFormat = 'png' | 'jpeg' | 'bmp' | 'tiff' | 'dicom' | 'nrrd' | 'nifti';

/** What a 2-D format decoder hands to `decodeImage` (internal to src/imaging). */
export interface Decoded2D {
  /** Samples for grey conversion and display, palette already expanded to RGB. */
  raster: Raster;
  /** Palette index of every pixel for palette images (what a mask reader should use). */
  paletteIndices?: ArrayLike<number>;
  /** Grey values when the decoder computes them itself (e.g. DICOM rescale); else derived from `raster`. */
  grey?: Float64Array;
  /** Display pixels when the decoder renders them itself (e.g. DICOM VOI window); else from `raster`. */
  rgba?: Uint8ClampedArray;
  /** Bits per sample as stored in the file. */
  bitDepth: number;
  /** Samples per pixel as stored in the file (1 for palette images). */
  channels: number;
  /** Colour model, e.g. 'grey', 'rgb', 'rgba', 'palette', 'MONOCHROME2', 'YBR_FULL_422'. */
  photometric: string;
  /** Number of frames (pages) in the file. */
  frames: number;
  /** Pixel spacing and its source. */
  spacing: PixelSpacing;
  /** Non-fatal remarks for the user (codes `imaging.warn.*`). */
  warnings: Message[];
  /** Selected metadata (DICOM tags, PNG text), for display. */
  tags?: Record<string, string>;
}
