/**
 * Helpers of the conformance tests: locating the shared reference data, CSV reading, PNG and
 * NRRD loading, PyRadiomics settings literals, and the tolerance comparison with its summary.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decode } from 'fast-png';
import { readNrrd } from '../../src/imaging/nrrd';
import type { DecodedVolume } from '../../src/imaging/types';
import type { ImageVolume, MaskVolume } from '../../src/radiomics/types';

/** Root of the shared conformance data (`../shared/conformance` from the project root). */
export const CONFORMANCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/conformance',
);

/** Relative tolerance of every comparison. */
export const REL_TOL = 1e-6;
/** Absolute tolerance near zero. */
export const ABS_TOL = 1e-9;

/** A CSV file as header plus rows of cells (plain CSV with optional double-quoted cells). */
export function readCsv(file: string): { header: string[]; rows: string[][] } {
  const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n').trimEnd();
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  row.push(cell);
  rows.push(row);
  return { header: rows[0], rows: rows.slice(1) };
}

/** Loads an 8-bit grey PNG as a one-slice image volume (float64 values, spacing 1). */
export function loadPngImage(file: string): ImageVolume {
  const png = decode(readFileSync(file));
  if (png.channels !== 1) throw new Error(`${file}: expected a grey PNG, got ${png.channels} channels`);
  return {
    data: Float64Array.from(png.data as ArrayLike<number>),
    size: [1, png.height, png.width],
    spacing: [1, 1, 1],
  };
}

/** Loads a 0/255 PNG mask as label 1 (mask > 0). */
export function loadPngMask(file: string): MaskVolume {
  const png = decode(readFileSync(file));
  if (png.channels !== 1) throw new Error(`${file}: expected a grey PNG mask, got ${png.channels} channels`);
  const n = png.width * png.height;
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = png.data[i] > 0 ? 1 : 0;
  return { data, size: [1, png.height, png.width], spacing: [1, 1, 1] };
}

/** Loads an NRRD volume with the engine's imaging module. */
export function loadNrrd(file: string): DecodedVolume {
  return readNrrd(new Uint8Array(readFileSync(file))).volume;
}

/** Typed-array constructors of the NRRD sample types used by the PyRadiomics test images. */
const NATIVE_ARRAYS = {
  uint8: Uint8Array,
  int8: Int8Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int32: Int32Array,
  uint32: Uint32Array,
  float32: Float32Array,
  float64: Float64Array,
} as const;

/**
 * Loads an NRRD image with its voxels in the file's own sample type (as SimpleITK holds them), so
 * that the image hash can be compared with PyRadiomics'.
 */
export function loadNrrdNative(file: string): ImageVolume & { origin: DecodedVolume['origin'] } {
  const { volume, scalarType } = readNrrd(new Uint8Array(readFileSync(file)));
  const ctor = NATIVE_ARRAYS[scalarType as keyof typeof NATIVE_ARRAYS];
  if (!ctor) throw new Error(`${file}: no typed array for sample type ${scalarType}`);
  return { data: ctor.from(volume.data), size: volume.size, spacing: volume.spacing, origin: volume.origin };
}

/**
 * Nearest-neighbour resampling of a one-slice label onto an image grid (PyRadiomics correctMask,
 * SimpleITK ResampleImageFilter with nearest neighbour, 0 outside), for axis-aligned grids whose
 * x/y sampling coincides: the slice lands on the image slice nearest to its physical z position.
 */
export function placeSliceOnGrid(image: DecodedVolume, label: DecodedVolume): MaskVolume {
  const [nz, ny, nx] = image.size;
  if (label.size[0] !== 1 || label.size[1] !== ny || label.size[2] !== nx)
    throw new Error(
      `label ${label.size.join('x')} is not one slice of the image grid ${image.size.join('x')}`,
    );
  for (const k of [1, 2])
    if (
      Math.abs(label.origin[k] - image.origin[k]) > 1e-3 ||
      Math.abs(label.spacing[k] - image.spacing[k]) > 1e-5
    )
      throw new Error('label and image differ in-plane; only a z offset is supported');
  // physical z of image slice k = origin_z + k * spacing_z * dir_zz (dir_zz = direction[8])
  const dirZ = image.direction[8];
  const kReal = (label.origin[0] - image.origin[0]) / (image.spacing[0] * dirZ);
  const k = Math.round(kReal);
  if (Math.abs(k - kReal) > 1e-3 || k < 0 || k >= nz)
    throw new Error(`label slice falls between or outside image slices (index ${kReal})`);
  const data = new Uint8Array(nz * ny * nx);
  data.set(
    Uint8Array.from(label.data, (v) => v),
    k * ny * nx,
  );
  return { data, size: image.size, spacing: image.spacing, origin: image.origin };
}

/**
 * Parses a Python dict literal of PyRadiomics settings (str, int, float, bool, None, lists) into an
 * object, by rewriting it as JSON.
 */
export function parsePythonDict(text: string): Record<string, unknown> {
  const json = text
    .replace(/'/g, '"')
    .replace(/\bTrue\b/g, 'true')
    .replace(/\bFalse\b/g, 'false')
    .replace(/\bNone\b/g, 'null');
  return JSON.parse(json) as Record<string, unknown>;
}

/** Running tally of a conformance comparison. */
export class Tally {
  /** Pairs compared. */
  pairs = 0;
  /** Largest relative error among pairs not within the absolute tolerance. */
  maxRel = 0;
  /** Where the largest relative error occurred. */
  maxRelAt = '';
  /** Descriptions of pairs outside tolerance. */
  failures: string[] = [];

  /** Compares one value with its reference at relative `rel` (default 1e-6) or absolute 1e-9. */
  check(where: string, got: number | undefined, ref: number, rel = REL_TOL): void {
    this.pairs++;
    if (got === undefined || Number.isNaN(got) !== Number.isNaN(ref)) {
      this.failures.push(`${where}: got ${got}, expected ${ref}`);
      return;
    }
    if (Number.isNaN(ref)) return;
    const err = Math.abs(got - ref);
    if (err <= ABS_TOL) return;
    const relErr = err / Math.abs(ref);
    if (relErr > this.maxRel) {
      this.maxRel = relErr;
      this.maxRelAt = where;
    }
    if (!(relErr <= rel))
      this.failures.push(`${where}: got ${got}, expected ${ref} (rel ${relErr.toExponential(2)})`);
  }
}
