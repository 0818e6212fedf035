/**
 * NIfTI-1 reader (single-file ".nii"; ".nii.gz" is gunzipped by the caller or by {@link readNifti}).
 * All scalar datatypes, either byte order, scl_slope/scl_inter, pixdim spacing, qform/sform origin
 * and directions converted from NIfTI's RAS to ITK's LPS, 2-D and 3-D volumes. Axis order of the
 * result is PyRadiomics' (z, y, x). Pure TypeScript.
 */
import { MessageError, message } from '../util/message';
import type { Vec3 } from '../radiomics/types';
import { gunzip, isGzip, latin1, readScalars, type ScalarType } from './bytes';
import type { DecodedVolume } from './types';

/** Result of {@link readNifti}. */
export interface NiftiResult {
  /** The volume, size (z, y, x), spacing (z, y, x) in mm, origin (z, y, x) in LPS. */
  volume: DecodedVolume;
  /** The NIfTI datatype code and its sample type. */
  datatype: number;
  scalarType: ScalarType;
  /** Which transform gave the geometry: 'qform', 'sform' or 'pixdim'. */
  geometry: 'qform' | 'sform' | 'pixdim';
  /** The description field (descrip). */
  description: string;
}

/** NIfTI datatype codes of scalar types. */
const DATATYPES: Record<number, ScalarType> = {
  2: 'uint8',
  4: 'int16',
  8: 'int32',
  16: 'float32',
  64: 'float64',
  256: 'int8',
  512: 'uint16',
  768: 'uint32',
  1024: 'int64',
  1280: 'uint64',
};

/** Names of datatypes that are not scalar, for messages. */
const NON_SCALAR: Record<number, string> = {
  32: 'complex64',
  128: 'RGB24',
  1536: 'float128',
  1792: 'complex128',
  2048: 'complex256',
  2304: 'RGBA32',
};

/** Byte order of a NIfTI-1 header, or null when `bytes` is not one. */
function niftiEndian(bytes: Uint8Array): 'little' | 'big' | null {
  if (bytes.length < 348) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = latin1(bytes, 344, 347);
  if (magic !== 'n+1' && magic !== 'ni1') return null;
  if (dv.getInt32(0, true) === 348) return 'little';
  if (dv.getInt32(0, false) === 348) return 'big';
  return null;
}

/** True when `bytes` starts with a NIfTI-1 header (either byte order). */
export function isNifti(bytes: Uint8Array): boolean {
  return niftiEndian(bytes) !== null;
}

/** True when `bytes` starts with a NIfTI-2 header (recognised only to explain that it is unsupported). */
export function isNifti2(bytes: Uint8Array): boolean {
  if (bytes.length < 540) return false;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = dv.getInt32(0, true) === 540 || dv.getInt32(0, false) === 540;
  return size && latin1(bytes, 4, 7) === 'n+2';
}

/**
 * Reads a NIfTI-1 file (gzip-compressed or not).
 * @throws Error for non-NIfTI data, header/image pairs, non-scalar datatypes, 4-D series and truncation
 */
export function readNifti(input: Uint8Array): NiftiResult {
  if (input.length === 0) throw new MessageError('imaging.nifti.empty');
  const bytes = isGzip(input) ? gunzip(input, message('imaging.what.niftiFile')) : input;
  if (isNifti2(bytes)) {
    throw new MessageError('imaging.nifti.nifti2');
  }
  const endian = niftiEndian(bytes);
  if (endian === null) {
    throw new MessageError(bytes.length < 348 ? 'imaging.nifti.shortHeader' : 'imaging.nifti.noMagic');
  }
  const le = endian === 'little';
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (latin1(bytes, 344, 347) === 'ni1') {
    throw new MessageError('imaging.nifti.hdrImgPair');
  }
  const dim = [...Array(8).keys()].map((i) => dv.getInt16(40 + 2 * i, le));
  const ndim = dim[0];
  if (ndim < 1 || ndim > 7) throw new MessageError('imaging.nifti.badDims', { ndim });
  const extent = (i: number): number => (i <= ndim ? Math.max(1, dim[i]) : 1);
  for (let i = 4; i <= ndim; i++) {
    if (extent(i) > 1) {
      throw new MessageError('imaging.nifti.extraDim', { dim: i, length: dim[i] });
    }
  }
  const datatype = dv.getInt16(70, le);
  const scalarType = DATATYPES[datatype];
  if (scalarType === undefined) {
    const name = NON_SCALAR[datatype] ?? message('imaging.nifti.datatypeCode', { code: datatype });
    throw new MessageError('imaging.nifti.datatype', { name });
  }
  const pixdim = [...Array(8).keys()].map((i) => dv.getFloat32(76 + 4 * i, le));
  const voxOffset = Math.max(352, Math.round(dv.getFloat32(108, le)));
  // NaN passed the bounds check of readScalars and ended in a RangeError (robustness finding F11).
  if (!Number.isFinite(voxOffset)) {
    throw new MessageError('imaging.nifti.voxOffset');
  }
  const slope = dv.getFloat32(112, le);
  const inter = dv.getFloat32(116, le);
  const unitCode = bytes[123] & 0x07;
  const unitScale = unitCode === 1 ? 1000 : unitCode === 3 ? 0.001 : 1;
  const qformCode = dv.getInt16(252, le);
  const sformCode = dv.getInt16(254, le);
  const [nx, ny, nz] = [extent(1), extent(2), extent(3)];
  const count = nx * ny * nz;
  const data = readScalars(bytes, voxOffset, count, scalarType, le, 'NIfTI');
  if (Number.isFinite(slope) && slope !== 0 && !(slope === 1 && inter === 0)) {
    const b = Number.isFinite(inter) ? inter : 0;
    for (let i = 0; i < count; i++) data[i] = data[i] * slope + b;
  }

  const sp = [1, 2, 3].map((i) =>
    i <= ndim && pixdim[i] !== 0 && Number.isFinite(pixdim[i]) ? Math.abs(pixdim[i]) : 1,
  );
  let spacingXyz = sp.map((v) => v * unitScale);
  let originXyz = [0, 0, 0];
  let direction = [1, 0, 0, 0, 1, 0, 0, 0, 1];
  let geometry: NiftiResult['geometry'] = 'pixdim';
  // RAS (NIfTI) → LPS (ITK): negate the x and y rows.
  const lps = [-1, -1, 1];
  if (qformCode > 0) {
    geometry = 'qform';
    const b = dv.getFloat32(256, le);
    const c = dv.getFloat32(260, le);
    const d = dv.getFloat32(264, le);
    const a = Math.sqrt(Math.max(0, 1 - (b * b + c * c + d * d)));
    const qfac = pixdim[0] < 0 ? -1 : 1;
    const r = [
      [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c) * qfac],
      [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b) * qfac],
      [2 * (b * d - a * c), 2 * (c * d + a * b), (a * a + d * d - c * c - b * b) * qfac],
    ];
    direction = r.flatMap((row, i) => row.map((v) => lps[i] * v + 0));
    originXyz = [268, 272, 276].map((o, i) => lps[i] * dv.getFloat32(o, le) * unitScale + 0);
  } else if (
    sformCode > 0 &&
    // an sform holding NaN/Infinity gave an infinite spacing (robustness finding F9): use pixdim then
    [280, 296, 312].every((o) => [0, 1, 2, 3].every((k) => Number.isFinite(dv.getFloat32(o + 4 * k, le))))
  ) {
    geometry = 'sform';
    const rows = [280, 296, 312].map((o) => [0, 1, 2, 3].map((k) => dv.getFloat32(o + 4 * k, le)));
    const norms = [0, 1, 2].map((j) => Math.hypot(rows[0][j], rows[1][j], rows[2][j]) || 1);
    spacingXyz = norms.map((v) => v * unitScale);
    direction = rows.flatMap((row, i) => [0, 1, 2].map((j) => (lps[i] * row[j]) / norms[j] + 0));
    originXyz = rows.map((row, i) => lps[i] * row[3] * unitScale + 0);
  }
  const description = latin1(bytes, 148, 228).replace(/\0.*$/s, '').trim();
  const size: Vec3 = [nz, ny, nx];
  return {
    volume: {
      data,
      size,
      spacing: [spacingXyz[2], spacingXyz[1], spacingXyz[0]],
      origin: [originXyz[2], originXyz[1], originXyz[0]],
      direction,
    },
    datatype,
    scalarType,
    geometry,
    description,
  };
}
