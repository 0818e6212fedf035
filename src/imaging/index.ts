/**
 * Entry point of image and mask I/O: `decodeImage` and `decodeMask` recognise the format by its
 * magic bytes (never by file name) and return PyRadiomics-ready volumes. The same pure-TypeScript
 * decoders run in the browser (Web Workers) and in Node (tests, CLI), so the app and the CLI see
 * identical pixel values. No DOM, no canvas, no Node APIs. This entry point is synchronous and loads
 * every decoder; the app's main thread uses ./lazy, which loads the DICOM decoder only when needed.
 */
import {
  decodeImageWith,
  decodeMaskWith,
  type DecodeOptions,
  type DecodedImage,
  type DecodedMask,
  type MaskOptions,
} from './core';
import { decodeDicom } from './dicom';

export {
  detectFormat,
  MultiFrameError,
  type DecodedImage,
  type DecodedMask,
  type DecodedVolume,
  type DecodeOptions,
  type GreyVolume,
  type ImageFormat,
  type ImageInfo,
  type MaskOptions,
  type PixelSpacing,
} from './core';
export { readNrrd } from './nrrd';
export { readNifti } from './nifti';

/**
 * Decodes an image file of any supported format to grey values.
 * @param bytes the whole file
 * @param fileName used only in messages and to warn about a misleading extension
 * @param options frame/page, ROI point for ultrasound-region calibration, pixel-unit override
 * @throws Error (or MultiFrameError) saying what is wrong and what to do
 */
export function decodeImage(bytes: Uint8Array, fileName?: string, options: DecodeOptions = {}): DecodedImage {
  return decodeImageWith(decodeDicom, bytes, fileName, options);
}

/**
 * Decodes a segmentation mask (2-D raster masks become 0/1 with label 1; NRRD/NIfTI keep their label
 * values, see {@link decodeMaskWith}).
 * @throws Error when the file cannot be read, the mask is empty or the label is absent
 */
export function decodeMask(bytes: Uint8Array, fileName?: string, options: MaskOptions = {}): DecodedMask {
  return decodeMaskWith(decodeDicom, bytes, fileName, options);
}
