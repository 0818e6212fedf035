/**
 * Minimal DICOM Part 10 writer for tests (unit and browser): builds small ultrasound images in
 * implicit/explicit VR little endian, explicit VR big endian, deflated explicit VR little endian, or
 * any encapsulated transfer syntax (frames given already compressed, e.g. JPEG baseline).
 * Pure TypeScript, returns the file's bytes.
 */
import { deflateSync } from 'fflate';
import {
  ByteSink,
  encapsulatePixelData,
  encodeElements,
  numberValue,
  part10,
  textValue,
  type DicomElement,
} from '../../../src/pacs/dicomWrite';

/** One item of the Sequence of Ultrasound Regions. */
export interface WriterRegion {
  minX0: number;
  minY0: number;
  maxX1: number;
  maxY1: number;
  /** PhysicalUnitsX/YDirection; 3 = cm. */
  unitsX: number;
  unitsY: number;
  /** PhysicalDeltaX/Y (units per pixel). */
  deltaX: number;
  deltaY: number;
}

/** Options of {@link writeDicom}. */
export interface WriteDicomOptions {
  rows: number;
  columns: number;
  /** Native pixel samples of all frames in file order (ignored when `encapsulatedFrames` is set). */
  pixels?: ArrayLike<number>;
  bitsAllocated?: 8 | 16 | 32;
  bitsStored?: number;
  /** 0 unsigned, 1 signed (two's complement). */
  pixelRepresentation?: 0 | 1;
  samplesPerPixel?: 1 | 3;
  /** Default MONOCHROME2 (1 sample) or RGB (3 samples). */
  photometric?: string;
  planarConfiguration?: 0 | 1;
  /** Number of frames; written as NumberOfFrames when > 1. */
  frames?: number;
  /** 'implicit' | 'explicit' (default) | 'deflated' | 'bigEndian', or a transfer syntax UID. */
  transferSyntax?: string;
  /** Compressed frames for an encapsulated transfer syntax (each becomes one fragment). */
  encapsulatedFrames?: Uint8Array[];
  rescaleSlope?: number;
  rescaleIntercept?: number;
  /** VOI window (WindowCenter, WindowWidth). */
  window?: [number, number];
  /** PixelSpacing (row, col) in mm. */
  pixelSpacing?: [number, number];
  /** Sequence of Ultrasound Regions. */
  regions?: WriterRegion[];
  /** Modality, default 'US'. */
  modality?: string;
  /** Omit Pixel Data (to test non-image files). */
  omitPixelData?: boolean;
  /** SOP Class UID (default Ultrasound Image Storage; multi-frame clips: '1.2.840.10008.5.1.4.1.1.3.1'). */
  sopClassUid?: string;
  /** SOP Instance UID (default a fixed test UID). */
  sopInstanceUid?: string;
  /**
   * Further attributes (patient, study, series …), e.g. `textElement(0x00100010, 'PN', '张^三')`
   * (text is UTF-8: add SpecificCharacterSet 'ISO_IR 192' for non-ASCII values).
   */
  attributes?: DicomElement[];
}

/** Transfer syntax shorthands. */
const SYNTAX: Record<string, string> = {
  implicit: '1.2.840.10008.1.2',
  explicit: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  bigEndian: '1.2.840.10008.1.2.2',
};

type El = DicomElement;

/** Encodes a string value padded to even length (UI with NUL, others with space). */
const str = textValue;

/** Encodes numbers of a fixed-size VR in the given byte order. */
function num(vr: 'US' | 'UL' | 'FD', values: number[], little: boolean): Uint8Array {
  return numberValue(vr, values, little);
}

/** Encodes native pixel samples. */
function pixelBytes(samples: ArrayLike<number>, bits: number, signed: boolean, little: boolean): Uint8Array {
  const size = bits / 8;
  const dv = new DataView(new ArrayBuffer(samples.length * size + ((samples.length * size) % 2)));
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i];
    if (bits === 8) dv.setUint8(i, v & 0xff);
    else if (bits === 16) {
      if (signed) dv.setInt16(2 * i, v, little);
      else dv.setUint16(2 * i, v, little);
    } else if (signed) dv.setInt32(4 * i, v, little);
    else dv.setUint32(4 * i, v, little);
  }
  return new Uint8Array(dv.buffer);
}

/**
 * Writes a DICOM Part 10 file (Ultrasound Image Storage) from the options.
 * @returns the file's bytes: 128-byte preamble, "DICM", file meta information, data set
 */
export function writeDicom(opts: WriteDicomOptions): Uint8Array {
  const syntax = SYNTAX[opts.transferSyntax ?? 'explicit'] ?? opts.transferSyntax!;
  const little = syntax !== SYNTAX.bigEndian;
  const explicit = syntax !== SYNTAX.implicit;
  const spp = opts.samplesPerPixel ?? 1;
  const bits = opts.bitsAllocated ?? 8;
  const signed = opts.pixelRepresentation === 1;
  const sopClass = opts.sopClassUid ?? '1.2.840.10008.5.1.4.1.1.6.1';
  const instance = opts.sopInstanceUid ?? '1.2.826.0.1.3680043.10.1234.1';
  const els: El[] = [
    { tag: 0x00080016, vr: 'UI', value: str('UI', sopClass) },
    { tag: 0x00080018, vr: 'UI', value: str('UI', instance) },
    { tag: 0x00080060, vr: 'CS', value: str('CS', opts.modality ?? 'US') },
    { tag: 0x00280002, vr: 'US', value: num('US', [spp], little) },
    {
      tag: 0x00280004,
      vr: 'CS',
      value: str('CS', opts.photometric ?? (spp === 1 ? 'MONOCHROME2' : 'RGB')),
    },
    { tag: 0x00280010, vr: 'US', value: num('US', [opts.rows], little) },
    { tag: 0x00280011, vr: 'US', value: num('US', [opts.columns], little) },
    { tag: 0x00280100, vr: 'US', value: num('US', [bits], little) },
    { tag: 0x00280101, vr: 'US', value: num('US', [opts.bitsStored ?? bits], little) },
    { tag: 0x00280102, vr: 'US', value: num('US', [(opts.bitsStored ?? bits) - 1], little) },
    { tag: 0x00280103, vr: 'US', value: num('US', [signed ? 1 : 0], little) },
  ];
  if (spp > 1) {
    els.push({
      tag: 0x00280006,
      vr: 'US',
      value: num('US', [opts.planarConfiguration ?? 0], little),
    });
  }
  if ((opts.frames ?? 1) > 1) {
    els.push({ tag: 0x00280008, vr: 'IS', value: str('IS', String(opts.frames)) });
  }
  if (opts.pixelSpacing) {
    els.push({ tag: 0x00280030, vr: 'DS', value: str('DS', opts.pixelSpacing.join('\\')) });
  }
  if (opts.window) {
    els.push({ tag: 0x00281050, vr: 'DS', value: str('DS', String(opts.window[0])) });
    els.push({ tag: 0x00281051, vr: 'DS', value: str('DS', String(opts.window[1])) });
  }
  if (opts.rescaleIntercept !== undefined) {
    els.push({ tag: 0x00281052, vr: 'DS', value: str('DS', String(opts.rescaleIntercept)) });
  }
  if (opts.rescaleSlope !== undefined) {
    els.push({ tag: 0x00281053, vr: 'DS', value: str('DS', String(opts.rescaleSlope)) });
  }
  if (opts.regions) {
    const items = opts.regions.map((r): El[] => [
      { tag: 0x00186018, vr: 'UL', value: num('UL', [r.minX0], little) },
      { tag: 0x0018601a, vr: 'UL', value: num('UL', [r.minY0], little) },
      { tag: 0x0018601c, vr: 'UL', value: num('UL', [r.maxX1], little) },
      { tag: 0x0018601e, vr: 'UL', value: num('UL', [r.maxY1], little) },
      { tag: 0x00186024, vr: 'US', value: num('US', [r.unitsX], little) },
      { tag: 0x00186026, vr: 'US', value: num('US', [r.unitsY], little) },
      { tag: 0x0018602c, vr: 'FD', value: num('FD', [r.deltaX], little) },
      { tag: 0x0018602e, vr: 'FD', value: num('FD', [r.deltaY], little) },
    ]);
    els.push({ tag: 0x00186011, vr: 'SQ', value: items });
  }
  if (!opts.omitPixelData) {
    if (opts.encapsulatedFrames) {
      els.push({
        tag: 0x7fe00010,
        vr: 'OB',
        value: encapsulatePixelData(opts.encapsulatedFrames),
        undefinedLength: true,
      });
    } else {
      els.push({
        tag: 0x7fe00010,
        vr: bits === 8 ? 'OB' : 'OW',
        value: pixelBytes(opts.pixels ?? [], bits, signed, little),
      });
    }
  }
  els.push(...(opts.attributes ?? []));

  const dataSink = new ByteSink(little);
  encodeElements(dataSink, els, explicit);
  let dataSet = dataSink.result();
  if (syntax === SYNTAX.deflated) dataSet = deflateSync(dataSet);
  return part10(dataSet, { sopClassUid: sopClass, sopInstanceUid: instance, transferSyntaxUid: syntax });
}
