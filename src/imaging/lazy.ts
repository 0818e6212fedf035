/**
 * The app's image and mask decoding: the same decoders as ./index, but the DICOM decoder (dicom-parser)
 * is loaded on demand, only when a file is DICOM, so it stays out of the app's initial JavaScript.
 */
import {
  decodeImageWith,
  decodeMaskWith,
  sniff,
  type DecodeOptions,
  type DecodedImage,
  type DecodedMask,
  type DicomDecoder,
  type MaskOptions,
} from './core';

export { MultiFrameError, type DecodedImage, type DecodedMask, type PixelSpacing } from './core';

/** The DICOM decoder when `bytes` (possibly gzipped) is a DICOM file, else null; unknown formats throw. */
async function dicomFor(bytes: Uint8Array, fileName?: string): Promise<DicomDecoder | null> {
  if (sniff(bytes, fileName).format !== 'dicom') return null;
  const { decodeDicom } = await import('./dicom');
  return decodeDicom;
}

/** {@link import('./index').decodeImage}, loading the DICOM decoder only for DICOM files. */
export async function decodeImageAsync(
  bytes: Uint8Array,
  fileName?: string,
  options: DecodeOptions = {},
): Promise<DecodedImage> {
  return decodeImageWith(await dicomFor(bytes, fileName), bytes, fileName, options);
}

/** {@link import('./index').decodeMask}, loading the DICOM decoder only for DICOM masks. */
export async function decodeMaskAsync(
  bytes: Uint8Array,
  fileName?: string,
  options: MaskOptions = {},
): Promise<DecodedMask> {
  return decodeMaskWith(await dicomFor(bytes, fileName), bytes, fileName, options);
}
