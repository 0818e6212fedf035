/**
 * The project's DICOM data-set writer (the one home: the SR writer and the tests' image writer use
 * it). Elements in, Part 10 bytes out: implicit or explicit VR, little or big endian, sequences
 * (undefined length, with item delimiters), encapsulated pixel data. Pure TypeScript, no DOM.
 *
 * Must stay true: text values are encoded as UTF-8 (exact for ASCII; the right bytes for
 * SpecificCharacterSet `ISO_IR 192`) and padded to even length (UI with NUL, others with a space);
 * the file meta information is always Explicit VR Little Endian with its group length first.
 */

/** A data element before encoding. `tag` = group << 16 | element. */
export interface DicomElement {
  tag: number;
  vr: string;
  /** Value bytes (already in the data set's byte order) or, for SQ, the items' elements. */
  value: Uint8Array | DicomElement[][];
  /** Undefined length (encapsulated pixel data; sequences always use it). */
  undefinedLength?: boolean;
}

/** VRs with a 2-byte reserved field and a 4-byte length in explicit encodings. */
const LONG_VR = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'UC', 'UR', 'UT', 'UN', 'SV', 'UV']);

/** A growable byte buffer with little/big-endian writers. */
export class ByteSink {
  private buf = new Uint8Array(1024);
  private len = 0;

  constructor(private readonly little = true) {}

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  bytes(b: ArrayLike<number>): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  u16(v: number): void {
    this.bytes(this.little ? [v & 0xff, (v >> 8) & 0xff] : [(v >> 8) & 0xff, v & 0xff]);
  }

  u32(v: number): void {
    const b = [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
    this.bytes(this.little ? b : b.reverse());
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** A text value (UTF-8), padded to even length: UI with NUL, other VRs with a space. */
export function textValue(vr: string, s: string): Uint8Array {
  const b = new TextEncoder().encode(s);
  if (b.length % 2 === 0) return b;
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  out[b.length] = vr === 'UI' ? 0 : 0x20;
  return out;
}

/** Binary numbers of a fixed-size VR. */
export function numberValue(
  vr: 'US' | 'SS' | 'UL' | 'SL' | 'FL' | 'FD',
  values: readonly number[],
  little = true,
): Uint8Array {
  const size = vr === 'US' || vr === 'SS' ? 2 : vr === 'FD' ? 8 : 4;
  const dv = new DataView(new ArrayBuffer(size * values.length));
  values.forEach((v, i) => {
    const o = i * size;
    if (vr === 'US') dv.setUint16(o, v, little);
    else if (vr === 'SS') dv.setInt16(o, v, little);
    else if (vr === 'UL') dv.setUint32(o, v, little);
    else if (vr === 'SL') dv.setInt32(o, v, little);
    else if (vr === 'FL') dv.setFloat32(o, v, little);
    else dv.setFloat64(o, v, little);
  });
  return new Uint8Array(dv.buffer);
}

/** Shorthand: a text element. */
export function textElement(tag: number, vr: string, s: string): DicomElement {
  return { tag, vr, value: textValue(vr, s) };
}

/** Shorthand: a sequence element. */
export function sequence(tag: number, items: DicomElement[][]): DicomElement {
  return { tag, vr: 'SQ', value: items };
}

/** Writes elements in ascending tag order (sorted here; items' elements too). */
export function encodeElements(sink: ByteSink, elements: readonly DicomElement[], explicit = true): void {
  const els = [...elements].sort((a, b) => a.tag - b.tag);
  for (const el of els) {
    sink.u16(el.tag >>> 16);
    sink.u16(el.tag & 0xffff);
    const isSeq = el.vr === 'SQ';
    const value = isSeq ? undefined : (el.value as Uint8Array);
    const length = isSeq || el.undefinedLength ? 0xffffffff : value!.length;
    if (explicit) {
      sink.bytes([el.vr.charCodeAt(0), el.vr.charCodeAt(1)]);
      if (LONG_VR.has(el.vr)) {
        sink.u16(0);
        sink.u32(length);
      } else {
        if (length > 0xffff)
          throw new RangeError(`value of (${el.tag.toString(16)}) too long for VR ${el.vr}`);
        sink.u16(length);
      }
    } else sink.u32(length);
    if (isSeq) {
      for (const item of el.value as DicomElement[][]) {
        sink.u16(0xfffe);
        sink.u16(0xe000);
        sink.u32(0xffffffff);
        encodeElements(sink, item, explicit);
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

/** Encapsulated pixel data: empty basic offset table, one fragment per frame, sequence delimiter. */
export function encapsulatePixelData(frames: readonly Uint8Array[]): Uint8Array {
  const sink = new ByteSink(true);
  sink.u16(0xfffe);
  sink.u16(0xe000);
  sink.u32(0);
  for (const f of frames) {
    sink.u16(0xfffe);
    sink.u16(0xe000);
    sink.u32(f.length + (f.length % 2));
    sink.bytes(f);
    if (f.length % 2) sink.bytes([0]);
  }
  sink.u16(0xfffe);
  sink.u16(0xe0dd);
  sink.u32(0);
  return sink.result();
}

/** Implementation Class UID and version name written into the file meta information. */
export const IMPLEMENTATION_CLASS_UID = '2.25.206411946713956131591146396405870926394';
export const IMPLEMENTATION_VERSION = 'SONOMIR';

/**
 * A Part 10 file: 128-byte preamble, "DICM", file meta information (Explicit VR Little Endian, group
 * length first), then the already-encoded data set.
 */
export function part10(
  dataSet: Uint8Array,
  meta: { sopClassUid: string; sopInstanceUid: string; transferSyntaxUid: string },
): Uint8Array {
  const metaEls: DicomElement[] = [
    { tag: 0x00020001, vr: 'OB', value: Uint8Array.from([0, 1]) },
    textElement(0x00020002, 'UI', meta.sopClassUid),
    textElement(0x00020003, 'UI', meta.sopInstanceUid),
    textElement(0x00020010, 'UI', meta.transferSyntaxUid),
    textElement(0x00020012, 'UI', IMPLEMENTATION_CLASS_UID),
    textElement(0x00020013, 'SH', IMPLEMENTATION_VERSION),
  ];
  const metaSink = new ByteSink(true);
  encodeElements(metaSink, metaEls, true);
  const metaBytes = metaSink.result();
  const head = new ByteSink(true);
  head.bytes(new Uint8Array(128));
  head.bytes([0x44, 0x49, 0x43, 0x4d]);
  encodeElements(head, [{ tag: 0x00020000, vr: 'UL', value: numberValue('UL', [metaBytes.length]) }], true);
  head.bytes(metaBytes);
  head.bytes(dataSet);
  return head.result();
}
