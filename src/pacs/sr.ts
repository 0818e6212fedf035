/**
 * SonoMiR analyses as DICOM Comprehensive SR (SOP Class 1.2.840.10008.5.1.4.1.1.88.33), TID 1500
 * Measurement Report, and back. Pure TypeScript, no DOM, no dcmjs.
 *
 * Content tree (relationship, value type, concept):
 *   CONTAINER (126000, DCM, "Imaging Measurement Report")  — template DCMR 1500
 *     HAS CONCEPT MOD  CODE  (121049, DCM) Language = (en-US, RFC5646)
 *     HAS OBS CONTEXT  TID 1002 person observer (operator) and device observer (SonoMiR)
 *     HAS CONCEPT MOD  CODE  (121058, DCM) Procedure reported = (16310003, SCT, "Ultrasonography")
 *     CONTAINS CONTAINER (111028, DCM) Image Library → (126200, DCM) group → IMAGE (the source)
 *     CONTAINS CONTAINER (126010, DCM) Imaging Measurements
 *       CONTAINER (125007, DCM) Measurement Group "SonoMiR ROI" — TID 1410 Planar ROI Measurements:
 *         tracking identifier/UID, Finding (4147007, SCT, "Mass"), algorithm name/version (TID 4019),
 *         SCOORD POLYLINE (111030, DCM, "Image Region") + further contours (private concept), each
 *         SELECTED FROM the source IMAGE (frame), then one NUM per radiomics feature (ibsiCodes.ts).
 *       CONTAINER (125007, DCM) Measurement Group "SonoMiR prediction" — TID 1501:
 *         algorithm name/version (the model), TEXT model SHA-256, NUM miR-34a relative expression
 *         ({ratio}), NUM probability per model kind ({probability}), TEXT ROI encoding, TEXT record JSON.
 *
 * Must stay true:
 * - Explicit VR Little Endian, SpecificCharacterSet `ISO_IR 192`: names are the UTF-8 bytes of the
 *   Unicode names (byte-exact with a UTF-8 source).
 * - Same patient and study as the source image (Patient and General Study modules copied); a new
 *   Series and SOP Instance UID for every written version (`2.25.<UUID as decimal>`).
 * - NUM values carry the exact double in FloatingPointValue (0040,A161) beside the ≤16-character
 *   NumericValue, so read-back numbers are bit-identical.
 * - The ROI contours give back exactly `roiMask(roi)` (checked when writing): either the ROI's own
 *   polygons (when float32 vertices rasterise to the same mask; restored as polygon operations,
 *   editable) or the mask's pixel-edge outline loops (filled even-odd; restored as a mask operation).
 */
import { dicomParser, type DataSet } from '../imaging/dicomLib';
import { fillPolygon, type Point } from '../roi/rasterize';
import { maskOutline } from '../roi/measure';
import { newOpId, roiExtent, roiMask, type Roi } from '../roi/roi';
import { ENGINE_VERSION } from '../radiomics/extract';
import { MessageError } from '../util/message';
import {
  ByteSink,
  encodeElements,
  numberValue,
  part10,
  sequence,
  textElement,
  type DicomElement,
} from './dicomWrite';
import { allFeatureCodes, featureCode, featureOfCode, IBSI_SCHEME, PRIVATE_SCHEME } from './ibsiCodes';
import type { ModelProbabilities, SonomirAnalysis, SrIdentity, StudyContext } from './types';

/** Comprehensive SR Storage. */
export const SR_SOP_CLASS = '1.2.840.10008.5.1.4.1.1.88.33';
/** SeriesDescription of every SonoMiR SR series (how prior analyses are found with QIDO). */
export const SONOMIR_SERIES_DESCRIPTION = 'SonoMiR analysis';
const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const MANUFACTURER = 'SonoMiR';
/** Device Observer UID of SonoMiR (fixed, 2.25 UUID-derived). */
const DEVICE_UID = '2.25.268104386133412587457434738513826432371';

/** A new UID under the UUID-derived root `2.25` (PS3.5 B.2): a random (version 4) UUID as decimal. */
export function newUid(): string {
  const b = new Uint8Array(16);
  globalThis.crypto.getRandomValues(b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  return `2.25.${n.toString()}`;
}

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

interface Code {
  value: string;
  scheme: string;
  meaning: string;
}
const c = (value: string, scheme: string, meaning: string): Code => ({ value, scheme, meaning });

const CODES = {
  report: c('126000', 'DCM', 'Imaging Measurement Report'),
  language: c('121049', 'DCM', 'Language of Content Item and Descendants'),
  enUS: c('en-US', 'RFC5646', 'English, United States'),
  observerType: c('121005', 'DCM', 'Observer Type'),
  person: c('121006', 'DCM', 'Person'),
  device: c('121007', 'DCM', 'Device'),
  personName: c('121008', 'DCM', 'Person Observer Name'),
  deviceUid: c('121012', 'DCM', 'Device Observer UID'),
  deviceName: c('121013', 'DCM', 'Device Observer Name'),
  procedure: c('121058', 'DCM', 'Procedure reported'),
  ultrasonography: c('16310003', 'SCT', 'Ultrasonography'),
  imageLibrary: c('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: c('126200', 'DCM', 'Image Library Group'),
  measurements: c('126010', 'DCM', 'Imaging Measurements'),
  group: c('125007', 'DCM', 'Measurement Group'),
  trackingId: c('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: c('112040', 'DCM', 'Tracking Unique Identifier'),
  finding: c('121071', 'DCM', 'Finding'),
  mass: c('4147007', 'SCT', 'Mass'),
  imageRegion: c('111030', 'DCM', 'Image Region'),
  algorithmName: c('111001', 'DCM', 'Algorithm Name'),
  algorithmVersion: c('111003', 'DCM', 'Algorithm Version'),
  // Private concepts (99SONOMIR).
  extraContour: c('ROI-CONTOUR', PRIVATE_SCHEME, 'Further ROI contour'),
  roiEncoding: c('ROI-ENCODING', PRIVATE_SCHEME, 'ROI contour encoding'),
  modelSha256: c('MODEL-SHA256', PRIVATE_SCHEME, 'Model file SHA-256'),
  mir34a: c('MIR34A-REL', PRIVATE_SCHEME, 'miR-34a relative expression'),
  pClinical: c('P-PCR-CLINICAL', PRIVATE_SCHEME, 'Probability of pCR, clinical model'),
  pRadiomics: c('P-PCR-RADIOMICS', PRIVATE_SCHEME, 'Probability of pCR, radiomics model'),
  pCombined: c('P-PCR-COMBINED', PRIVATE_SCHEME, 'Probability of pCR, combined model'),
  record: c('RECORD-JSON', PRIVATE_SCHEME, 'SonoMiR record (JSON)'),
  frame: c('SOURCE-FRAME', PRIVATE_SCHEME, 'Source frame (0-based)'),
  featureUnit: c('FEATURE-UNIT', PRIVATE_SCHEME, 'Feature spatial unit'),
  analysedAt: c('ANALYSED-AT', PRIVATE_SCHEME, 'Analysis date and time'),
  roiGrid: c('ROI-GRID', PRIVATE_SCHEME, 'ROI grid columns x rows'),
  notANumber: c('114000', 'DCM', 'Not a number'),
} as const;

const PROBABILITY_CODES: Record<keyof ModelProbabilities, Code> = {
  clinical: CODES.pClinical,
  radiomics: CODES.pRadiomics,
  combined: CODES.pCombined,
};

const UNITS = {
  none: c('1', 'UCUM', 'no units'),
  ratio: c('{ratio}', 'UCUM', 'ratio'),
  probability: c('{probability}', 'UCUM', 'probability'),
  mm: c('mm', 'UCUM', 'millimeter'),
  mm2: c('mm2', 'UCUM', 'square millimeter'),
  mm3: c('mm3', 'UCUM', 'cubic millimeter'),
  perMm: c('/mm', 'UCUM', 'per millimeter'),
  px: c('{pixel}', 'UCUM', 'pixel'),
  px2: c('{pixel^2}', 'UCUM', 'square pixel'),
  px3: c('{voxel}', 'UCUM', 'voxel'),
  perPx: c('{per pixel}', 'UCUM', 'per pixel'),
};

/** The unit of a feature (shape sizes in mm or pixels; everything else dimensionless). */
function featureUnitCode(name: string, unit: 'mm' | 'pixel'): Code {
  const mm = unit === 'mm';
  if (/_shape2?D?_/.test(name)) {
    if (/(MeshVolume|VoxelVolume)$/.test(name)) return mm ? UNITS.mm3 : UNITS.px3;
    if (/(SurfaceArea|MeshSurface|PixelSurface)$/.test(name)) return mm ? UNITS.mm2 : UNITS.px2;
    if (/(SurfaceVolumeRatio|PerimeterSurfaceRatio)$/.test(name)) return mm ? UNITS.perMm : UNITS.perPx;
    if (/(Diameter\w*|AxisLength|Perimeter)$/.test(name)) return mm ? UNITS.mm : UNITS.px;
  }
  return UNITS.none;
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

function codeItem(code: Code): DicomElement[] {
  return [
    textElement(0x00080100, 'SH', code.value),
    textElement(0x00080102, 'SH', code.scheme),
    textElement(0x00080104, 'LO', code.meaning),
  ];
}

/** A content item: relationship, value type, concept name, value attributes, children. */
function item(
  rel: string | null,
  valueType: string,
  concept: Code | null,
  value: DicomElement[],
  children: DicomElement[][] = [],
): DicomElement[] {
  const els: DicomElement[] = [textElement(0x0040a040, 'CS', valueType), ...value];
  if (rel) els.push(textElement(0x0040a010, 'CS', rel));
  if (concept) els.push(sequence(0x0040a043, [codeItem(concept)]));
  if (children.length) els.push(sequence(0x0040a730, children));
  return els;
}

const container = (rel: string | null, concept: Code, children: DicomElement[][]) =>
  item(rel, 'CONTAINER', concept, [textElement(0x0040a050, 'CS', 'SEPARATE')], children);
const text = (rel: string, concept: Code, value: string) =>
  item(rel, 'TEXT', concept, [textElement(0x0040a160, 'UT', value)]);
const codeValue = (rel: string, concept: Code, value: Code) =>
  item(rel, 'CODE', concept, [sequence(0x0040a168, [codeItem(value)])]);
const uidRef = (rel: string, concept: Code, uid: string) =>
  item(rel, 'UIDREF', concept, [textElement(0x0040a124, 'UI', uid)]);
const personName = (rel: string, concept: Code, name: string) =>
  item(rel, 'PNAME', concept, [textElement(0x0040a123, 'PN', name)]);

/** A DS string of at most 16 characters for `v` (the exact value goes in FloatingPointValue). */
export function decimalString(v: number): string {
  for (let p = 16; p >= 1; p--) {
    const s = String(Number(v.toPrecision(p)));
    if (s.length <= 16) return s;
    const e = v
      .toExponential(Math.max(0, p - 1))
      .replace('e+', 'E')
      .replace('e', 'E');
    if (e.length <= 16) return e;
  }
  return '0';
}

/** NUM item; a non-finite value is written without a value, qualified "Not a number". */
function num(rel: string, concept: Code, value: number, unit: Code): DicomElement[] {
  if (!Number.isFinite(value)) {
    return item(rel, 'NUM', concept, [
      sequence(0x0040a300, []),
      sequence(0x0040a301, [codeItem(CODES.notANumber)]),
    ]);
  }
  return item(rel, 'NUM', concept, [
    sequence(0x0040a300, [
      [
        textElement(0x0040a30a, 'DS', decimalString(value)),
        { tag: 0x0040a161, vr: 'FD', value: numberValue('FD', [value]) },
        sequence(0x004008ea, [codeItem(unit)]),
      ],
    ]),
  ]);
}

/** IMAGE reference to the source (with the 1-based frame number for multi-frame sources). */
function imageRef(rel: string | null, ctx: StudyContext, frame: number | null): DicomElement[] {
  const ref: DicomElement[] = [
    textElement(0x00081150, 'UI', ctx.sopClassUid),
    textElement(0x00081155, 'UI', ctx.sopInstanceUid),
  ];
  if (ctx.frames > 1 && frame !== null) ref.push(textElement(0x00081160, 'IS', String(frame + 1)));
  return item(rel, 'IMAGE', null, [sequence(0x00081199, [ref])]);
}

/** SCOORD POLYLINE (closed: last point = first) selected from the source image. */
function scoord(concept: Code, loop: Point[], ctx: StudyContext, frame: number | null): DicomElement[] {
  const data: number[] = [];
  for (const p of [...loop, loop[0]]) data.push(p.x, p.y);
  return item(
    'CONTAINS',
    'SCOORD',
    concept,
    [
      textElement(0x00700023, 'CS', 'POLYLINE'),
      { tag: 0x00700022, vr: 'FL', value: numberValue('FL', data) },
    ],
    [imageRef('SELECTED FROM', ctx, frame)],
  );
}

/** The pixel-edge outline of a mask as closed loops (integer corner coordinates). */
export function maskLoops(
  mask: Uint8Array,
  width: number,
  height: number,
  within?: [number, number, number, number] | null,
): Point[][] {
  const segs = maskOutline(mask, width, height, within);
  // Unit edges keyed by their start corner; a corner has 0, 2 or 4 edges.
  const edges = new Map<number, number[]>();
  const key = (x: number, y: number) => y * (width + 1) + x;
  const add = (a: number, b: number) => {
    (edges.get(a) ?? edges.set(a, []).get(a)!).push(b);
    (edges.get(b) ?? edges.set(b, []).get(b)!).push(a);
  };
  for (let i = 0; i < segs.length; i += 4) {
    const [x0, y0, x1, y1] = [segs[i], segs[i + 1], segs[i + 2], segs[i + 3]];
    if (y0 === y1) for (let x = x0; x < x1; x++) add(key(x, y0), key(x + 1, y0));
    else for (let y = y0; y < y1; y++) add(key(x0, y), key(x0, y + 1));
  }
  const loops: Point[][] = [];
  const take = (a: number, b: number) => {
    const la = edges.get(a)!;
    la.splice(la.indexOf(b), 1);
    const lb = edges.get(b)!;
    lb.splice(lb.indexOf(a), 1);
  };
  for (const start of [...edges.keys()].sort((p, q) => p - q)) {
    while ((edges.get(start)?.length ?? 0) > 0) {
      const pts: number[] = [start];
      let prev = start;
      let cur = edges.get(start)![0];
      take(prev, cur);
      while (cur !== start) {
        pts.push(cur);
        const next = edges.get(cur)![0];
        take(cur, next);
        prev = cur;
        cur = next;
      }
      void prev;
      // Drop collinear corners.
      const pt = (k: number): Point => ({ x: k % (width + 1), y: Math.floor(k / (width + 1)) });
      const all = pts.map(pt);
      const loop = all.filter((p, i) => {
        const a = all[(i - 1 + all.length) % all.length];
        const b = all[(i + 1) % all.length];
        return (p.x - a.x) * (b.y - p.y) - (p.y - a.y) * (b.x - p.x) !== 0;
      });
      loops.push(loop);
    }
  }
  return loops;
}

/** Rasterises loops: 'union' fills each polygon; 'evenodd' toggles (XOR) every loop. */
export function rasterizeLoops(
  loops: Point[][],
  width: number,
  height: number,
  rule: 'union' | 'evenodd',
): Uint8Array {
  const out = new Uint8Array(width * height);
  if (rule === 'union') {
    for (const l of loops) fillPolygon(out, width, height, l, 1);
    return out;
  }
  const tmp = new Uint8Array(width * height);
  for (const l of loops) {
    tmp.fill(0);
    fillPolygon(tmp, width, height, l, 1);
    for (let i = 0; i < out.length; i++) out[i] ^= tmp[i];
  }
  return out;
}

function sameMask(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!a[i] !== !b[i]) return false;
  return true;
}

/** The ROI's contours and how to fill them, exact to `roiMask(roi)`. */
export function roiContours(roi: Roi): { rule: 'union' | 'evenodd'; loops: Point[][] } {
  const mask = roiMask(roi);
  if (roi.ops.length > 0 && roi.ops.every((o) => o.kind === 'polygon')) {
    const loops = roi.ops.map((o) => o.points.map((p) => ({ x: Math.fround(p.x), y: Math.fround(p.y) })));
    if (
      loops.every((l) => l.length >= 3) &&
      sameMask(rasterizeLoops(loops, roi.width, roi.height, 'union'), mask)
    ) {
      return { rule: 'union', loops };
    }
  }
  const loops = maskLoops(mask, roi.width, roi.height, roiExtent(roi));
  return { rule: 'evenodd', loops };
}

/** DICOM date and time (UTC) of an ISO instant. */
function dicomDateTime(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new MessageError('pacs.badSr', { detail: `invalid date ${iso}` });
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return {
    date: `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`,
    time: `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}`,
  };
}

/** Writes the analysis as a Comprehensive SR (Part 10 bytes) with new Series and SOP Instance UIDs. */
export function writeSonomirSr(
  analysis: SonomirAnalysis,
  options: { seriesInstanceUid?: string; sopInstanceUid?: string; now?: Date } = {},
): { bytes: Uint8Array; identity: SrIdentity } {
  const ctx = analysis.context;
  const series = options.seriesInstanceUid ?? newUid();
  const sop = options.sopInstanceUid ?? newUid();
  const now = options.now ?? new Date();
  const created = dicomDateTime(now.toISOString());
  const analysed = dicomDateTime(analysis.analysedAt);
  const { rule, loops } = roiContours(analysis.roi);
  if (loops.length === 0) throw new MessageError('pacs.noAnalysis', { missing: 'ROI' });

  const features = Object.entries(analysis.features).map(([name, value]) => {
    const fc = featureCode(name);
    if (!fc) throw new MessageError('pacs.badSr', { detail: `feature ${name} has no code` });
    return num(
      'CONTAINS',
      { value: fc.value, scheme: fc.scheme, meaning: fc.meaning },
      value,
      featureUnitCode(name, analysis.featureUnit),
    );
  });

  const roiGroup = container('CONTAINS', CODES.group, [
    text('HAS OBS CONTEXT', CODES.trackingId, 'SonoMiR ROI'),
    uidRef('HAS OBS CONTEXT', CODES.trackingUid, newUid()),
    codeValue('CONTAINS', CODES.finding, CODES.mass),
    text('HAS CONCEPT MOD', CODES.algorithmName, 'SonoMiR radiomics (PyRadiomics 3.1.0 compatible)'),
    text('HAS CONCEPT MOD', CODES.algorithmVersion, ENGINE_VERSION),
    scoord(CODES.imageRegion, loops[0], ctx, analysis.frame),
    ...loops.slice(1).map((l) => scoord(CODES.extraContour, l, ctx, analysis.frame)),
    ...features,
  ]);

  const predictionItems: DicomElement[][] = [
    text('HAS OBS CONTEXT', CODES.trackingId, 'SonoMiR prediction'),
    uidRef('HAS OBS CONTEXT', CODES.trackingUid, newUid()),
    text('HAS CONCEPT MOD', CODES.algorithmName, analysis.model.name || 'unnamed model'),
    text('HAS CONCEPT MOD', CODES.algorithmVersion, analysis.model.version || '-'),
    text('CONTAINS', CODES.modelSha256, analysis.model.sha256),
  ];
  if (analysis.mir34a !== null)
    predictionItems.push(num('CONTAINS', CODES.mir34a, analysis.mir34a, UNITS.ratio));
  for (const kind of ['clinical', 'radiomics', 'combined'] as const) {
    const p = analysis.probabilities[kind];
    if (p !== undefined) predictionItems.push(num('CONTAINS', PROBABILITY_CODES[kind], p, UNITS.probability));
  }
  predictionItems.push(
    text('CONTAINS', CODES.roiEncoding, rule === 'union' ? 'polygons-union' : 'pixel-outline-evenodd'),
    text('CONTAINS', CODES.roiGrid, `${analysis.roi.width}x${analysis.roi.height}`),
    text('CONTAINS', CODES.featureUnit, analysis.featureUnit),
    text('CONTAINS', CODES.analysedAt, analysis.analysedAt),
  );
  if (analysis.frame !== null) predictionItems.push(text('CONTAINS', CODES.frame, String(analysis.frame)));
  if (analysis.details)
    predictionItems.push(text('CONTAINS', CODES.record, JSON.stringify(analysis.details)));
  const predictionGroup = container('CONTAINS', CODES.group, predictionItems);

  const observers: DicomElement[][] = [];
  if (analysis.operator.trim() !== '') {
    observers.push(codeValue('HAS OBS CONTEXT', CODES.observerType, CODES.person));
    observers.push(personName('HAS OBS CONTEXT', CODES.personName, analysis.operator));
  }
  observers.push(codeValue('HAS OBS CONTEXT', CODES.observerType, CODES.device));
  observers.push(uidRef('HAS OBS CONTEXT', CODES.deviceUid, DEVICE_UID));
  observers.push(text('HAS OBS CONTEXT', CODES.deviceName, MANUFACTURER));

  const root = container(null, CODES.report, [
    codeValue('HAS CONCEPT MOD', CODES.language, CODES.enUS),
    ...observers,
    codeValue('HAS CONCEPT MOD', CODES.procedure, CODES.ultrasonography),
    container('CONTAINS', CODES.imageLibrary, [
      container('CONTAINS', CODES.imageLibraryGroup, [imageRef('CONTAINS', ctx, analysis.frame)]),
    ]),
    container('CONTAINS', CODES.measurements, [roiGroup, predictionGroup]),
  ]);

  const schemes = [
    [IBSI_SCHEME, 'Image Biomarker Standardisation Initiative', 'IBSI'],
    [PRIVATE_SCHEME, 'SonoMiR private codes', 'SonoMiR'],
  ].map(([designator, name, org]) => [
    textElement(0x00080102, 'SH', designator),
    textElement(0x00080115, 'ST', name),
    textElement(0x00080116, 'ST', org),
  ]);

  const els: DicomElement[] = [
    textElement(0x00080005, 'CS', 'ISO_IR 192'),
    textElement(0x00080012, 'DA', created.date),
    textElement(0x00080013, 'TM', created.time),
    textElement(0x00080016, 'UI', SR_SOP_CLASS),
    textElement(0x00080018, 'UI', sop),
    textElement(0x00080020, 'DA', ctx.studyDate),
    textElement(0x00080021, 'DA', created.date),
    textElement(0x00080023, 'DA', analysed.date),
    textElement(0x00080030, 'TM', ctx.studyTime),
    textElement(0x00080031, 'TM', created.time),
    textElement(0x00080033, 'TM', analysed.time),
    textElement(0x00080050, 'SH', ctx.accessionNumber),
    textElement(0x00080060, 'CS', 'SR'),
    textElement(0x00080070, 'LO', MANUFACTURER),
    textElement(0x00080090, 'PN', ctx.referringPhysicianName),
    sequence(0x00080110, schemes),
    textElement(0x00080201, 'SH', '+0000'),
    textElement(0x00081030, 'LO', ctx.studyDescription),
    textElement(0x0008103e, 'LO', SONOMIR_SERIES_DESCRIPTION),
    textElement(0x00081090, 'LO', 'SonoMiR'),
    sequence(0x00081111, []),
    textElement(0x00100010, 'PN', ctx.patientName),
    textElement(0x00100020, 'LO', ctx.patientId),
    textElement(0x00100030, 'DA', ctx.patientBirthDate),
    textElement(0x00100040, 'CS', ctx.patientSex),
    textElement(0x00181020, 'LO', ENGINE_VERSION),
    textElement(0x0020000d, 'UI', ctx.studyInstanceUid),
    textElement(0x0020000e, 'UI', series),
    textElement(0x00200010, 'SH', ctx.studyId),
    textElement(0x00200011, 'IS', '9001'),
    textElement(0x00200013, 'IS', '1'),
    textElement(0x0040a491, 'CS', 'COMPLETE'),
    textElement(0x0040a493, 'CS', 'UNVERIFIED'),
    sequence(0x0040a375, [
      [
        textElement(0x0020000d, 'UI', ctx.studyInstanceUid),
        sequence(0x00081115, [
          [
            textElement(0x0020000e, 'UI', ctx.seriesInstanceUid),
            sequence(0x00081199, [
              [
                textElement(0x00081150, 'UI', ctx.sopClassUid),
                textElement(0x00081155, 'UI', ctx.sopInstanceUid),
              ],
            ]),
          ],
        ]),
      ],
    ]),
    sequence(0x0040a372, []),
    sequence(0x0040a504, [[textElement(0x00080105, 'CS', 'DCMR'), textElement(0x0040db00, 'CS', '1500')]]),
    ...root,
  ];
  const sink = new ByteSink(true);
  encodeElements(sink, els, true);
  const bytes = part10(sink.result(), {
    sopClassUid: SR_SOP_CLASS,
    sopInstanceUid: sop,
    transferSyntaxUid: EXPLICIT_LE,
  });
  return {
    bytes,
    identity: {
      studyInstanceUid: ctx.studyInstanceUid,
      seriesInstanceUid: series,
      sopInstanceUid: sop,
      contentDateTime: new Date(analysis.analysedAt).toISOString(),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

/** TextDecoder label of a SpecificCharacterSet (first value; default repertoire → latin1). */
function decoderLabel(charset: string): string {
  const first =
    charset
      .split('\\')
      .map((s) => s.trim())
      .find((s) => s !== '') ?? '';
  if (first === 'ISO_IR 192') return 'utf-8';
  if (first === 'GB18030') return 'gb18030';
  if (first === 'GBK') return 'gbk';
  if (first === 'ISO_IR 100') return 'latin1';
  return 'latin1';
}

function parse(bytes: Uint8Array): DataSet {
  try {
    return dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' } as Parameters<
      typeof dicomParser.parseDicom
    >[1]);
  } catch (e) {
    const inner = e instanceof Error ? e : ((e as { exception?: unknown } | null)?.exception ?? e);
    throw new MessageError('pacs.badSr', { detail: inner instanceof Error ? inner.message : String(inner) });
  }
}

/** A text attribute decoded with the data set's character set (trailing padding removed). */
function textOf(ds: DataSet, tag: string, label: string): string {
  const el = ds.elements[tag];
  if (!el || el.length === 0) return '';
  const raw = ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
  return new TextDecoder(label)
    .decode(raw)
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '');
}

/** The Patient and General Study attributes of a data set (`t` reads a text attribute). */
function patientAndStudy(
  t: (tag: string) => string,
): Omit<StudyContext, 'seriesInstanceUid' | 'sopInstanceUid' | 'sopClassUid' | 'frames'> {
  return {
    patientName: t('x00100010'),
    patientId: t('x00100020'),
    patientBirthDate: t('x00100030'),
    patientSex: t('x00100040'),
    studyInstanceUid: t('x0020000d'),
    studyDate: t('x00080020'),
    studyTime: t('x00080030'),
    studyId: t('x00200010'),
    accessionNumber: t('x00080050'),
    referringPhysicianName: t('x00080090'),
    studyDescription: t('x00081030'),
  };
}

/** The patient/study/source-image context of a source DICOM instance (Part 10 bytes). */
export function readStudyContext(bytes: Uint8Array): StudyContext {
  const ds = parse(bytes);
  const label = decoderLabel(ds.string('x00080005') ?? '');
  const t = (tag: string) => textOf(ds, tag, label);
  const ctx: StudyContext = {
    ...patientAndStudy(t),
    seriesInstanceUid: t('x0020000e'),
    sopInstanceUid: t('x00080018'),
    sopClassUid: t('x00080016'),
    frames: Math.max(1, Number.parseInt(t('x00280008') || '1', 10) || 1),
  };
  if (!ctx.studyInstanceUid || !ctx.seriesInstanceUid || !ctx.sopInstanceUid || !ctx.sopClassUid) {
    throw new MessageError('pacs.notDicomSource');
  }
  return ctx;
}

interface ContentItem {
  rel: string;
  type: string;
  concept: Code | null;
  ds: DataSet;
  children: ContentItem[];
}

function codeOf(ds: DataSet | undefined, label: string): Code | null {
  if (!ds) return null;
  return {
    value: textOf(ds, 'x00080100', label),
    scheme: textOf(ds, 'x00080102', label),
    meaning: textOf(ds, 'x00080104', label),
  };
}

function firstItem(ds: DataSet, tag: string): DataSet | undefined {
  return ds.elements[tag]?.items?.[0]?.dataSet;
}

function contentItems(ds: DataSet, label: string): ContentItem[] {
  return (ds.elements.x0040a730?.items ?? []).flatMap((it) => {
    const d = it.dataSet;
    if (!d) return [];
    return [
      {
        rel: textOf(d, 'x0040a010', label),
        type: textOf(d, 'x0040a040', label),
        concept: codeOf(firstItem(d, 'x0040a043'), label),
        ds: d,
        children: contentItems(d, label),
      },
    ];
  });
}

const is = (code: Code | null, ref: Code) => !!code && code.value === ref.value && code.scheme === ref.scheme;

/** The value of a NUM item (FloatingPointValue when present, else NumericValue; NaN without a value). */
function numValue(it: ContentItem): number {
  const mv = firstItem(it.ds, 'x0040a300');
  if (!mv) return NaN;
  const fd = mv.elements.x0040a161;
  if (fd && fd.length >= 8) return mv.double('x0040a161') ?? NaN;
  return Number(mv.string('x0040a30a') ?? 'NaN');
}

function polyline(it: ContentItem): Point[] {
  const el = it.ds.elements.x00700022;
  if (!el) throw new MessageError('pacs.badSr', { detail: 'SCOORD without GraphicData' });
  const n = el.length / 4;
  const pts: Point[] = [];
  for (let i = 0; i + 1 < n; i += 2)
    pts.push({ x: it.ds.float('x00700022', i) ?? NaN, y: it.ds.float('x00700022', i + 1) ?? NaN });
  if (pts.length > 1 && pts[0].x === pts[pts.length - 1].x && pts[0].y === pts[pts.length - 1].y) pts.pop();
  return pts;
}

/** Reads a SonoMiR SR back (throws pacs.notSonomirSr for other objects, pacs.badSr when damaged). */
export function readSonomirSr(bytes: Uint8Array): { analysis: SonomirAnalysis; identity: SrIdentity } {
  const ds = parse(bytes);
  const label = decoderLabel(ds.string('x00080005') ?? '');
  const t = (tag: string) => textOf(ds, tag, label);
  if (t('x00080016') !== SR_SOP_CLASS || t('x00080070') !== MANUFACTURER)
    throw new MessageError('pacs.notSonomirSr');
  if (!is(codeOf(firstItem(ds, 'x0040a043'), label), CODES.report))
    throw new MessageError('pacs.notSonomirSr');
  const root = contentItems(ds, label);
  const measurements = root.find((i) => is(i.concept, CODES.measurements));
  const groups = measurements?.children.filter((i) => is(i.concept, CODES.group)) ?? [];
  const groupOf = (id: string) =>
    groups.find((g) =>
      g.children.some((i) => is(i.concept, CODES.trackingId) && textOf(i.ds, 'x0040a160', label) === id),
    );
  const roiGroup = groupOf('SonoMiR ROI');
  const predGroup = groupOf('SonoMiR prediction');
  if (!roiGroup || !predGroup) throw new MessageError('pacs.badSr', { detail: 'measurement groups missing' });
  const txt = (g: ContentItem, code: Code) => {
    const i = g.children.find((x) => is(x.concept, code));
    return i ? textOf(i.ds, 'x0040a160', label) : undefined;
  };

  // Source image reference (from the Image Region's SELECTED FROM).
  const region = roiGroup.children.find((i) => is(i.concept, CODES.imageRegion));
  if (!region) throw new MessageError('pacs.badSr', { detail: 'no Image Region' });
  const ref = firstItem(region.children.find((i) => i.type === 'IMAGE')?.ds ?? region.ds, 'x00081199');
  const evidenceSeries = firstItem(firstItem(ds, 'x0040a375') ?? ds, 'x00081115');
  const frameText = txt(predGroup, CODES.frame);
  const context: StudyContext = {
    ...patientAndStudy(t),
    seriesInstanceUid: evidenceSeries ? textOf(evidenceSeries, 'x0020000e', label) : '',
    sopInstanceUid: ref ? textOf(ref, 'x00081155', label) : '',
    sopClassUid: ref ? textOf(ref, 'x00081150', label) : '',
    // The SR does not say how many frames the source has: at least the referenced one.
    frames: ref?.elements.x00081160 ? Number(ref.string('x00081160') ?? '1') : 1,
  };

  // ROI.
  const loops = roiGroup.children
    .filter(
      (i) => i.type === 'SCOORD' && (is(i.concept, CODES.imageRegion) || is(i.concept, CODES.extraContour)),
    )
    .map(polyline);
  const rule = txt(predGroup, CODES.roiEncoding) === 'polygons-union' ? 'union' : 'evenodd';
  const details = txt(predGroup, CODES.record);
  const parsedDetails = details ? (JSON.parse(details) as Record<string, unknown>) : undefined;
  const grid = /^(\d+)x(\d+)$/.exec(txt(predGroup, CODES.roiGrid) ?? '');
  if (!grid) throw new MessageError('pacs.badSr', { detail: 'ROI grid size missing' });
  const size = { width: Number(grid[1]), height: Number(grid[2]) };
  const roi: Roi =
    rule === 'union'
      ? {
          width: size.width,
          height: size.height,
          ops: loops.map((points) => ({ kind: 'polygon', id: newOpId(), points })),
        }
      : {
          width: size.width,
          height: size.height,
          ops: [
            {
              kind: 'mask',
              id: newOpId(),
              width: size.width,
              height: size.height,
              data: rasterizeLoops(loops, size.width, size.height, 'evenodd'),
              dx: 0,
              dy: 0,
            },
          ],
        };

  // Features.
  const features: Record<string, number> = {};
  for (const i of roiGroup.children) {
    if (i.type !== 'NUM' || !i.concept) continue;
    const fc = featureOfCode(i.concept.scheme, i.concept.value);
    if (fc) features[fc.name] = numValue(i);
  }

  // Prediction.
  const numOf = (code: Code) => {
    const i = predGroup.children.find((x) => x.type === 'NUM' && is(x.concept, code));
    return i ? numValue(i) : undefined;
  };
  const probabilities: ModelProbabilities = {};
  for (const kind of ['clinical', 'radiomics', 'combined'] as const) {
    const p = numOf(PROBABILITY_CODES[kind]);
    if (p !== undefined) probabilities[kind] = p;
  }
  const operatorItem = root.find((i) => is(i.concept, CODES.personName));
  const analysedAt = txt(predGroup, CODES.analysedAt) ?? '';
  const analysis: SonomirAnalysis = {
    context,
    frame: frameText !== undefined ? Number(frameText) : null,
    roi,
    features,
    featureUnit: txt(predGroup, CODES.featureUnit) === 'mm' ? 'mm' : 'pixel',
    mir34a: numOf(CODES.mir34a) ?? null,
    probabilities,
    model: {
      name: txt(predGroup, CODES.algorithmName) ?? '',
      version: txt(predGroup, CODES.algorithmVersion) ?? '',
      sha256: txt(predGroup, CODES.modelSha256) ?? '',
    },
    operator: operatorItem ? textOf(operatorItem.ds, 'x0040a123', label) : '',
    analysedAt,
    ...(parsedDetails ? { details: parsedDetails } : {}),
  };
  const date = t('x00080023');
  const time = t('x00080033');
  return {
    analysis,
    identity: {
      studyInstanceUid: context.studyInstanceUid,
      seriesInstanceUid: t('x0020000e'),
      sopInstanceUid: t('x00080018'),
      contentDateTime:
        analysedAt ||
        `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}Z`,
    },
  };
}

/** Every feature code the SR may carry (for documentation and tests). */
export const SR_FEATURE_CODES = allFeatureCodes;
