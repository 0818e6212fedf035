/**
 * SonoMiR analyses as DICOM Comprehensive SR (SOP Class 1.2.840.10008.5.1.4.1.1.88.33), TID 1500
 * Measurement Report, and back. Pure TypeScript, no DOM, no dcmjs.
 *
 * Must stay true:
 * - Written in Explicit VR Little Endian with SpecificCharacterSet `ISO_IR 192`: person names are the
 *   UTF-8 bytes of the Unicode names (byte-exact with a UTF-8 source).
 * - Same patient and study as the source image (Patient and General Study modules copied); a new
 *   Series and SOP Instance UID for every written version (`2.25.<UUID as decimal>`).
 * - The ROI is written as SCOORD POLYLINE(s) that give back exactly `roiMask(roi)` (checked at write
 *   time); `readSonomirSr(writeSonomirSr(a))` restores the same ROI mask, features, miR-34a,
 *   probabilities, model identity, operator and date.
 */
export {};
import { MessageError } from '../util/message';
import type { SonomirAnalysis, SrIdentity, StudyContext } from './types';

/** Comprehensive SR Storage. */
export const SR_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.33';
/** SeriesDescription of every SonoMiR SR series (how prior analyses are found with QIDO). */
export const SONOMIR_SERIES_DESCRIPTION = 'SonoMiR analysis';

/** A new UID under the UUID-derived root `2.25` (PS3.5 B.2). */
export function newUid(): string {
  throw new MessageError('pacs.badSr', { detail: 'not yet' });
}

/** The patient/study/source-image context of a source DICOM instance (Part 10 bytes). */
export function readStudyContext(bytes: Uint8Array): StudyContext {
  void bytes;
  throw new MessageError('pacs.notDicomSource');
}

/** Writes the analysis as a Comprehensive SR (Part 10 bytes) with new Series and SOP Instance UIDs. */
export function writeSonomirSr(
  analysis: SonomirAnalysis,
  options: { seriesInstanceUid?: string; sopInstanceUid?: string; now?: Date } = {},
): { bytes: Uint8Array; identity: SrIdentity } {
  void analysis;
  void options;
  throw new MessageError('pacs.badSr', { detail: 'not yet' });
}

/** Reads a SonoMiR SR back (throws pacs.notSonomirSr for other objects, pacs.badSr when damaged). */
export function readSonomirSr(bytes: Uint8Array): { analysis: SonomirAnalysis; identity: SrIdentity } {
  void bytes;
  throw new MessageError('pacs.notSonomirSr');
}
