import { readFileSync } from 'node:fs';
import { englishThrown } from '../../fixtures/englishError';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readNrrd } from '../../../src/imaging/nrrd';

const SHARED = path.resolve(__dirname, '../../../../shared/conformance/pyradiomics');

/** Parses one CSV line with double-quoted fields. */
function csvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Baseline diagnostics: first non-empty value of `row` among the columns of `caseName`. */
function baseline(caseName: string, row: string): string {
  const lines = readFileSync(path.join(SHARED, 'baseline/baseline_firstorder.csv'), 'utf8').split(/\r?\n/);
  const head = csvLine(lines[0]);
  const r = lines.map(csvLine).find((l) => l[0] === row);
  if (!r) throw new Error(`row ${row} missing`);
  for (let c = 1; c < head.length; c++) {
    if ((head[c] === caseName || head[c].startsWith(caseName + '_')) && r[c] !== '') return r[c];
  }
  throw new Error(`no value for ${caseName} ${row}`);
}

/** Parses a Python tuple "(a, b, c)". */
const tuple = (s: string): number[] => s.replace(/[()]/g, '').split(',').map(Number);

const read = (name: string) => readNrrd(new Uint8Array(readFileSync(path.join(SHARED, name))));

describe('readNrrd on PyRadiomics test images', () => {
  for (const c of ['brain1', 'brain2', 'breast1']) {
    it(`${c}: spacing, size, mean, min, max and mask voxel count match the baseline diagnostics`, () => {
      const { volume, scalarType } = read(`${c}_image.nrrd`);
      expect(scalarType).toBe('int16');
      // PyRadiomics (SimpleITK) reports (x, y, z); the volume is (z, y, x).
      expect([...volume.spacing].reverse()).toEqual(tuple(baseline(c, 'diagnostics_Image-original_Spacing')));
      expect([...volume.size].reverse()).toEqual(tuple(baseline(c, 'diagnostics_Image-original_Size')));
      const d = volume.data;
      expect(d.length).toBe(volume.size[0] * volume.size[1] * volume.size[2]);
      let sum = 0;
      let min = Infinity;
      let max = -Infinity;
      for (const v of d) {
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const mean = Number(baseline(c, 'diagnostics_Image-original_Mean'));
      expect(Math.abs(sum / d.length - mean) / mean).toBeLessThan(1e-12);
      expect(min).toBe(Number(baseline(c, 'diagnostics_Image-original_Minimum')));
      expect(max).toBe(Number(baseline(c, 'diagnostics_Image-original_Maximum')));

      const mask = read(`${c}_label.nrrd`).volume;
      expect(mask.size).toEqual(volume.size);
      expect(mask.spacing).toEqual(volume.spacing);
      expect(mask.origin).toEqual(volume.origin);
      const n = mask.data.reduce((a, v) => a + (v === 1 ? 1 : 0), 0);
      expect(n).toBe(Number(baseline(c, 'diagnostics_Mask-original_VoxelNum')));
    });
  }

  it('reads the LPS origin of brain1 in (z, y, x) and the 2-D label slice position', () => {
    const img = read('brain1_image.nrrd').volume;
    expect(img.origin).toEqual([-77.999999999999957, 99.609374999999986, -99.609374999999986]);
    expect(img.direction).toEqual([1, 0, 0, 0, -1, 0, 0, 0, 1]);
    const slice = read('brain1_label_2D.nrrd').volume;
    expect(slice.size).toEqual([1, 256, 256]);
    // Slice 16 of the 3-D grid: origin z = -78 + 16 * 6.5.
    expect(Math.round((slice.origin[0] - img.origin[0]) / img.spacing[0])).toBe(16);
  });
});

/** Builds an NRRD file from a header and a payload. */
function nrrd(header: string[], payload: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(['NRRD0004', ...header, '', ''].join('\n'));
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

describe('readNrrd on synthetic files', () => {
  it('reads raw big-endian doubles with "spacings" and a 2-D size', () => {
    const buf = new DataView(new ArrayBuffer(6 * 8));
    [1.5, -2, 3.25, 4, 5, 1e10].forEach((v, i) => buf.setFloat64(8 * i, v, false));
    const r = readNrrd(
      nrrd(
        ['type: double', 'dimension: 2', 'sizes: 3 2', 'spacings: 0.5 0.25', 'endian: big', 'encoding: raw'],
        new Uint8Array(buf.buffer),
      ),
    );
    expect(r.volume.size).toEqual([1, 2, 3]);
    expect(r.volume.spacing).toEqual([1, 0.25, 0.5]);
    expect([...r.volume.data]).toEqual([1.5, -2, 3.25, 4, 5, 1e10]);
  });

  it('reads gzip uint8, ascii float and every integer type name', () => {
    const g = readNrrd(
      nrrd(
        ['type: uchar', 'dimension: 3', 'sizes: 2 1 2', 'encoding: gzip'],
        gzipSync(new Uint8Array([1, 2, 250, 255])),
      ),
    );
    expect(g.volume.size).toEqual([2, 1, 2]);
    expect([...g.volume.data]).toEqual([1, 2, 250, 255]);
    const a = readNrrd(
      nrrd(
        ['type: float', 'dimension: 1', 'sizes: 3', 'encoding: ascii'],
        new TextEncoder().encode('0.5 -1\n7\n'),
      ),
    );
    expect([...a.volume.data]).toEqual([0.5, -1, 7]);
    const u16 = readNrrd(
      nrrd(
        ['type: unsigned short', 'dimension: 1', 'sizes: 2', 'endian: little', 'encoding: raw'],
        new Uint8Array([1, 0, 255, 255]),
      ),
    );
    expect(u16.scalarType).toBe('uint16');
    expect([...u16.volume.data]).toEqual([1, 65535]);
    const i8 = readNrrd(
      nrrd(['type: signed char', 'dimension: 1', 'sizes: 2', 'encoding: raw'], new Uint8Array([0xff, 0x80])),
    );
    expect([...i8.volume.data]).toEqual([-1, -128]);
  });

  it('converts a RAS origin and directions to LPS like ITK', () => {
    const r = readNrrd(
      nrrd(
        [
          'type: uchar',
          'dimension: 3',
          'space: right-anterior-superior',
          'sizes: 1 1 1',
          'space directions: (2,0,0) (0,3,0) (0,0,4)',
          'space origin: (10,20,30)',
          'encoding: raw',
        ],
        new Uint8Array([9]),
      ),
    );
    expect(r.volume.spacing).toEqual([4, 3, 2]);
    expect(r.volume.origin).toEqual([30, -20, -10]);
    expect(r.volume.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });

  it('rejects empty, non-NRRD, truncated, detached and unsupported files with specific messages', () => {
    expect(englishThrown(() => readNrrd(new Uint8Array()))).toMatch(/empty/);
    expect(englishThrown(() => readNrrd(new TextEncoder().encode('hello world')))).toMatch(/not an NRRD/);
    expect(
      englishThrown(() =>
        readNrrd(
          nrrd(['type: short', 'dimension: 1', 'sizes: 4', 'encoding: raw'], new Uint8Array([1, 2, 3])),
        ),
      ),
    ).toMatch(/truncated/);
    const gz = gzipSync(new Uint8Array(100));
    expect(
      englishThrown(() =>
        readNrrd(nrrd(['type: uchar', 'dimension: 1', 'sizes: 100', 'encoding: gzip'], gz.subarray(0, 20))),
      ),
    ).toMatch(/could not be decompressed|truncated/);
    expect(
      englishThrown(() =>
        readNrrd(
          nrrd(
            ['type: uchar', 'dimension: 1', 'sizes: 1', 'encoding: raw', 'data file: x.raw'],
            new Uint8Array(1),
          ),
        ),
      ),
    ).toMatch(/separate data file/);
    expect(
      englishThrown(() =>
        readNrrd(nrrd(['type: uchar', 'dimension: 1', 'sizes: 1', 'encoding: bzip2'], new Uint8Array(1))),
      ),
    ).toMatch(/encoding "bzip2" is not supported/);
    expect(
      englishThrown(() =>
        readNrrd(nrrd(['type: block', 'dimension: 1', 'sizes: 1', 'encoding: raw'], new Uint8Array(1))),
      ),
    ).toMatch(/type "block" is not supported/);
    expect(
      englishThrown(() =>
        readNrrd(
          nrrd(
            [
              'type: uchar',
              'dimension: 3',
              'sizes: 3 2 2',
              'kinds: RGB-color domain domain',
              'encoding: raw',
            ],
            new Uint8Array(12),
          ),
        ),
      ),
    ).toMatch(/only scalar/);
  });
});
