/**
 * The DICOM pieces every caller needs without loading the DICOM decoder (dicom-parser): the magic-number
 * test and the multi-frame error. The decoder itself (./dicom) is imported lazily by the app.
 */
import { MessageError } from '../util/message';

/** True when `bytes` is a DICOM Part 10 file ("DICM" after the 128-byte preamble). */
export function isDicom(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/** Thrown for a multi-frame file when no frame was chosen; `frames` is the frame count. */
export class MultiFrameError extends MessageError {
  /** Number of frames in the file. */
  readonly frames: number;

  /** Creates the error for a file of `frames` frames. */
  constructor(frames: number) {
    super('imaging.dicom.multiFrame', { frames, last: frames - 1 });
    this.name = 'MultiFrameError';
    this.frames = frames;
  }
}
