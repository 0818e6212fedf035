/**
 * Regression tests of the robustness findings F1–F15 (test/unit/robust/FINDINGS.md): the inputs that
 * made the decoders hang, allocate gigabytes, return images of size NaN or throw TypeError/RangeError,
 * and the engine throw a RangeError or a misleading message, each now ending in a clear Error or a
 * correct result.
 */
import { englishError } from '../../../src/i18n/render';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage } from '../../../src/imaging';
import { extractFeatures } from '../../../src/radiomics/extract';
import { STUDY_PRESET } from '../../../src/radiomics/settings';
import type { ImageVolume, MaskVolume } from '../../../src/radiomics/types';
import { writeDicom } from '../imaging/dicomWriter';
import { unclearError } from './fuzzCampaign';
import { writeNifti, writeNrrd, writeTiff } from './samples';

/** The error `fn` throws, checked to be a clear Error (fails when `fn` returns). */
function thrown(fn: () => unknown): { error: Error; message: string } {
  try {
    fn();
  } catch (e) {
    expect(unclearError(e)).toBeNull();
    return { error: e as Error, message: englishError(e) };
  }
  throw new Error('expected an error, the call returned');
}

/** Decodes expecting a clear error; also returns the growth of ArrayBuffer memory (MB). */
function refuse(bytes: Uint8Array): { message: string; growthMb: number } {
  const before = process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  const e = thrown(() => decodeImage(bytes, 'huge'));
  // anti-hang guard
  expect(performance.now() - t0).toBeLessThan(2000);
  return { message: e.message, growthMb: (process.memoryUsage().arrayBuffers - before) / 1e6 };
}

/** Offset of the first explicit-VR-little-endian element (group, element) of a DICOM file. */
function dicomElement(file: Uint8Array, group: number, element: number): number {
  for (let p = 132; p + 4 <= file.length; p++)
    if (
      file[p] === (group & 0xff) &&
      file[p + 1] === group >> 8 &&
      file[p + 2] === (element & 0xff) &&
      file[p + 3] === element >> 8
    )
      return p;
  throw new Error(`element (${group.toString(16)},${element.toString(16)}) not found`);
}

describe("F1: DICOM through Node's own module loader (the CLI, via tsx)", () => {
  it('sonomir extract reads a DICOM image', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sonomir-robust-'));
    try {
      const pixels = Array.from({ length: 12 * 9 }, (_, i) => (i * 37) % 256);
      writeFileSync(path.join(dir, 'us.dcm'), writeDicom({ rows: 9, columns: 12, pixels }));
      const mask = new Uint8Array(12 * 9);
      for (let y = 2; y < 7; y++) for (let x = 3; x < 9; x++) mask[y * 12 + x] = 255;
      writeFileSync(
        path.join(dir, 'mask.png'),
        encodePng({ width: 12, height: 9, depth: 8, channels: 1, data: mask }),
      );
      const cli = path.resolve(__dirname, '../../../bin/sonomir.mjs');
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [cli, 'extract', '--image', path.join(dir, 'us.dcm'), '--mask', path.join(dir, 'mask.png')],
          { timeout: 60_000 },
          (error, stdout, stderr) =>
            error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
        ),
      );
      expect(out).toMatch(/^original_shape_VoxelVolume,30(\.0)?$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('F2, F3, F6: TIFF directories that loop, declare huge pages or lack their size', () => {
  const tiff = (): Uint8Array =>
    writeTiff({ width: 4, height: 4, spp: 1, bits: 8, samples: new Array(16).fill(3) });
  const ifdEntry = (b: Uint8Array, tag: number): number => {
    const dv = new DataView(b.buffer);
    const ifd = dv.getUint32(4, true);
    for (let i = 0; i < dv.getUint16(ifd, true); i++)
      if (dv.getUint16(ifd + 2 + 12 * i, true) === tag) return ifd + 2 + 12 * i;
    throw new Error(`tag ${tag} not found`);
  };

  it('a "next page" link pointing back to its own directory: refused, no endless loop', async () => {
    const b = tiff();
    const dv = new DataView(b.buffer);
    const ifd = dv.getUint32(4, true);
    dv.setUint32(ifd + 2 + 12 * dv.getUint16(ifd, true), ifd, true);
    // in a worker thread (through tsx), so that a regression fails after 10 s instead of hanging the run
    const worker = new Worker(new URL('./decode-worker.mjs', import.meta.url));
    try {
      const reply = await new Promise<{ error?: string; kind?: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('decodeImage did not return within 10 s')), 10_000);
        worker.once('message', (m: { error?: string; kind?: string }) => {
          clearTimeout(timer);
          resolve(m);
        });
        worker.once('error', reject);
        worker.postMessage({ bytes: b, name: 'loop.tif' });
      });
      expect(reply.kind).toBe('MessageError');
      expect(reply.error).toMatch(
        /TIFF file could not be decoded \(its list of pages loops back on itself\)/,
      );
    } finally {
      await worker.terminate();
    }
  }, 30_000);

  it('ImageWidth × ImageLength of 60000 × 60000: refused before allocating', () => {
    const b = tiff();
    const dv = new DataView(b.buffer);
    dv.setUint32(ifdEntry(b, 256) + 8, 60000, true);
    dv.setUint32(ifdEntry(b, 257) + 8, 60000, true);
    const r = refuse(b);
    expect(r.message).toMatch(/the page declares 60000 × 60000 pixels, more than the 100 megapixels/);
    expect(r.growthMb).toBeLessThan(256);
    // below the pixel limit but far more than the file can hold
    dv.setUint32(ifdEntry(b, 256) + 8, 12, true);
    dv.setUint32(ifdEntry(b, 257) + 8, 8_000_000, true);
    expect(refuse(b).message).toMatch(/its \d+ bytes cannot hold the 12 × 8000000 page/);
  });

  it('a directory without ImageLength: refused instead of an image of size NaN', () => {
    const b = tiff();
    new DataView(b.buffer).setUint16(ifdEntry(b, 257), 65000, true); // retag ImageLength as an unknown tag
    expect(refuse(b).message).toMatch(
      /image size, samples per pixel or bits per sample are missing or invalid/,
    );
  });
});

describe('F3: PNG headers declaring more than the file holds', () => {
  const png = (): Uint8Array =>
    encodePng({ width: 4, height: 4, depth: 8, channels: 1, data: new Uint8Array(16) });

  it('60000 × 60000: refused quickly without allocating gigabytes, naming the size', () => {
    const b = png();
    const dv = new DataView(b.buffer, b.byteOffset);
    dv.setUint32(16, 60000);
    dv.setUint32(20, 60000);
    const r = refuse(b);
    expect(r.message).toMatch(/PNG header declares 60000 × 60000 pixels, more than the 100 megapixels/);
    expect(r.growthMb).toBeLessThan(256);
  });

  it('8000 × 8000 in a few dozen bytes of image data: truncated or damaged', () => {
    const b = png();
    const dv = new DataView(b.buffer, b.byteOffset);
    dv.setUint32(16, 8000);
    dv.setUint32(20, 8000);
    const r = refuse(b);
    expect(r.message).toMatch(
      /PNG file is truncated or damaged: its compressed data \(\d+ bytes\) cannot hold the 8000 × 8000 image/,
    );
    expect(r.growthMb).toBeLessThan(256);
  });
});

describe('F7, F10: DICOM attributes with too few values or the wrong VR', () => {
  it('PixelSpacing with a single value: used for rows and columns (was a TypeError)', () => {
    const file = writeDicom({ rows: 2, columns: 2, pixels: [1, 2, 3, 4], pixelSpacing: [0.25, 0.25] });
    const at = dicomElement(file, 0x0028, 0x0030);
    // value "0.25\0.25" (10 bytes) → "0.25" padded with spaces
    file.set(new TextEncoder().encode('0.25      '), at + 8);
    const r = decodeImage(file, 'us.dcm');
    expect(r.info.spacing).toMatchObject({ row: 0.25, col: 0.25, unit: 'mm' });
  });

  it('Rows written as IS holding binary data: "lacks Rows/Columns" (was an image of NaN rows)', () => {
    const file = writeDicom({ rows: 2, columns: 2, pixels: [1, 2, 3, 4] });
    const at = dicomElement(file, 0x0028, 0x0010);
    file.set([0x49, 0x53], at + 4); // VR "US" → "IS"
    expect(thrown(() => decodeImage(file, 'us.dcm')).message).toMatch(/DICOM file lacks Rows\/Columns/);
  });
});

describe('F8, F9, F11: NRRD text data and NIfTI header fields', () => {
  it('NRRD ascii data with a non-numeric token is damaged; "nan" is a NaN sample of a float volume', () => {
    const hex = writeNrrd(
      ['type: uchar', 'dimension: 2', 'sizes: 2 2', 'encoding: ascii'],
      new TextEncoder().encode('1 2 ff 4\n'),
    );
    expect(thrown(() => decodeImage(hex)).message).toMatch(
      /NRRD text data holds "ff", which is not a number/,
    );
    const nan = writeNrrd(
      ['type: float', 'dimension: 2', 'sizes: 2 2', 'encoding: ascii'],
      new TextEncoder().encode('1 nan 3 4\n'),
    );
    expect([...decodeImage(nan).image.data]).toEqual([1, NaN, 3, 4]);
  });

  it('NIfTI sform holding Infinity: spacing from pixdim (was Infinity)', () => {
    const b = writeNifti({
      dim: [2, 2, 2, 1, 1, 1, 1, 1],
      datatype: 2,
      pixdim: [1, 0.5, 0.75, 1, 0, 0, 0, 0],
      values: [1, 2, 3, 4],
    });
    const dv = new DataView(b.buffer);
    dv.setInt16(254, 2, true);
    [280, 296, 312].forEach((o, r) =>
      [0, 1, 2, 3].forEach((k) => dv.setFloat32(o + 4 * k, k === r ? 2 : 0, true)),
    );
    dv.setFloat32(280, Infinity, true);
    expect(decodeImage(b).image.spacing).toEqual([1, 0.75, 0.5]);
  });

  it('NIfTI vox_offset NaN: refused (was a RangeError from DataView)', () => {
    const b = writeNifti({
      dim: [2, 2, 2, 1, 1, 1, 1, 1],
      datatype: 2,
      pixdim: [1, 1, 1, 1, 0, 0, 0, 0],
      values: [1, 2, 3, 4],
    });
    new DataView(b.buffer).setFloat32(108, NaN, true);
    expect(thrown(() => decodeImage(b)).message).toMatch(/NIfTI header gives no valid data offset/);
  });
});

describe('F4, F5: non-finite and extreme grey values in the engine', () => {
  const mask: MaskVolume = {
    data: Uint8Array.from([0, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
    size: [1, 4, 4],
    spacing: [1, 1, 1],
  };
  const image = (value: number, at: number): ImageVolume => {
    const data = Float64Array.from({ length: 16 }, (_, i) => i * 10);
    data[at] = value;
    return { data, size: [1, 4, 4], spacing: [1, 1, 1] };
  };

  it('±Infinity inside the ROI: a clear error (was a RangeError / an unrelated GLCM message)', () => {
    for (const v of [Infinity, -Infinity])
      expect(
        thrown(() => extractFeatures(image(v, 5), mask, { settings: { normalize: false } })).message,
      ).toBe('The image holds infinite values inside the ROI; cannot discretise it.');
  });

  it('a grey range of 1e308 with bin width 25: too many bins, a clear error (was a RangeError)', () => {
    expect(
      thrown(() => extractFeatures(image(1e308, 5), mask, { settings: { normalize: false } })).message,
    ).toMatch(/span more than 16777216 bins of width 25; use a larger binWidth, binCount or normalisation/);
  });

  it('NaN or Infinity outside the ROI with normalize: named as such (was "a constant image")', () => {
    for (const v of [NaN, Infinity])
      expect(thrown(() => extractFeatures(image(v, 0), mask, { settings: STUDY_PRESET })).message).toMatch(
        /image holds NaN or infinite values .* whole-image normalisation is not defined/,
      );
    // without normalisation the pixels outside the ROI are not read
    expect(
      extractFeatures(image(NaN, 0), mask, { settings: { normalize: false } }).values
        .original_firstorder_Mean,
    ).toBe(75);
  });
});

describe('F12: GLCM with weightingNorm and no co-occurring pair', () => {
  const settings = { normalize: false, weightingNorm: 'manhattan' as const };

  it('two isolated pixels: every GLCM feature NaN (MaximumProbability was -Infinity)', () => {
    const image: ImageVolume = {
      data: Float64Array.from([40, 0, 0, 0, 0, 90]),
      size: [1, 3, 2],
      spacing: [1, 1, 1],
    };
    const mask: MaskVolume = {
      data: Uint8Array.from([1, 0, 0, 0, 0, 1]),
      size: [1, 3, 2],
      spacing: [1, 1, 1],
    };
    const r = extractFeatures(image, mask, { settings, featureClasses: { glcm: null } }).values;
    for (const [name, v] of Object.entries(r)) expect(v, name).toBeNaN();
  });

  it('isolated pixels of several grey levels after resegmentation: NaN features (was "Eigenvalue iteration did not converge")', () => {
    // found by a random-settings fuzz of extractFeatures
    const data = [
      -459, 2927, 695, 2044, 792, 1269, 646, 1249, -493, 3022, -84, -363, 1849, 780, 2299, 1578, 1781, 2821,
      2484, 2594, 1379, 3148, 2410, 2154, 2482, -488, 188, 2664, 238, 1578, 1089, 2485, 1173, 1918, 1154,
      1636, 1477, 861, 45, 1209, -210, 1708, 1288, 3, 3285, 3313, 2935, -390, 3395, 108, -317, 2756, 1560,
      2743, -460, -69, -347, 908, 3040, 2589, 71, 703, 1118,
    ];
    const roi = [
      0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1,
      1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ];
    const image: ImageVolume = { data: Float64Array.from(data), size: [1, 7, 9], spacing: [1, 1, 1] };
    const mask: MaskVolume = { data: Uint8Array.from(roi), size: [1, 7, 9], spacing: [1, 1, 1] };
    const r = extractFeatures(image, mask, { settings: { ...settings, resegmentRange: [-100, 100] } }).values;
    expect(r.original_glcm_MCC).toBeNaN();
    expect(r.original_glcm_MaximumProbability).toBeNaN();
    expect(r.original_firstorder_Minimum).toBe(-69);
  });
});

describe('F13, F14, F15: BMP bit-field masks, DICOM meta length, JPEG frame size', () => {
  it('BMP with BI_BITFIELDS and a V4 header cut inside its alpha mask: truncated (was a RangeError)', () => {
    const b = new Uint8Array(69);
    const dv = new DataView(b.buffer);
    b.set([0x42, 0x4d]);
    dv.setUint32(10, 66, true);
    dv.setUint32(14, 108, true);
    dv.setInt32(18, 2, true);
    dv.setInt32(22, 2, true);
    dv.setUint16(26, 1, true);
    dv.setUint16(28, 16, true);
    dv.setUint32(30, 3, true);
    expect(thrown(() => decodeImage(b)).message).toMatch(/BMP file is truncated/);
  });

  it('deflated DICOM whose meta information claims to run past the end: refused at once (was 775 MB, 40 s, "[object Object]")', () => {
    const file = writeDicom({ rows: 2, columns: 2, pixels: [1, 2, 3, 4], transferSyntax: 'deflated' });
    // (0002,0012) ImplementationClassUID with VR "OB" instead of "UI": its UID text is read as a 32-bit
    // length (about 775 million), which puts the end of the meta information far past the end
    file.set([0x4f, 0x42], dicomElement(file, 0x0002, 0x0012) + 4);
    const r = refuse(file);
    expect(r.message).toMatch(
      /DICOM file could not be read \(its file meta information claims to be longer than the file\)/,
    );
    expect(r.growthMb).toBeLessThan(256);
  });

  it('JPEG whose frame header declares 10489 × 9183 in 800 bytes: refused at once (was 6 s, 385 MB)', () => {
    const w = 16;
    const jpg = new Uint8Array(
      encodeJpeg({ width: w, height: w, data: new Uint8Array(w * w * 4).fill(120) }, 80).data,
    );
    const sof = jpg.findIndex((v, i) => v === 0xff && jpg[i + 1] === 0xc0);
    new DataView(jpg.buffer).setUint16(sof + 5, 9183);
    new DataView(jpg.buffer).setUint16(sof + 7, 10489);
    const r = refuse(jpg);
    expect(r.message).toMatch(
      /JPEG file is truncated or damaged: its \d+ bytes cannot hold the 10489 × 9183 image/,
    );
    expect(r.growthMb).toBeLessThan(256);
  });
});
