import { readFileSync } from 'node:fs';
import { renderEnglish } from '../../../src/i18n/render';
import { englishThrown } from '../../fixtures/englishError';
import path from 'node:path';
import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeImage, decodeMask } from '../../../src/imaging';
import { readNifti } from '../../../src/imaging/nifti';

const PYRAD = path.resolve(__dirname, '../../../../shared/conformance/pyradiomics');

interface NiftiOpts {
  dim: number[];
  datatype: number;
  bitpix: number;
  pixdim: number[];
  values: number[];
  little?: boolean;
  slope?: number;
  inter?: number;
  qform?: { b: number; c: number; d: number; offset: number[] };
  sform?: number[][];
  magic?: string;
  units?: number;
}

/** Builds a single-file NIfTI-1 volume. */
function nifti(o: NiftiOpts): Uint8Array {
  const le = o.little ?? true;
  const bytesPer = o.bitpix / 8;
  const out = new Uint8Array(352 + o.values.length * bytesPer);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, 348, le);
  o.dim.forEach((d, i) => dv.setInt16(40 + 2 * i, d, le));
  dv.setInt16(70, o.datatype, le);
  dv.setInt16(72, o.bitpix, le);
  o.pixdim.forEach((p, i) => dv.setFloat32(76 + 4 * i, p, le));
  dv.setFloat32(108, 352, le);
  dv.setFloat32(112, o.slope ?? 0, le);
  dv.setFloat32(116, o.inter ?? 0, le);
  out[123] = o.units ?? 2;
  if (o.qform) {
    dv.setInt16(252, 1, le);
    dv.setFloat32(256, o.qform.b, le);
    dv.setFloat32(260, o.qform.c, le);
    dv.setFloat32(264, o.qform.d, le);
    o.qform.offset.forEach((v, i) => dv.setFloat32(268 + 4 * i, v, le));
  }
  if (o.sform) {
    dv.setInt16(254, 2, le);
    o.sform.forEach((row, r) => row.forEach((v, k) => dv.setFloat32(280 + 16 * r + 4 * k, v, le)));
  }
  out.set(new TextEncoder().encode(o.magic ?? 'n+1\0'), 344);
  o.values.forEach((v, i) => {
    const p = 352 + i * bytesPer;
    if (o.datatype === 4) dv.setInt16(p, v, le);
    else if (o.datatype === 2) dv.setUint8(p, v);
    else if (o.datatype === 16) dv.setFloat32(p, v, le);
    else if (o.datatype === 512) dv.setUint16(p, v, le);
  });
  return out;
}

describe('readNifti', () => {
  it('reads int16 3-D with qform origin converted to LPS and (z, y, x) order', () => {
    const values = Array.from({ length: 24 }, (_, i) => i - 5);
    const r = readNifti(
      nifti({
        dim: [3, 4, 3, 2, 1, 1, 1, 1],
        datatype: 4,
        bitpix: 16,
        pixdim: [1, 0.5, 0.75, 3, 0, 0, 0, 0],
        values,
        qform: { b: 0, c: 0, d: 0, offset: [10, -20, 30] },
      }),
    );
    expect(r.geometry).toBe('qform');
    expect(r.volume.size).toEqual([2, 3, 4]);
    expect(r.volume.spacing).toEqual([3, 0.75, 0.5]);
    expect(r.volume.origin).toEqual([30, 20, -10]);
    expect(r.volume.direction).toEqual([-1, 0, 0, 0, -1, 0, 0, 0, 1]);
    expect([...r.volume.data]).toEqual(values);
  });

  it('reads big-endian float32 with sform and applies scl_slope/scl_inter; gzip too', () => {
    const file = nifti({
      dim: [2, 2, 2, 1, 1, 1, 1, 1],
      datatype: 16,
      bitpix: 32,
      pixdim: [1, 1, 1, 1, 0, 0, 0, 0],
      values: [1, 2, 3, 4.5],
      little: false,
      slope: 2,
      inter: -1,
      sform: [
        [0.2, 0, 0, 5],
        [0, 0.4, 0, 6],
        [0, 0, 1, 7],
      ],
    });
    const r = readNifti(file);
    expect(r.geometry).toBe('sform');
    expect(r.volume.size).toEqual([1, 2, 2]);
    expect(r.volume.spacing[1]).toBeCloseTo(0.4, 6);
    expect(r.volume.spacing[2]).toBeCloseTo(0.2, 6);
    expect(r.volume.origin).toEqual([7, -6, -5]);
    expect([...r.volume.data]).toEqual([1, 3, 5, 8]);
    expect(readNifti(gzipSync(file)).volume.data).toEqual(r.volume.data);
    const img = decodeImage(gzipSync(file), 'vol.nii.gz');
    expect(img.info.format).toBe('nifti');
    expect(img.info.spacing.unit).toBe('mm');
    expect(img.rgba).toHaveLength(16);
  });

  it('converts metre units to mm', () => {
    const r = readNifti(
      nifti({
        dim: [2, 1, 1, 1, 1, 1, 1, 1],
        datatype: 2,
        bitpix: 8,
        pixdim: [1, 0.001, 0.002, 1, 0, 0, 0, 0],
        values: [1],
        units: 1,
      }),
    );
    expect(r.volume.spacing[2]).toBeCloseTo(1, 6);
    expect(r.volume.spacing[1]).toBeCloseTo(2, 6);
  });

  it('rejects .hdr/.img pairs, 4-D series, RGB datatypes, truncated and non-NIfTI data', () => {
    const base = { datatype: 2, bitpix: 8, pixdim: [1, 1, 1, 1, 1, 0, 0, 0], values: [1, 2] };
    expect(
      englishThrown(() => readNifti(nifti({ ...base, dim: [2, 2, 1, 1, 1, 1, 1, 1], magic: 'ni1\0' }))),
    ).toMatch(/\.hdr\/\.img pair/);
    expect(englishThrown(() => readNifti(nifti({ ...base, dim: [4, 1, 1, 1, 2, 1, 1, 1] })))).toMatch(
      /dimension 4 of length 2/,
    );
    expect(
      englishThrown(() => readNifti(nifti({ ...base, dim: [2, 2, 1, 1, 1, 1, 1, 1], datatype: 128 }))),
    ).toMatch(/RGB24 is not supported/);
    const ok = nifti({ ...base, dim: [2, 2, 1, 1, 1, 1, 1, 1], datatype: 512, bitpix: 16 });
    expect(englishThrown(() => readNifti(ok.subarray(0, ok.length - 1)))).toMatch(/truncated/);
    expect(englishThrown(() => readNifti(new Uint8Array(400)))).toMatch(/not a NIfTI-1 image/);
    expect(englishThrown(() => readNifti(new Uint8Array()))).toMatch(/empty/);
  });
});

describe('decodeImage/decodeMask on volumes', () => {
  const read = (n: string): Uint8Array => new Uint8Array(readFileSync(path.join(PYRAD, n)));

  it('decodes the PyRadiomics NRRD image and mask with exact labels', () => {
    const img = decodeImage(read('breast1_image.nrrd'), 'breast1_image.nrrd');
    expect(img.info).toMatchObject({ format: 'nrrd', width: 45, height: 120, depth: 21, bitDepth: 16 });
    expect(img.image.size).toEqual([21, 120, 45]);
    expect(img.rgba).toBeUndefined();
    const m = decodeMask(read('breast1_label.nrrd'), 'breast1_label.nrrd');
    expect(m.labels).toEqual([1]);
    expect(m.label).toBe(1);
    let n = 0;
    for (let i = 0; i < m.mask.data.length; i++) if (m.mask.data[i] === 1) n++;
    expect(n).toBe(143);
    expect(englishThrown(() => decodeMask(read('breast1_label.nrrd'), 'b.nrrd', { label: 2 }))).toMatch(
      /no voxel with label 2; the labels present are 1/,
    );
  });

  it('keeps NIfTI label values and reports several labels', () => {
    const file = nifti({
      dim: [2, 4, 1, 1, 1, 1, 1, 1],
      datatype: 2,
      bitpix: 8,
      pixdim: [1, 1, 1, 1, 0, 0, 0, 0],
      values: [0, 1, 2, 2],
    });
    const m = decodeMask(file, 'seg.nii', { label: 2 });
    expect(m.labels).toEqual([1, 2]);
    expect(m.label).toBe(2);
    expect([...m.mask.data]).toEqual([0, 1, 2, 2]);
    expect(m.warnings.map(renderEnglish).join(' ')).toMatch(/several labels \(1, 2\); label 2/);
  });
});
