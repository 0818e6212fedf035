/**
 * NRRD reader (Teem's "nearly raw raster data", the format of PyRadiomics' test images).
 * Attached data only, encodings raw, gzip, ascii and hex; all scalar types; little and big endian.
 * Geometry is reported as ITK/SimpleITK reports it (spacing = length of each space-direction
 * vector, origin and directions in LPS) but in PyRadiomics' numpy axis order (z, y, x).
 * Pure TypeScript: bytes in, typed arrays out.
 */
import { MessageError, message } from '../util/message';
import type { Vec3 } from '../radiomics/types';
import { gunzip, latin1, readScalars, scalarBytes, type ScalarType } from './bytes';
import type { DecodedVolume } from './types';

/** Result of {@link readNrrd}. */
export interface NrrdResult {
  /** The volume, sizes (z, y, x), spacing (z, y, x), origin (z, y, x). */
  volume: DecodedVolume;
  /** The header fields, keys lower-cased, values as written (key/value pairs under `keyvalue`). */
  header: Record<string, string>;
  /** Custom `key:=value` pairs of the header. */
  keyValues: Record<string, string>;
  /** The sample type of the file, normalised (e.g. 'int16' for "short"). */
  scalarType: ScalarType;
}

/** NRRD type names (all spellings of the specification) mapped to scalar types. */
const TYPE_NAMES: Record<string, ScalarType> = {
  'signed char': 'int8',
  int8: 'int8',
  int8_t: 'int8',
  uchar: 'uint8',
  'unsigned char': 'uint8',
  uint8: 'uint8',
  uint8_t: 'uint8',
  short: 'int16',
  'short int': 'int16',
  'signed short': 'int16',
  'signed short int': 'int16',
  int16: 'int16',
  int16_t: 'int16',
  ushort: 'uint16',
  'unsigned short': 'uint16',
  'unsigned short int': 'uint16',
  uint16: 'uint16',
  uint16_t: 'uint16',
  int: 'int32',
  'signed int': 'int32',
  int32: 'int32',
  int32_t: 'int32',
  uint: 'uint32',
  'unsigned int': 'uint32',
  uint32: 'uint32',
  uint32_t: 'uint32',
  longlong: 'int64',
  'long long': 'int64',
  'long long int': 'int64',
  'signed long long': 'int64',
  'signed long long int': 'int64',
  int64: 'int64',
  int64_t: 'int64',
  ulonglong: 'uint64',
  'unsigned long long': 'uint64',
  'unsigned long long int': 'uint64',
  uint64: 'uint64',
  uint64_t: 'uint64',
  float: 'float32',
  double: 'float64',
};

/** True when `bytes` starts with the NRRD magic "NRRD000". */
export function isNrrd(bytes: Uint8Array): boolean {
  return latin1(bytes, 0, 7) === 'NRRD000';
}

/** Finds the end of the header (index of the first data byte) — the first empty line. */
function headerEnd(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** Parses "(a,b,c)" into numbers; 'none' gives null. */
function parseVector(text: string, field: string): number[] | null {
  const t = text.trim();
  if (t === 'none') return null;
  const m = /^\(([^)]*)\)$/.exec(t);
  if (!m) throw new MessageError('imaging.nrrd.badVector', { field, text: t });
  return m[1].split(',').map((s) => {
    const v = Number(s.trim());
    if (!Number.isFinite(v)) throw new MessageError('imaging.nrrd.nonNumeric', { field, text: s });
    return v;
  });
}

/** Splits a list of vectors "(a,b,c) (d,e,f) none" into its items. */
function splitVectors(text: string): string[] {
  return text.match(/\([^)]*\)|none/g) ?? [];
}

/** Euclidean length of a vector. */
function norm(v: number[]): number {
  let s = 0;
  for (const x of v) s += x * x;
  return Math.sqrt(s);
}

/**
 * Reads an NRRD file with attached data.
 * @param bytes the whole file
 * @returns the volume in (z, y, x) order with double values, the header and the scalar type
 * @throws Error with a specific message for a non-NRRD file, detached data, unsupported encodings,
 *   types or dimensions, and truncated data
 */
export function readNrrd(bytes: Uint8Array): NrrdResult {
  if (bytes.length === 0) throw new MessageError('imaging.nrrd.empty');
  if (!isNrrd(bytes)) throw new MessageError('imaging.nrrd.noMagic');
  const end = headerEnd(bytes);
  if (end < 0) {
    throw new MessageError('imaging.nrrd.noData');
  }
  const lines = latin1(bytes, 0, end).split(/\r?\n/);
  const header: Record<string, string> = {};
  const keyValues: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith('#')) continue;
    const kv = line.indexOf(':=');
    const colon = line.indexOf(': ');
    if (kv >= 0 && (colon < 0 || kv < colon)) {
      keyValues[line.slice(0, kv)] = line.slice(kv + 2);
    } else if (colon >= 0) {
      header[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 2).trim();
    } else {
      throw new MessageError('imaging.nrrd.badLine', { line });
    }
  }

  if (header['data file'] !== undefined || header['datafile'] !== undefined) {
    throw new MessageError('imaging.nrrd.detached');
  }
  const typeName = header['type'];
  if (typeName === undefined) throw new MessageError('imaging.nrrd.noType');
  const scalarType = TYPE_NAMES[typeName.toLowerCase()];
  if (scalarType === undefined) {
    throw new MessageError('imaging.nrrd.type', { type: typeName });
  }
  const dimension = Number(header['dimension']);
  const sizesText = header['sizes'];
  if (!Number.isInteger(dimension) || dimension < 1 || sizesText === undefined) {
    throw new MessageError('imaging.nrrd.noSizes');
  }
  const sizes = sizesText.split(/\s+/).map(Number);
  if (sizes.length !== dimension || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new MessageError('imaging.nrrd.badSizes', { sizes: sizesText, dimension });
  }
  // Axes beyond the spatial ones are accepted only when they have length 1.
  const kinds = (header['kinds'] ?? '').split(/\s+/).filter((k) => k !== '');
  let spatialAxes = [...Array(dimension).keys()];
  if (dimension > 3 || kinds.some((k) => !['domain', 'space', 'time', '???', 'none'].includes(k))) {
    spatialAxes = spatialAxes.filter((a) => sizes[a] > 1 || (kinds[a] ?? 'domain') === 'domain');
    if (
      spatialAxes.length > 3 ||
      spatialAxes.some((a) => !['domain', 'space', '???', 'none', undefined].includes(kinds[a]))
    ) {
      throw new MessageError('imaging.nrrd.axes', {
        dimension,
        kinds: kinds.join(' ') || message('imaging.nrrd.unspecified'),
      });
    }
  }

  const encoding = (header['encoding'] ?? '').toLowerCase();
  const endian = (header['endian'] ?? 'little').toLowerCase();
  if (endian !== 'little' && endian !== 'big') {
    throw new MessageError('imaging.nrrd.endian', { endian: header['endian'] ?? '' });
  }
  const count = sizes.reduce((a, b) => a * b, 1);
  const lineSkip = Number(header['line skip'] ?? header['lineskip'] ?? 0);
  const byteSkip = Number(header['byte skip'] ?? header['byteskip'] ?? 0);
  let payload = bytes.subarray(end);
  for (let skipped = 0; skipped < lineSkip; skipped++) {
    const nl = payload.indexOf(0x0a);
    if (nl < 0) throw new MessageError('imaging.nrrd.lineSkip');
    payload = payload.subarray(nl + 1);
  }
  let data: Float64Array;
  const little = endian === 'little';
  if (encoding === 'raw' || encoding === 'gzip' || encoding === 'gz') {
    let raw = encoding === 'raw' ? payload : gunzip(payload, message('imaging.what.nrrdData'));
    const needed = count * scalarBytes(scalarType);
    if (byteSkip === -1) raw = raw.subarray(Math.max(0, raw.length - needed));
    else raw = raw.subarray(byteSkip);
    data = readScalars(raw, 0, count, scalarType, little, 'NRRD');
  } else if (encoding === 'ascii' || encoding === 'text' || encoding === 'txt') {
    const tokens = latin1(payload)
      .split(/[\s,]+/)
      .filter((t) => t !== '');
    if (tokens.length < count) {
      throw new MessageError('imaging.nrrd.textShort', { values: tokens.length, count });
    }
    data = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      data[i] = Number(tokens[i]);
      // A token that is not a number (other than "nan") is damage, not a NaN sample (robustness finding F8).
      if (Number.isNaN(data[i]) && !/^[-+]?nan$/i.test(tokens[i])) {
        throw new MessageError('imaging.nrrd.textNaN', { token: tokens[i].slice(0, 20) });
      }
    }
  } else if (encoding === 'hex') {
    const hex = latin1(payload).replace(/[^0-9a-fA-F]/g, '');
    const raw = new Uint8Array(hex.length >> 1);
    for (let i = 0; i < raw.length; i++) raw[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    data = readScalars(raw, 0, count, scalarType, little, 'NRRD');
  } else {
    throw new MessageError('imaging.nrrd.encoding', {
      encoding: header['encoding'] ?? message('imaging.dicom.missingUid'),
    });
  }

  // Geometry of the spatial axes (file order x, y, z).
  const n = spatialAxes.length;
  const spacingXyz = [1, 1, 1];
  const originXyz = [0, 0, 0];
  const direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  const spaceText = (header['space'] ?? '').toLowerCase();
  // ITK converts RAS-like spaces to LPS by negating the first two coordinates.
  const flip = [1, 1, 1];
  if (spaceText.startsWith('right-anterior') || spaceText === 'ras' || spaceText === 'ras-time') {
    flip[0] = -1;
    flip[1] = -1;
  } else if (spaceText.startsWith('left-anterior') || spaceText === 'las') {
    flip[1] = -1;
  }
  if (header['space directions'] !== undefined) {
    const items = splitVectors(header['space directions']);
    const vectors = spatialAxes.map((a) => parseVector(items[a] ?? 'none', 'space directions'));
    vectors.forEach((v, j) => {
      if (v === null) return;
      const len = norm(v);
      if (len > 0) {
        spacingXyz[j] = len;
        for (let r = 0; r < Math.min(3, v.length); r++) direction[r * 3 + j] = (flip[r] * v[r]) / len + 0; // + 0 turns -0 into 0
        for (let r = v.length; r < 3; r++) direction[r * 3 + j] = r === j ? 1 : 0;
      }
    });
  } else if (header['spacings'] !== undefined) {
    const sp = header['spacings'].split(/\s+/).map(Number);
    spatialAxes.forEach((a, j) => {
      if (Number.isFinite(sp[a]) && sp[a] > 0) spacingXyz[j] = sp[a];
    });
  }
  if (header['space origin'] !== undefined) {
    const o = parseVector(header['space origin'], 'space origin');
    if (o !== null) o.slice(0, 3).forEach((v, i) => (originXyz[i] = flip[i] * v + 0));
  } else if (header['axis mins'] !== undefined) {
    const mins = header['axis mins'].split(/\s+/).map(Number);
    spatialAxes.forEach((a, j) => {
      if (Number.isFinite(mins[a])) originXyz[j] = mins[a];
    });
  }
  const nx = sizes[spatialAxes[0]] ?? 1;
  const ny = n > 1 ? sizes[spatialAxes[1]] : 1;
  const nz = n > 2 ? sizes[spatialAxes[2]] : 1;
  const size: Vec3 = [nz, ny, nx];
  const spacing: Vec3 = [spacingXyz[2], spacingXyz[1], spacingXyz[0]];
  const origin: Vec3 = [originXyz[2], originXyz[1], originXyz[0]];
  return { volume: { data, size, spacing, origin, direction }, header, keyValues, scalarType };
}
