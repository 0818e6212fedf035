/**
 * Low-level byte helpers shared by the decoders: scalar arrays of any numeric type and endianness,
 * gzip detection and Latin-1 text. Pure TypeScript, no Node APIs.
 */
import { MessageError, type Message } from '../util/message';
import { gunzipSync } from 'fflate';

/** Numeric sample types found in medical image files. */
export type ScalarType =
  'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64' | 'float32' | 'float64';

/** Size in bytes of one sample of `type`. */
export function scalarBytes(type: ScalarType): number {
  switch (type) {
    case 'int8':
    case 'uint8':
      return 1;
    case 'int16':
    case 'uint16':
      return 2;
    case 'int32':
    case 'uint32':
    case 'float32':
      return 4;
    case 'int64':
    case 'uint64':
    case 'float64':
      return 8;
  }
}

/**
 * Reads `count` samples of `type` starting at byte `offset` of `bytes` into a Float64Array.
 * 64-bit integers beyond ±2^53 lose precision (they become the nearest double).
 * Throws when the buffer holds fewer bytes than needed.
 */
export function readScalars(
  bytes: Uint8Array,
  offset: number,
  count: number,
  type: ScalarType,
  littleEndian: boolean,
  what = 'image',
): Float64Array {
  const size = scalarBytes(type);
  const needed = count * size;
  if (offset < 0 || offset + needed > bytes.length) {
    throw new MessageError('imaging.truncatedScalars', {
      what,
      needed,
      present: Math.max(0, bytes.length - offset),
    });
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset, needed);
  const out = new Float64Array(count);
  const le = littleEndian;
  switch (type) {
    case 'uint8':
      for (let i = 0; i < count; i++) out[i] = view.getUint8(i);
      break;
    case 'int8':
      for (let i = 0; i < count; i++) out[i] = view.getInt8(i);
      break;
    case 'int16':
      for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, le);
      break;
    case 'uint16':
      for (let i = 0; i < count; i++) out[i] = view.getUint16(2 * i, le);
      break;
    case 'int32':
      for (let i = 0; i < count; i++) out[i] = view.getInt32(4 * i, le);
      break;
    case 'uint32':
      for (let i = 0; i < count; i++) out[i] = view.getUint32(4 * i, le);
      break;
    case 'int64':
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigInt64(8 * i, le));
      break;
    case 'uint64':
      for (let i = 0; i < count; i++) out[i] = Number(view.getBigUint64(8 * i, le));
      break;
    case 'float32':
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, le);
      break;
    case 'float64':
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(8 * i, le);
      break;
  }
  return out;
}

/** True when `bytes` starts with the gzip magic number 1F 8B. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decompresses gzip data, turning the library's terse error into a
 * message that says what is wrong and what to do.
 */
export function gunzip(bytes: Uint8Array, what: Message): Uint8Array {
  try {
    return gunzipSync(bytes);
  } catch (e) {
    throw new MessageError('imaging.gunzip', { what, detail: (e as Error).message }, { cause: e });
  }
}

/** Decodes bytes as Latin-1 text (every byte one character), as header formats use. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  const stop = Math.min(end, bytes.length);
  for (let i = start; i < stop; i += 8192) {
    s += String.fromCharCode(...bytes.subarray(i, Math.min(stop, i + 8192)));
  }
  return s;
}
