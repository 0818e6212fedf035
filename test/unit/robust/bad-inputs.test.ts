/**
 * Explicit bad inputs for the decoders (issue 7, "Bad input"): empty and text files, every truncation of
 * every seed file of every format, 16-bit and floating-point TIFF (must decode exactly), unsupported
 * DICOM transfer syntaxes, multi-frame DICOM without a chosen frame, huge declared image sizes (refused
 * quickly, without allocating gigabytes). Each error must be a clear Error (see `unclearError`).
 */
import { englishError } from '../../../src/i18n/render';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage, decodeMask, MultiFrameError, type ImageFormat } from '../../../src/imaging';
import { writeDicom } from '../imaging/dicomWriter';
import { unclearError } from './fuzzCampaign';
import { seedSamples, writeBmp, writeNifti, writeNrrd, writeTiff } from './samples';

/** The error `fn` throws (fails when it returns). */
function thrown(fn: () => unknown): { error: Error; message: string } {
  try {
    fn();
  } catch (e) {
    expect(unclearError(e)).toBeNull();
    return { error: e as Error, message: englishError(e) };
  }
  throw new Error('expected an error, the call returned');
}

/** Bytes of a string. */
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('empty and non-image files', () => {
  it('a zero-byte file says it is empty, for images and masks', () => {
    expect(thrown(() => decodeImage(new Uint8Array(0), 'scan.png')).message).toMatch(
      /"scan\.png" is empty \(0 bytes\).*try again/,
    );
    expect(thrown(() => decodeMask(new Uint8Array(0), 'mask.png')).message).toMatch(/empty \(0 bytes\)/);
  });

  it('text, CSV, HTML and JSON renamed .png / .dcm / .nii are recognised as not images', () => {
    const files: [string, string][] = [
      ['notes.png', 'This is not an image, it is a note.\n'],
      ['table.png', 'id;value\n1;2\n'],
      ['page.dcm', '<!DOCTYPE html><html><body>Session expired</body></html>'],
      ['data.nii', '{"image": [1, 2, 3]}'],
    ];
    for (const [name, content] of files) {
      const e = thrown(() => decodeImage(text(content), name));
      expect(e.message).toContain(`"${name}" is not a PNG, JPEG, BMP, TIFF, DICOM, NRRD or NIfTI image`);
      expect(e.message).toMatch(/starts with (text|HTML)/);
    }
  });

  it('a file with only a magic number is refused clearly for each format', () => {
    const magics: Record<ImageFormat, Uint8Array> = {
      png: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      jpeg: Uint8Array.from([0xff, 0xd8, 0xff]),
      bmp: Uint8Array.from([0x42, 0x4d, ...new Array(12).fill(0), 40, 0, 0, 0]),
      tiff: Uint8Array.from([0x49, 0x49, 42, 0]),
      dicom: Uint8Array.from([...new Array(128).fill(0), 0x44, 0x49, 0x43, 0x4d]),
      nrrd: text('NRRD0004\n'),
      nifti: (() => {
        const b = new Uint8Array(348);
        new DataView(b.buffer).setInt32(0, 348, true);
        b.set(text('n+1\0'), 344);
        return b;
      })(),
    };
    for (const bytes of Object.values(magics)) thrown(() => decodeImage(bytes));
  });
});

describe('truncated files (every prefix of every seed file)', () => {
  const seeds = seedSamples();
  for (const format of Object.keys(seeds) as ImageFormat[]) {
    it(`${format}: every truncation ends in a valid image or a clear Error`, () => {
      let cases = 0;
      let refused = 0;
      for (const s of seeds[format]) {
        for (let len = 0; len < s.bytes.length; len++) {
          cases++;
          try {
            const r = decodeImage(s.bytes.subarray(0, len), s.name, { frame: s.frame });
            // Only a cut in trailing padding may still decode; the image is then complete.
            const [nz, ny, nx] = r.image.size;
            expect(r.image.data).toHaveLength(nz * ny * nx);
            expect(r.image.data.every(Number.isFinite)).toBe(true);
          } catch (e) {
            expect(unclearError(e), `${s.name} cut to ${len} bytes`).toBeNull();
            refused++;
          }
        }
      }
      console.log(`  truncated ${format}: ${cases} prefixes, ${refused} refused with a clear Error`);
      expect(refused).toBeGreaterThan(0.9 * cases);
    });
  }

  it('the messages say truncated or damaged for cuts in the pixel data', () => {
    const { png, jpeg, tiff, dicom } = seeds;
    const cut = (b: Uint8Array, keep = 0.8): Uint8Array => b.subarray(0, Math.floor(b.length * keep));
    expect(thrown(() => decodeImage(cut(png[0].bytes))).message).toMatch(/PNG.*truncated or damaged/);
    expect(thrown(() => decodeImage(cut(jpeg[0].bytes))).message).toMatch(/JPEG.*truncated/);
    expect(thrown(() => decodeImage(cut(tiff[1].bytes, 0.5))).message).toMatch(/TIFF.*truncated, damaged/);
    expect(thrown(() => decodeImage(cut(dicom[0].bytes, 0.9))).message).toMatch(/DICOM.*truncated/);
  });
});

describe('16-bit and floating-point TIFF decode exactly', () => {
  const w = 5;
  const h = 3;
  const ramp = (f: (i: number) => number): number[] => Array.from({ length: w * h }, (_, i) => f(i));

  it('unsigned 16-bit grey, little- and big-endian, several strips', () => {
    const values = ramp((i) => (i * 4099) % 65536);
    for (const bigEndian of [false, true]) {
      const r = decodeImage(
        writeTiff({ width: w, height: h, spp: 1, bits: 16, samples: values, bigEndian, rowsPerStrip: 2 }),
      );
      expect([...r.image.data]).toEqual(values);
      expect(r.image.size).toEqual([1, h, w]);
      expect(r.info).toMatchObject({ format: 'tiff', bitDepth: 16, channels: 1 });
    }
  });

  it('signed 16-bit grey keeps negative values', () => {
    const values = ramp((i) => i * 500 - 3000);
    const r = decodeImage(
      writeTiff({ width: w, height: h, spp: 1, bits: 16, sampleFormat: 2, samples: values }),
    );
    expect([...r.image.data]).toEqual(values);
  });

  it('32- and 64-bit float grey keep their values (float32 rounding only)', () => {
    const values = ramp((i) => (i - 7) * 0.37 + 1e-3);
    const f32 = decodeImage(
      writeTiff({ width: w, height: h, spp: 1, bits: 32, sampleFormat: 3, samples: values }),
    );
    expect([...f32.image.data]).toEqual(values.map((v) => Math.fround(v)));
    const f64 = decodeImage(
      writeTiff({ width: w, height: h, spp: 1, bits: 64, sampleFormat: 3, samples: values, bigEndian: true }),
    );
    expect([...f64.image.data]).toEqual(values);
    expect(f64.rgba).toHaveLength(4 * w * h);
  });
});

describe('DICOM that cannot be decoded as it is', () => {
  const jpeg = new Uint8Array(
    encodeJpeg({ width: 8, height: 8, data: new Uint8Array(256).fill(90) }, 90).data,
  );

  it('an unsupported transfer syntax is named, with its UID and what to do', () => {
    const cases: [string, string][] = [
      ['1.2.840.10008.1.2.4.90', 'JPEG 2000 (Lossless Only)'],
      ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless'],
      ['1.2.840.10008.1.2.5', 'RLE Lossless'],
      ['1.2.840.10008.1.2.4.70', 'JPEG Lossless, First-Order Prediction (Process 14, SV1)'],
      ['1.2.3.4.5.6.7', 'an unknown transfer syntax'],
    ];
    for (const [uid, name] of cases) {
      const file = writeDicom({ rows: 8, columns: 8, transferSyntax: uid, encapsulatedFrames: [jpeg] });
      const e = thrown(() => decodeImage(file, 'us.dcm'));
      expect(e.message).toContain(`compressed with ${name} (transfer syntax ${uid})`);
      expect(e.message).toMatch(/Export it .* as uncompressed DICOM/);
    }
  });

  it('multi-frame without a chosen frame: says how many frames and how to choose one', () => {
    const file = writeDicom({
      rows: 4,
      columns: 5,
      frames: 7,
      pixels: Array.from({ length: 140 }, (_, i) => i),
    });
    const e = thrown(() => decodeImage(file, 'clip.dcm'));
    expect(e.error).toBeInstanceOf(MultiFrameError);
    expect((e.error as MultiFrameError).frames).toBe(7);
    expect(e.message).toMatch(
      /clip of 7 frames\. Choose one frame \(options\.frame, 0 to 6; in the app: the frame selector\)/,
    );
    expect(thrown(() => decodeMask(file, 'clip.dcm')).error).toBeInstanceOf(MultiFrameError);
    expect(thrown(() => decodeImage(file, 'clip.dcm', { frame: 7 })).message).toMatch(
      /Frame 7 does not exist: this DICOM file has 7 frame\(s\), numbered 0 to 6/,
    );
    // With a frame chosen, that frame's pixels.
    expect([...decodeImage(file, 'clip.dcm', { frame: 3 }).image.data]).toEqual(
      Array.from({ length: 20 }, (_, i) => 60 + i),
    );
  });
});

describe('huge declared sizes are refused quickly, without allocating gigabytes', () => {
  /** Decodes, expecting a clear error; returns it with the growth of ArrayBuffer memory in MB. */
  function refuse(bytes: Uint8Array): { message: string; growthMb: number } {
    const before = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const e = thrown(() => decodeImage(bytes, 'huge'));
    const ms = performance.now() - t0;
    // anti-hang guard
    expect(ms).toBeLessThan(2000);
    return { message: e.message, growthMb: (process.memoryUsage().arrayBuffers - before) / 1e6 };
  }

  it('BMP header claiming 60000 × 60000', () => {
    const b = writeBmp({
      width: 2,
      height: 2,
      bpp: 24,
      rows: [
        [1, 2, 3, 4, 5, 6],
        [7, 8, 9, 10, 11, 12],
      ],
    });
    const dv = new DataView(b.buffer);
    dv.setInt32(18, 60000, true);
    dv.setInt32(22, 60000, true);
    const r = refuse(b);
    expect(r.message).toMatch(/BMP file is truncated/);
    expect(r.growthMb).toBeLessThan(256);
  });

  it('JPEG frame header claiming 60000 × 60000', () => {
    const jpg = new Uint8Array(
      encodeJpeg({ width: 8, height: 8, data: new Uint8Array(256).fill(90) }, 90).data,
    );
    const sof = jpg.findIndex((v, i) => v === 0xff && jpg[i + 1] === 0xc0);
    new DataView(jpg.buffer).setUint16(sof + 5, 60000);
    new DataView(jpg.buffer).setUint16(sof + 7, 60000);
    const r = refuse(jpg);
    // jpeg-js' 100-megapixel limit, or (with the fix of finding F15) the size check against the file length
    expect(r.message).toMatch(
      /JPEG file (could not be decoded \(maxResolutionInMP limit exceeded|is truncated or damaged: its \d+ bytes cannot hold the 60000 × 60000 image)/,
    );
    expect(r.growthMb).toBeLessThan(256);
  });

  it('DICOM Rows/Columns 65535 × 65535, NRRD and NIfTI sizes of 60000 × 60000', () => {
    const dcm = writeDicom({ rows: 2, columns: 2, pixels: [1, 2, 3, 4] });
    // Rows (0028,0010) and Columns (0028,0011): explicit VR, value after the 8-byte element header.
    for (const el of [0x10, 0x11]) {
      const at = dcm.findIndex(
        (v, i) => v === 0x28 && dcm[i + 1] === 0 && dcm[i + 2] === el && dcm[i + 3] === 0,
      );
      new DataView(dcm.buffer).setUint16(at + 8, 65535, true);
    }
    const d = refuse(dcm);
    expect(d.message).toMatch(/DICOM pixel data is truncated/);
    expect(d.growthMb).toBeLessThan(256);
    const nrrd = writeNrrd(
      ['type: short', 'dimension: 2', 'sizes: 60000 60000', 'encoding: raw'],
      new Uint8Array(8),
    );
    const n = refuse(nrrd);
    expect(n.message).toMatch(/NRRD data is truncated: 7200000000 bytes of pixel data are expected/);
    expect(n.growthMb).toBeLessThan(256);
    const nii = writeNifti({
      dim: [2, 30000, 30000, 1, 1, 1, 1, 1],
      datatype: 4,
      pixdim: [1, 1, 1, 1, 0, 0, 0, 0],
      values: [1, 2],
    });
    const i = refuse(nii);
    expect(i.message).toMatch(/NIfTI data is truncated/);
    expect(i.growthMb).toBeLessThan(256);
  });
});
