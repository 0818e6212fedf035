/** Tagged JSON: stored values (typed arrays, ArrayBuffers) as JSON-safe objects and back, and base64. */
import { MessageError } from '../util/message';

type TypedArrayName =
  | 'Uint8Array'
  | 'Int8Array'
  | 'Uint16Array'
  | 'Int16Array'
  | 'Uint32Array'
  | 'Int32Array'
  | 'Float32Array'
  | 'Float64Array'
  | 'Uint8ClampedArray';

const TYPED: Record<TypedArrayName, new (b: ArrayBuffer) => ArrayBufferView> = {
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
  Int32Array,
  Float32Array,
  Float64Array,
  Uint8ClampedArray,
};

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(b64: string): Uint8Array {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A JSON-safe copy of a stored value: typed arrays and ArrayBuffers become `{ $typed, base64 }`. */
export function encodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof ArrayBuffer) return { $typed: 'ArrayBuffer', base64: toBase64(new Uint8Array(v)) };
  if (ArrayBuffer.isView(v)) {
    const name = v.constructor.name as TypedArrayName;
    // A bug (a record holding a typed array the backup does not know), not the user's doing: plain Error.
    if (!(name in TYPED)) throw new Error(`cannot back up a ${name}`);
    return { $typed: name, base64: toBase64(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) };
  }
  if (Array.isArray(v)) return v.map(encodeValue);
  if (typeof Blob !== 'undefined' && v instanceof Blob) throw new Error('Blobs are stored as zip entries');
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeValue(x);
  return out;
}

/** Inverse of {@link encodeValue}. */
export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const o = v as Record<string, unknown>;
  if (typeof o.$typed === 'string' && typeof o.base64 === 'string' && Object.keys(o).length === 2) {
    const bytes = fromBase64(o.base64);
    if (o.$typed === 'ArrayBuffer') return bytes.buffer;
    const Ctor = TYPED[o.$typed as TypedArrayName] as (new (b: ArrayBuffer) => ArrayBufferView) | undefined;
    if (!Ctor) throw new MessageError('stored.unknownTypedArray', { name: o.$typed });
    return new Ctor(bytes.buffer as ArrayBuffer);
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) out[k] = decodeValue(x);
  return out;
}
