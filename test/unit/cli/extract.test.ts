import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encode as encodePng } from 'fast-png';
import { pyFloat, roiCentre, runBatch, runExtract } from '../../../src/cli/extract-commands';
import { csvRecords } from '../../../src/util/csv';
import type { CliIo } from '../../../src/cli/io';
import { writeDicom } from '../imaging/dicomWriter';
import { thrownMessage } from '../../fixtures/thrownMessage';
import { englishRejected, englishThrown } from '../../fixtures/englishError';

const US = path.resolve(__dirname, '../../../../shared/conformance/ultrasound');
const CASES = path.join(US, 'cases');

/** In-memory I/O: virtual files first, then the real file system; captures output. */
function memoryIo(virtual: Record<string, string | Uint8Array> = {}) {
  const out = { stdout: '', stderr: '', files: {} as Record<string, string> };
  const io: CliIo = {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    readFile: (p) => {
      const v = virtual[p];
      if (v !== undefined) return typeof v === 'string' ? new TextEncoder().encode(v) : v;
      return new Uint8Array(readFileSync(p));
    },
    writeFile: (p, d) => (out.files[p] = typeof d === 'string' ? d : new TextDecoder().decode(d)),
  };
  return { io, out };
}

/** reference_study.csv as case → feature → value. */
function reference(): Map<string, Map<string, number>> {
  const rows = csvRecords(readFileSync(path.join(US, 'reference_study.csv'), 'utf8')).records;
  const head = rows[0].cells;
  return new Map(
    rows.slice(1).map((r) => [r.cells[0], new Map(head.slice(1).map((h, i) => [h, Number(r.cells[i + 1])]))]),
  );
}

const CHECKED = [
  'original_shape_Elongation',
  'original_shape_MeshVolume',
  'original_firstorder_Mean',
  'original_firstorder_Energy',
  'original_glcm_Correlation',
  'original_glrlm_ShortRunEmphasis',
  'original_glszm_GrayLevelNonUniformity',
  'original_gldm_DependenceEntropy',
  'original_ngtdm_Contrast',
];

/** Asserts |a - b| <= 1e-6 |b| (absolute 1e-9 near zero). */
function close(actual: number, expected: number, what: string): void {
  const tol = Math.max(1e-6 * Math.abs(expected), 1e-9);
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

describe('helpers', () => {
  it('formats floats like Python repr', () => {
    expect(pyFloat(3)).toBe('3.0');
    expect(pyFloat(0.1)).toBe('0.1');
    expect(pyFloat(1e-7)).toBe('1e-07');
    expect(pyFloat(NaN)).toBe('nan');
    expect(pyFloat(-Infinity)).toBe('-inf');
  });

  it('parses quoted CSV with CRLF and line numbers', () => {
    const rows = csvRecords('a,b\r\n"x,1","say ""hi"""\r\n\r\n3,"multi\nline"\n').records;
    expect(rows.map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['x,1', 'say "hi"'],
      ['3', 'multi\nline'],
    ]);
    expect(rows.map((r) => r.line)).toEqual([1, 2, 4]);
  });
});

describe('sonomir extract', () => {
  const ref = reference();

  it('prints name,value CSV matching reference_study.csv (case_001)', () => {
    const { io, out } = memoryIo();
    const code = runExtract(
      ['--image', path.join(CASES, 'case_001_image.png'), '--mask', path.join(CASES, 'case_001_mask.png')],
      io,
    );
    expect(code).toBe(0);
    const rows = csvRecords(out.stdout).records;
    expect(rows[0].cells).toEqual(['name', 'value']);
    const values = new Map(rows.slice(1).map((r) => [r.cells[0], r.cells[1]]));
    expect([...values.keys()].some((k) => k.startsWith('diagnostics_'))).toBe(true);
    expect([...values.keys()].filter((k) => k.startsWith('original_'))).toHaveLength(107);
    for (const f of CHECKED) close(Number(values.get(f)), ref.get('case_001')!.get(f)!, f);
  });

  it("prints JSON; a colour BUSI image gives the grey image's reference features", () => {
    const { io, out } = memoryIo();
    const code = runExtract(
      [
        '--image',
        path.join(CASES, 'busi_malignant_13_rgb.png'),
        '--mask',
        path.join(CASES, 'busi_malignant_13_mask.png'),
        '--format',
        'json',
      ],
      io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(out.stdout) as Record<string, number | string>;
    for (const f of CHECKED) close(json[f] as number, ref.get('busi_malignant_13')!.get(f)!, f);
  });

  it('applies a parameter file (YAML) and its feature classes', () => {
    const params = '/virtual/params.yaml';
    const { io, out } = memoryIo({
      [params]: 'setting:\n  binWidth: 10\n  label: 1\nfeatureClass:\n  firstorder: [Mean, Entropy]\n',
    });
    runExtract(
      [
        '--image',
        path.join(CASES, 'case_001_image.png'),
        '--mask',
        path.join(CASES, 'case_001_mask.png'),
        '--params',
        params,
      ],
      io,
    );
    const names = csvRecords(out.stdout)
      .records.slice(1)
      .map((r) => r.cells[0])
      .filter((k) => k.startsWith('original_'));
    expect(names).toEqual(['original_firstorder_Entropy', 'original_firstorder_Mean']);
  });

  it('calibrates a DICOM image with the ultrasound region holding the ROI', () => {
    const w = 20;
    const pixels = Array.from({ length: w * w }, (_, i) => (i * 37) % 251);
    const regions = [
      { minX0: 0, minY0: 0, maxX1: 9, maxY1: 9, unitsX: 3, unitsY: 3, deltaX: 0.01, deltaY: 0.02 },
      { minX0: 0, minY0: 10, maxX1: 19, maxY1: 19, unitsX: 3, unitsY: 3, deltaX: 0.03, deltaY: 0.03 },
    ];
    const mask = new Uint8Array(w * w);
    for (let y = 2; y < 7; y++) for (let x = 3; x < 8; x++) mask[y * w + x] = 255;
    expect(roiCentre(mask, w, 255)).toEqual({ x: 5, y: 4 });
    const { io, out } = memoryIo({
      '/v/us.dcm': writeDicom({ rows: w, columns: w, pixels, regions }),
      '/v/mask.png': encodePng({ width: w, height: w, depth: 8, channels: 1, data: mask }),
    });
    expect(runExtract(['--image', '/v/us.dcm', '--mask', '/v/mask.png', '--format', 'json'], io)).toBe(0);
    const json = JSON.parse(out.stdout) as Record<string, string | number>;
    // (x, y, z) spacing in mm: 0.01 cm per column, 0.02 cm per row (region 1, not the larger region 2).
    const spacing = String(json['diagnostics_Image-original_Spacing'])
      .replace(/[()\s]/g, '')
      .split(',')
      .map(Number);
    expect(spacing[0]).toBeCloseTo(0.1, 12);
    expect(spacing[1]).toBeCloseTo(0.2, 12);
    expect(json['original_shape_VoxelVolume']).toBeCloseTo(25 * 0.1 * 0.2, 12);
  });

  it('reports usage errors and unreadable files clearly', () => {
    const { io, out } = memoryIo();
    expect(runExtract(['--image', 'a.png'], io)).toBe(2);
    expect(out.stderr).toMatch(/--image and --mask are required/);
    expect(() => runExtract(['--bogus', '1'], io)).toThrow(/unknown option "--bogus"/);
    const unreadable = () =>
      runExtract(['--image', '/nonexistent/a.png', '--mask', '/nonexistent/m.png'], io);
    expect(thrownMessage(unreadable)).toEqual({
      code: 'cli.cannotRead',
      params: {
        what: { code: 'cli.file.image' },
        file: '/nonexistent/a.png',
        reason: { code: 'cli.reason.missing' },
      },
    });
    // what the CLI prints
    expect(englishThrown(unreadable)).toBe(
      'Cannot read the image "/nonexistent/a.png": it does not exist. Check the path and try again.',
    );
    const mismatched = () =>
      runExtract(
        ['--image', path.join(CASES, 'case_001_image.png'), '--mask', path.join(CASES, 'case_000_mask.png')],
        io,
      );
    expect(thrownMessage(mismatched).code).toBe('cli.maskSize');
    expect(englishThrown(mismatched)).toMatch(/does not have the image's size/);
    expect(runExtract(['--help'], io)).toBe(0);
  });
});

describe('sonomir batch', () => {
  const ref = reference();
  const input = path.join(CASES, 'virtual-batch.csv');
  const csv = [
    'ID,Image,Mask,Label,Group',
    'case_001,case_001_image.png,case_001_mask.png,,a',
    'missing,nothere.png,case_001_mask.png,,b',
    'case_019,case_019_image.png,case_019_mask.png,1,"c,d"',
    'badlabel,case_019_image.png,case_019_mask.png,x,e',
  ].join('\n');

  for (const threads of ['1', '2']) {
    it(`extracts good rows, reports bad ones and passes columns through (-j ${threads})`, async () => {
      expect(existsSync(input)).toBe(false);
      const { io, out } = memoryIo({ [input]: csv });
      const code = await runBatch(['--input', input, '--out', '/virtual/out.csv', '-j', threads], io);
      expect(code).toBe(3);
      expect(out.stderr).toMatch(/row 4 \(line 5\): Label "x" is not a positive integer/);
      expect(out.stderr).toMatch(
        /row 2 \(line 3\): Cannot read the image ".*nothere\.png": it does not exist/,
      );
      expect(out.stderr).toMatch(/\[\d\/3\] row 3 case_019_image\.png: ok/);
      const rows = csvRecords(out.files['/virtual/out.csv']).records;
      const head = rows[0].cells;
      expect(head.slice(0, 5)).toEqual(['ID', 'Image', 'Mask', 'Label', 'Group']);
      expect(rows.slice(1).map((r) => r.cells[0])).toEqual(['case_001', 'case_019']);
      expect(rows[2].cells[4]).toBe('c,d');
      for (const r of rows.slice(1)) {
        for (const f of CHECKED)
          close(Number(r.cells[head.indexOf(f)]), ref.get(r.cells[0])!.get(f)!, `${r.cells[0]} ${f}`);
      }
    });
  }

  it('rejects an input without Image/Mask columns', async () => {
    const { io } = memoryIo({ '/virtual/bad.csv': 'a,b\n1,2\n' });
    const run = () => runBatch(['--input', '/virtual/bad.csv', '--out', '/virtual/o.csv'], io);
    await expect(run()).rejects.toMatchObject({
      code: 'cli.batchColumns',
      params: { file: '/virtual/bad.csv', found: 'a, b' },
    });
    expect(await englishRejected(run())).toMatch(/needs columns "Image" and "Mask" \(found: a, b\)/);
  });
});
