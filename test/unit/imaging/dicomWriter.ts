/**
 * Minimal DICOM Part 10 writer for tests (unit and browser): builds small ultrasound images in
 * implicit/explicit VR little endian, explicit VR big endian, deflated explicit VR little endian, or
 * any encapsulated transfer syntax (frames given already compressed, e.g. JPEG baseline).
 * Pure TypeScript, returns the file's bytes.
 */
import { deflateSync } from 'fflate';

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
}

/** Transfer syntax shorthands. */
const SYNTAX: Record<string, string> = {
  implicit: '1.2.840.10008.1.2',
  explicit: '1.2.840.10008.1.2.1',
  deflated: '1.2.840.10008.1.2.1.99',
  bigEndian: '1.2.840.10008.1.2.2',
};

/** A data element before encoding. */
interface El {
  group: number;
  element: number;
  vr: string;
  /** Value bytes (already in the data set's byte order) or sequence items. */
  value: Uint8Array | El[][];
  /** Undefined length (encapsulated pixel data, sequences). */
  undefinedLength?: boolean;
}

/** Byte sink with little/big-endian writers. */
class Sink {
  private chunks: number[] = [];

  /** Creates a sink writing numbers in the given byte order. */
  constructor(private readonly little: boolean) {}

  /** Appends bytes. */
  bytes(b: ArrayLike<number>): void {
    for (let i = 0; i < b.length; i++) this.chunks.push(b[i]);
  }

  /** Appends an unsigned 16-bit number. */
  u16(v: number): void {
    const b = [v & 0xff, (v >> 8) & 0xff];
    this.bytes(this.little ? b : b.reverse());
  }

  /** Appends an unsigned 32-bit number. */
  u32(v: number): void {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.bytes(this.little ? b : b.reverse());
  }

  /** The bytes written so far. */
  result(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

/** Encodes a string value padded to even length (UI with NUL, others with space). */
function str(vr: string, s: string): Uint8Array {
  const b = Array.from(s, (c) => c.charCodeAt(0));
  if (b.length % 2 === 1) b.push(vr === 'UI' ? 0 : 0x20);
  return Uint8Array.from(b);
}

/** Encodes numbers of a fixed-size VR in the given byte order. */
function num(vr: 'US' | 'UL' | 'FD', values: number[], little: boolean): Uint8Array {
  const size = vr === 'US' ? 2 : vr === 'UL' ? 4 : 8;
  const dv = new DataView(new ArrayBuffer(size * values.length));
  values.forEach((v, i) => {
    if (vr === 'US') dv.setUint16(i * 2, v, little);
    else if (vr === 'UL') dv.setUint32(i * 4, v, little);
    else dv.setFloat64(i * 8, v, little);
  });
  return new Uint8Array(dv.buffer);
}

/** VRs with a 4-byte length in explicit encodings. */
const LONG_VR = new Set(['OB', 'OW', 'OF', 'SQ', 'UT', 'UN']);

/** Writes elements (sorted by the caller) into the sink. */
function writeElements(sink: Sink, els: El[], explicit: boolean): void {
  for (const el of els) {
    sink.u16(el.group);
    sink.u16(el.element);
    const isSeq = el.vr === 'SQ';
    const value = isSeq ? undefined : (el.value as Uint8Array);
    const length = isSeq || el.undefinedLength ? 0xffffffff : value!.length;
    if (explicit) {
      sink.bytes([el.vr.charCodeAt(0), el.vr.charCodeAt(1)]);
      if (LONG_VR.has(el.vr)) {
        sink.u16(0);
        sink.u32(length);
      } else sink.u16(length);
    } else sink.u32(length);
    if (isSeq) {
      for (const item of el.value as El[][]) {
        sink.u16(0xfffe);
        sink.u16(0xe000);
        sink.u32(0xffffffff);
        writeElements(sink, item, explicit);
        sink.u16(0xfffe);
        sink.u16(0xe00d);
        sink.u32(0);
      }
      sink.u16(0xfffe);
      sink.u16(0xe0dd);
      sink.u32(0);
    } else sink.bytes(value!);
  }
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

/** Encapsulated pixel data: empty basic offset table, one fragment per frame, sequence delimiter. */
function encapsulated(frames: Uint8Array[]): Uint8Array {
  const sink = new Sink(true);
  sink.u16(0xfffe);
  sink.u16(0xe000);
  sink.u32(0);
  for (const f of frames) {
    const padded = f.length % 2 === 0 ? f : Uint8Array.from([...f, 0]);
    sink.u16(0xfffe);
    sink.u16(0xe000);
    sink.u32(padded.length);
    sink.bytes(padded);
  }
  sink.u16(0xfffe);
  sink.u16(0xe0dd);
  sink.u32(0);
  return sink.result();
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
  const sopClass = '1.2.840.10008.5.1.4.1.1.6.1';
  const instance = '1.2.826.0.1.3680043.10.1234.1';
  const els: El[] = [
    { group: 0x0008, element: 0x0016, vr: 'UI', value: str('UI', sopClass) },
    { group: 0x0008, element: 0x0018, vr: 'UI', value: str('UI', instance) },
    { group: 0x0008, element: 0x0060, vr: 'CS', value: str('CS', opts.modality ?? 'US') },
    { group: 0x0028, element: 0x0002, vr: 'US', value: num('US', [spp], little) },
    {
      group: 0x0028,
      element: 0x0004,
      vr: 'CS',
      value: str('CS', opts.photometric ?? (spp === 1 ? 'MONOCHROME2' : 'RGB')),
    },
    { group: 0x0028, element: 0x0010, vr: 'US', value: num('US', [opts.rows], little) },
    { group: 0x0028, element: 0x0011, vr: 'US', value: num('US', [opts.columns], little) },
    { group: 0x0028, element: 0x0100, vr: 'US', value: num('US', [bits], little) },
    { group: 0x0028, element: 0x0101, vr: 'US', value: num('US', [opts.bitsStored ?? bits], little) },
    { group: 0x0028, element: 0x0102, vr: 'US', value: num('US', [(opts.bitsStored ?? bits) - 1], little) },
    { group: 0x0028, element: 0x0103, vr: 'US', value: num('US', [signed ? 1 : 0], little) },
  ];
  if (spp > 1) {
    els.push({
      group: 0x0028,
      element: 0x0006,
      vr: 'US',
      value: num('US', [opts.planarConfiguration ?? 0], little),
    });
  }
  if ((opts.frames ?? 1) > 1) {
    els.push({ group: 0x0028, element: 0x0008, vr: 'IS', value: str('IS', String(opts.frames)) });
  }
  if (opts.pixelSpacing) {
    els.push({ group: 0x0028, element: 0x0030, vr: 'DS', value: str('DS', opts.pixelSpacing.join('\\')) });
  }
  if (opts.window) {
    els.push({ group: 0x0028, element: 0x1050, vr: 'DS', value: str('DS', String(opts.window[0])) });
    els.push({ group: 0x0028, element: 0x1051, vr: 'DS', value: str('DS', String(opts.window[1])) });
  }
  if (opts.rescaleIntercept !== undefined) {
    els.push({ group: 0x0028, element: 0x1052, vr: 'DS', value: str('DS', String(opts.rescaleIntercept)) });
  }
  if (opts.rescaleSlope !== undefined) {
    els.push({ group: 0x0028, element: 0x1053, vr: 'DS', value: str('DS', String(opts.rescaleSlope)) });
  }
  if (opts.regions) {
    const items = opts.regions.map((r): El[] => [
      { group: 0x0018, element: 0x6018, vr: 'UL', value: num('UL', [r.minX0], little) },
      { group: 0x0018, element: 0x601a, vr: 'UL', value: num('UL', [r.minY0], little) },
      { group: 0x0018, element: 0x601c, vr: 'UL', value: num('UL', [r.maxX1], little) },
      { group: 0x0018, element: 0x601e, vr: 'UL', value: num('UL', [r.maxY1], little) },
      { group: 0x0018, element: 0x6024, vr: 'US', value: num('US', [r.unitsX], little) },
      { group: 0x0018, element: 0x6026, vr: 'US', value: num('US', [r.unitsY], little) },
      { group: 0x0018, element: 0x602c, vr: 'FD', value: num('FD', [r.deltaX], little) },
      { group: 0x0018, element: 0x602e, vr: 'FD', value: num('FD', [r.deltaY], little) },
    ]);
    els.push({ group: 0x0018, element: 0x6011, vr: 'SQ', value: items });
  }
  if (!opts.omitPixelData) {
    if (opts.encapsulatedFrames) {
      els.push({
        group: 0x7fe0,
        element: 0x0010,
        vr: 'OB',
        value: encapsulated(opts.encapsulatedFrames),
        undefinedLength: true,
      });
    } else {
      els.push({
        group: 0x7fe0,
        element: 0x0010,
        vr: bits === 8 ? 'OB' : 'OW',
        value: pixelBytes(opts.pixels ?? [], bits, signed, little),
      });
    }
  }
  els.sort((a, b) => a.group - b.group || a.element - b.element);

  const dataSink = new Sink(little);
  writeElements(dataSink, els, explicit);
  let dataSet = dataSink.result();
  if (syntax === SYNTAX.deflated) dataSet = deflateSync(dataSet);

  // File meta information: always explicit VR little endian, with its group length first.
  const metaEls: El[] = [
    { group: 0x0002, element: 0x0001, vr: 'OB', value: Uint8Array.from([0, 1]) },
    { group: 0x0002, element: 0x0002, vr: 'UI', value: str('UI', sopClass) },
    { group: 0x0002, element: 0x0003, vr: 'UI', value: str('UI', instance) },
    { group: 0x0002, element: 0x0010, vr: 'UI', value: str('UI', syntax) },
    { group: 0x0002, element: 0x0012, vr: 'UI', value: str('UI', '1.2.826.0.1.3680043.10.1234') },
  ];
  const metaSink = new Sink(true);
  writeElements(metaSink, metaEls, true);
  const meta = metaSink.result();
  const head = new Sink(true);
  head.bytes(new Uint8Array(128));
  head.bytes([0x44, 0x49, 0x43, 0x4d]);
  writeElements(
    head,
    [{ group: 0x0002, element: 0x0000, vr: 'UL', value: num('UL', [meta.length], true) }],
    true,
  );
  head.bytes(meta);
  const prefix = head.result();
  const out = new Uint8Array(prefix.length + dataSet.length);
  out.set(prefix);
  out.set(dataSet, prefix.length);
  return out;
}
