/**
 * A SonoMiR analysis for SR tests: a source ultrasound instance (the project's test writer, Chinese
 * patient name in ISO_IR 192), a polygon or mask ROI, the study's 107 features (deterministic
 * pseudo-random doubles), miR-34a and three probabilities.
 */
import { dicomParser } from '../../../src/imaging/dicomLib';
import { STUDY_FEATURE_NAMES } from '../../../src/radiomics/extract';
import { textElement } from '../../../src/pacs/dicomWrite';
import { readStudyContext } from '../../../src/pacs/sr';
import type { SonomirAnalysis } from '../../../src/pacs/types';
import { addOp, emptyRoi, newOpId, type Roi } from '../../../src/roi/roi';
import { writeDicom } from '../imaging/dicomWriter';

export const PATIENT_NAME = '王^小红=ワン^ショウホン';
export const OPERATOR = '张^医生';

/** A small 3-frame source instance with patient/study attributes. */
export function sourceInstance(): Uint8Array {
  return writeDicom({
    rows: 48,
    columns: 64,
    frames: 3,
    pixels: Array.from({ length: 48 * 64 * 3 }, (_, i) => (i * 7) % 251),
    sopClassUid: '1.2.840.10008.5.1.4.1.1.3.1',
    sopInstanceUid: '2.25.11.1.1',
    attributes: [
      textElement(0x00080005, 'CS', 'ISO_IR 192'),
      textElement(0x00080020, 'DA', '20250314'),
      textElement(0x00080030, 'TM', '101500'),
      textElement(0x00080050, 'SH', 'ACC1001'),
      textElement(0x00080090, 'PN', ''),
      textElement(0x00081030, 'LO', '乳腺超声'),
      textElement(0x00100010, 'PN', PATIENT_NAME),
      textElement(0x00100020, 'LO', 'SMR-0001'),
      textElement(0x00100030, 'DA', '19700101'),
      textElement(0x00100040, 'CS', 'F'),
      textElement(0x0020000d, 'UI', '2.25.11'),
      textElement(0x0020000e, 'UI', '2.25.11.1'),
      textElement(0x00200010, 'SH', '1'),
    ],
  });
}

/** Deterministic doubles with full 53-bit mantissas (to test bit-exact round trips). */
export function studyFeatures(seed = 1): Record<string, number> {
  let s = seed;
  const out: Record<string, number> = {};
  for (const name of STUDY_FEATURE_NAMES) {
    s = (s * 16807) % 2147483647;
    out[name] = (s / 2147483647) * 10 ** ((s % 9) - 3) * (s % 5 === 0 ? -1 : 1) + 1 / 3;
  }
  return out;
}

/** A polygon ROI with fractional vertices. */
export function polygonRoi(): Roi {
  return addOp(emptyRoi(64, 48), {
    kind: 'polygon',
    id: newOpId(),
    points: [
      { x: 10.3, y: 8.7 },
      { x: 40.15, y: 6.2 },
      { x: 52.9, y: 30.01 },
      { x: 20.5, y: 40.333 },
    ],
  });
}

/** A polygon over the lesion of the seeded 640×480 clip (test/pacs/seed.ts). */
export function lesionRoi(): Roi {
  return addOp(emptyRoi(640, 480), {
    kind: 'polygon',
    id: newOpId(),
    points: [
      { x: 250.5, y: 210.25 },
      { x: 390, y: 215 },
      { x: 400.75, y: 320 },
      { x: 260, y: 318.5 },
    ],
  });
}

/** Raw value bytes of a top-level element (e.g. 'x00100010' Patient's Name). */
export function rawValue(bytes: Uint8Array, tag: string): Uint8Array {
  const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' } as Parameters<
    typeof dicomParser.parseDicom
  >[1]);
  const el = ds.elements[tag];
  return bytes.slice(el.dataOffset, el.dataOffset + el.length);
}

/** A mask ROI with a hole and a second component (plus an eraser stroke). */
export function maskRoi(): Roi {
  const data = new Uint8Array(64 * 48);
  for (let y = 5; y < 30; y++) for (let x = 5; x < 30; x++) data[y * 64 + x] = 1;
  for (let y = 12; y < 18; y++) for (let x = 12; x < 18; x++) data[y * 64 + x] = 0;
  for (let y = 35; y < 44; y++) for (let x = 40; x < 60; x++) data[y * 64 + x] = (x + y) % 7 === 0 ? 0 : 1;
  data[4 * 64 + 4] = 1; // diagonal contact with the square's corner
  let roi = addOp(emptyRoi(64, 48), {
    kind: 'mask',
    id: newOpId(),
    width: 64,
    height: 48,
    data,
    dx: 0,
    dy: 0,
  });
  roi = addOp(roi, {
    kind: 'stroke',
    id: newOpId(),
    mode: 'erase',
    radius: 2.5,
    points: [{ x: 25.2, y: 20.7 }],
  });
  return roi;
}

/** The analysis of the source instance. */
export function analysis(roi: Roi = polygonRoi()): SonomirAnalysis {
  return {
    context: readStudyContext(sourceInstance()),
    frame: 1,
    roi,
    features: studyFeatures(),
    featureUnit: 'mm',
    mir34a: 0.4123456789012345,
    probabilities: { clinical: 0.31234567890123, radiomics: 0.7, combined: 0.6666666666666666 },
    model: { name: 'Breast pCR model', version: '3', sha256: 'a'.repeat(64) },
    operator: OPERATOR,
    analysedAt: '2025-03-14T10:20:30.123Z',
    details: { note: '备注', n: 1 },
  };
}
