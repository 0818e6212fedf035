/**
 * Test helpers of the shape-class tests: conformance-data paths, a CSV reader (quoted fields),
 * PNG and NRRD masks cropped to the ROI's bounding box, and the comparison tolerance.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { decode } from 'fast-png';
import { readNrrd } from '../../../src/imaging/nrrd';
import type { Vec3 } from '../../../src/radiomics/types';

/** Root of the shared conformance data. */
export const CONFORMANCE = path.resolve(__dirname, '../../../../shared/conformance');
/** The 2-D ultrasound cases. */
export const ULTRASOUND = path.join(CONFORMANCE, 'ultrasound');
/** PyRadiomics' own test data. */
export const PYRADIOMICS = path.join(CONFORMANCE, 'pyradiomics');

/** Parses a CSV file with double-quoted fields (no embedded quotes or newlines) into rows of cells. */
export function readCsv(file: string): string[][] {
  const rows: string[][] = [];
  for (const line of readFileSync(file, 'utf8').trim().split(/\r?\n/)) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

/** A CSV with one row per case (first column `case`), as a map case → column → number. */
export function readCaseTable(file: string): Map<string, Record<string, number>> {
  const [header, ...rows] = readCsv(file);
  const table = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const values: Record<string, number> = {};
    header.forEach((name, i) => {
      if (i > 0) values[name] = Number(row[i]);
    });
    table.set(row[0], values);
  }
  return table;
}

/** A mask cropped to its bounding box. */
export interface CroppedMask {
  mask: Uint8Array;
  /** (nz, ny, nx) of the bounding box. */
  size: Vec3;
}

/**
 * Crops a (z, y, x) volume to the bounding box of the voxels for which `inRoi` holds.
 * @throws when no voxel is in the ROI
 */
export function cropToRoi(data: ArrayLike<number>, size: Vec3, inRoi: (v: number) => boolean): CroppedMask {
  const [nz, ny, nx] = size;
  const lo = [nz, ny, nx];
  const hi = [-1, -1, -1];
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!inRoi(data[(z * ny + y) * nx + x])) continue;
        const c = [z, y, x];
        for (let d = 0; d < 3; d++) {
          lo[d] = Math.min(lo[d], c[d]);
          hi[d] = Math.max(hi[d], c[d]);
        }
      }
    }
  }
  if (hi[0] < 0) throw new Error('cropToRoi: the ROI is empty');
  const out: Vec3 = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const mask = new Uint8Array(out[0] * out[1] * out[2]);
  for (let z = 0; z < out[0]; z++) {
    for (let y = 0; y < out[1]; y++) {
      for (let x = 0; x < out[2]; x++) {
        const v = data[((z + lo[0]) * ny + y + lo[1]) * nx + x + lo[2]];
        mask[(z * out[1] + y) * out[2] + x] = inRoi(v) ? 1 : 0;
      }
    }
  }
  return { mask, size: out };
}

/** An ultrasound case's PNG mask (> 0 → ROI), cropped to its bounding box, as a 1-slice volume. */
export function ultrasoundMask(caseName: string): CroppedMask {
  const png = decode(readFileSync(path.join(ULTRASOUND, 'cases', `${caseName}_mask.png`)));
  const { width, height, channels, data } = png;
  const grey = new Uint8Array(width * height);
  for (let i = 0; i < grey.length; i++) grey[i] = data[i * channels] > 0 ? 1 : 0;
  return cropToRoi(grey, [1, height, width], (v) => v > 0);
}

/** Names of all ultrasound cases that have a mask PNG. */
export function ultrasoundCases(): string[] {
  return readdirSync(path.join(ULTRASOUND, 'cases'))
    .filter((f) => f.endsWith('_mask.png'))
    .map((f) => f.slice(0, -'_mask.png'.length))
    .sort();
}

/** An NRRD label file of PyRadiomics' test data (label 1), cropped, with its spacing (z, y, x). */
export function nrrdLabel(file: string): CroppedMask & { spacing: Vec3 } {
  const { volume } = readNrrd(new Uint8Array(readFileSync(path.join(PYRADIOMICS, file))));
  return { ...cropToRoi(volume.data, volume.size, (v) => v === 1), spacing: volume.spacing };
}

/** Relative error |a − b| / |b| (|a − b| when b is 0). */
export function relativeError(actual: number, expected: number): number {
  const diff = Math.abs(actual - expected);
  return expected === 0 ? diff : diff / Math.abs(expected);
}

/** The conformance tolerance: relative `rel` (1e-6 by default) or absolute 1e-9 near zero. */
export function withinTolerance(actual: number, expected: number, rel = 1e-6): boolean {
  return Math.abs(actual - expected) <= 1e-9 || relativeError(actual, expected) <= rel;
}
