import { encode as encodeJpeg } from 'jpeg-js';
import { englishError, renderEnglish } from '../../../src/i18n/render';
import { englishThrown } from '../../fixtures/englishError';
import { describe, expect, it } from 'vitest';
import { decodeImage, MultiFrameError } from '../../../src/imaging';
import { decodeDicom, ybrFullToRgb } from '../../../src/imaging/dicom';
import { pillowLuma } from '../../../src/imaging/grey';
import { writeDicom } from './dicomWriter';

const ramp = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

describe('DICOM transfer syntaxes', () => {
  const pixels = ramp(12, (i) => i * 20);
  for (const ts of ['implicit', 'explicit', 'deflated', 'bigEndian']) {
    it(`decodes 8-bit MONOCHROME2 in ${ts} transfer syntax`, () => {
      const file = writeDicom({ rows: 3, columns: 4, pixels, transferSyntax: ts });
      const { image, info } = decodeImage(file, 'us.dcm');
      expect(info.format).toBe('dicom');
      expect(image.size).toEqual([1, 3, 4]);
      expect([...image.data]).toEqual(pixels);
      expect(info.photometric).toBe('MONOCHROME2');
      expect(info.spacing.unit).toBe('px');
    });
  }

  it('decodes 16-bit big-endian and signed 12-bit stored values with rescale', () => {
    const be = writeDicom({
      rows: 1,
      columns: 3,
      pixels: [0, 1000, 65535],
      bitsAllocated: 16,
      transferSyntax: 'bigEndian',
    });
    expect([...decodeImage(be).image.data]).toEqual([0, 1000, 65535]);
    // 12 bits stored, signed: 0xFFF is -1, 0x800 is -2048; high bits above bit 11 are ignored.
    const signed = writeDicom({
      rows: 1,
      columns: 4,
      pixels: [0x0fff, 0x0800, 0x07ff, 0xf005],
      bitsAllocated: 16,
      bitsStored: 12,
      rescaleSlope: 2,
      rescaleIntercept: -10,
    });
    const r = decodeImage(signed);
    expect([...r.image.data]).toEqual([0x0fff, 0x0800, 0x07ff, 5].map((v) => v * 2 - 10));
    const s2 = writeDicom({
      rows: 1,
      columns: 3,
      pixels: [-1, -2048, 2047],
      bitsAllocated: 16,
      bitsStored: 12,
      pixelRepresentation: 1,
      rescaleSlope: 1,
      rescaleIntercept: 1024,
    });
    const r2 = decodeImage(s2);
    expect([...r2.image.data]).toEqual([1023, -1024, 3071]);
    expect(r2.info.bitDepth).toBe(12);
    expect(r2.rgba).toHaveLength(12);
  });

  it('renders the VOI window for display without changing the grey values', () => {
    const f = writeDicom({
      rows: 1,
      columns: 4,
      pixels: [0, 1000, 1100, 4000],
      bitsAllocated: 16,
      window: [1050.5, 101],
    });
    const r = decodeImage(f);
    expect([...r.image.data]).toEqual([0, 1000, 1100, 4000]);
    expect([...r.rgba!.filter((_, i) => i % 4 === 0)]).toEqual([0, 0, 255, 255]);
    const mid = decodeImage(
      writeDicom({ rows: 1, columns: 1, pixels: [1050], bitsAllocated: 16, window: [1050.5, 101] }),
    );
    expect(mid.rgba![0]).toBe(128);
    expect(r.info.tags).toMatchObject({ WindowCenter: '1050.5', WindowWidth: '101', Modality: 'US' });
  });

  it('inverts MONOCHROME1 within the stored range', () => {
    const f = writeDicom({ rows: 1, columns: 3, pixels: [0, 100, 255], photometric: 'MONOCHROME1' });
    const r = decodeImage(f);
    expect([...r.image.data]).toEqual([255, 155, 0]);
    expect(r.info.warnings.map(renderEnglish).join(' ')).toMatch(/MONOCHROME1/);
    const f16 = writeDicom({
      rows: 1,
      columns: 2,
      pixels: [0, 4000],
      photometric: 'MONOCHROME1',
      bitsAllocated: 16,
      bitsStored: 12,
    });
    expect([...decodeImage(f16).image.data]).toEqual([4095, 95]);
  });

  it('JPEG baseline: decodes the frame with jpeg-js and converts to luma', () => {
    const w = 16;
    const h = 8;
    const rgba = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) rgba.set([(i * 3) % 256, 128, 255 - ((i * 5) % 256), 255], 4 * i);
    const jpeg = new Uint8Array(encodeJpeg({ width: w, height: h, data: rgba }, 95).data);
    const file = writeDicom({
      rows: h,
      columns: w,
      samplesPerPixel: 3,
      photometric: 'YBR_FULL_422',
      transferSyntax: '1.2.840.10008.1.2.4.50',
      encapsulatedFrames: [jpeg],
    });
    const r = decodeImage(file, 'clip.dcm');
    const direct = decodeImage(jpeg, 'same.jpg');
    expect(r.image.size).toEqual([1, h, w]);
    expect([...r.image.data]).toEqual([...direct.image.data]);
    // Lossy, but close to the luma of the original colours.
    for (let i = 0; i < w * h; i++) {
      expect(
        Math.abs(r.image.data[i] - pillowLuma(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2])),
      ).toBeLessThan(12);
    }
  });

  it('multi-frame JPEG: picks the requested frame', () => {
    const frames = [10, 200].map((v) => {
      const data = new Uint8Array(8 * 8 * 4).fill(v);
      return new Uint8Array(encodeJpeg({ width: 8, height: 8, data }, 100).data);
    });
    const file = writeDicom({
      rows: 8,
      columns: 8,
      samplesPerPixel: 3,
      photometric: 'YBR_FULL_422',
      frames: 2,
      transferSyntax: '1.2.840.10008.1.2.4.50',
      encapsulatedFrames: frames,
    });
    expect(() => decodeImage(file)).toThrow(MultiFrameError);
    const second = decodeImage(file, undefined, { frame: 1 }).image.data;
    expect(Math.abs(second[0] - 200)).toBeLessThanOrEqual(1);
    const first = decodeImage(file, undefined, { frame: 0 }).image.data;
    expect(Math.abs(first[27] - 10)).toBeLessThanOrEqual(1);
  });
});

describe('DICOM colour', () => {
  const rgb = [
    [255, 0, 0],
    [0, 255, 0],
    [0, 0, 255],
    [10, 20, 30],
  ];
  const lumas = rgb.map(([r, g, b]) => pillowLuma(r, g, b));

  it('RGB planar configuration 0 and 1 give the same luma', () => {
    const interleaved = writeDicom({ rows: 2, columns: 2, samplesPerPixel: 3, pixels: rgb.flat() });
    const planar = writeDicom({
      rows: 2,
      columns: 2,
      samplesPerPixel: 3,
      planarConfiguration: 1,
      pixels: [0, 1, 2].flatMap((c) => rgb.map((p) => p[c])),
    });
    expect([...decodeImage(interleaved).image.data]).toEqual(lumas);
    expect([...decodeImage(planar).image.data]).toEqual(lumas);
    expect(lumas).toEqual([76, 150, 29, 18]);
  });

  it('YBR_FULL and YBR_FULL_422 convert to RGB, then luma', () => {
    const ybr = [
      [100, 90, 200],
      [30, 128, 128],
      [220, 60, 100],
      [128, 140, 110],
    ];
    const expected = ybr.map(([y, cb, cr]) => pillowLuma(...ybrFullToRgb(y, cb, cr)));
    const full = writeDicom({
      rows: 2,
      columns: 2,
      samplesPerPixel: 3,
      photometric: 'YBR_FULL',
      pixels: ybr.flat(),
    });
    expect([...decodeImage(full).image.data]).toEqual(expected);
    // 4:2:2: per pixel pair Y1 Y2 Cb Cr; chroma shared.
    const pairs = [100, 30, 90, 200, 220, 128, 60, 100];
    const f422 = writeDicom({
      rows: 2,
      columns: 2,
      samplesPerPixel: 3,
      photometric: 'YBR_FULL_422',
      pixels: pairs,
    });
    const exp422 = [
      pillowLuma(...ybrFullToRgb(100, 90, 200)),
      pillowLuma(...ybrFullToRgb(30, 90, 200)),
      pillowLuma(...ybrFullToRgb(220, 60, 100)),
      pillowLuma(...ybrFullToRgb(128, 60, 100)),
    ];
    const r = decodeImage(f422);
    expect([...r.image.data]).toEqual(exp422);
    expect(r.info.photometric).toBe('YBR_FULL_422');
    expect(ybrFullToRgb(128, 128, 128)).toEqual([128, 128, 128]);
  });
});

describe('DICOM spacing', () => {
  const regions = [
    { minX0: 0, minY0: 0, maxX1: 9, maxY1: 4, unitsX: 3, unitsY: 3, deltaX: 0.01, deltaY: 0.02 },
    { minX0: 0, minY0: 5, maxX1: 19, maxY1: 19, unitsX: 3, unitsY: 3, deltaX: 0.005, deltaY: 0.006 },
    { minX0: 10, minY0: 0, maxX1: 19, maxY1: 4, unitsX: 4, unitsY: 7, deltaX: 0.1, deltaY: 0.1 },
  ];
  const base = { rows: 20, columns: 20, pixels: new Array(400).fill(7) };

  it('uses PixelSpacing (row\\col) first', () => {
    const r = decodeImage(writeDicom({ ...base, pixelSpacing: [0.1, 0.2], regions }));
    expect(r.info.spacing).toMatchObject({ row: 0.1, col: 0.2, unit: 'mm' });
    expect(renderEnglish(r.info.spacing.source)).toMatch(/PixelSpacing/);
    expect(r.image.spacing).toEqual([1, 0.1, 0.2]);
    expect(
      decodeImage(writeDicom({ ...base, pixelSpacing: [0.1, 0.2] }), undefined, { ignoreSpacing: true }).image
        .spacing,
    ).toEqual([1, 1, 1]);
  });

  for (const ts of ['explicit', 'implicit']) {
    it(`uses the largest cm region, or the one holding the ROI point (${ts})`, () => {
      const file = writeDicom({ ...base, regions, transferSyntax: ts });
      const largest = decodeImage(file).info.spacing;
      expect(largest.unit).toBe('mm');
      expect(largest.col).toBeCloseTo(0.05, 12);
      expect(largest.row).toBeCloseTo(0.06, 12);
      expect(renderEnglish(largest.source)).toMatch(/region 2 of 3/);
      const small = decodeDicom(file, { roiPoint: { x: 3, y: 2 } }).spacing;
      expect(small.col).toBeCloseTo(0.1, 12);
      expect(small.row).toBeCloseTo(0.2, 12);
      const outside = decodeDicom(file, { roiPoint: { x: 15, y: 2 } });
      expect(outside.spacing.col).toBeCloseTo(0.05, 12);
      expect(outside.warnings.map(renderEnglish).join(' ')).toMatch(/lies in no calibrated/);
    });
  }

  it('falls back to pixel units with a warning', () => {
    const r = decodeImage(writeDicom({ ...base, regions: [regions[2]] }));
    expect(r.info.spacing.unit).toBe('px');
    expect(r.info.warnings.map(renderEnglish).join(' ')).toMatch(/no PixelSpacing/);
    expect(r.info.warnings.map(renderEnglish).join(' ')).toMatch(/region units x\/y: seconds\/cm\/sec/);
  });
});

describe('DICOM errors', () => {
  it('names unsupported transfer syntaxes', () => {
    const jp2 = writeDicom({
      rows: 2,
      columns: 2,
      transferSyntax: '1.2.840.10008.1.2.4.90',
      encapsulatedFrames: [new Uint8Array(8)],
    });
    expect(englishThrown(() => decodeImage(jp2))).toMatch(
      /JPEG 2000 \(Lossless Only\) \(transfer syntax 1\.2\.840\.10008\.1\.2\.4\.90\).*uncompressed DICOM/,
    );
    const rle = writeDicom({
      rows: 2,
      columns: 2,
      transferSyntax: '1.2.840.10008.1.2.5',
      encapsulatedFrames: [new Uint8Array(8)],
    });
    expect(englishThrown(() => decodeImage(rle))).toMatch(/RLE Lossless/);
    const ls = writeDicom({
      rows: 2,
      columns: 2,
      transferSyntax: '1.2.840.10008.1.2.4.80',
      encapsulatedFrames: [new Uint8Array(8)],
    });
    expect(englishThrown(() => decodeImage(ls))).toMatch(/JPEG-LS Lossless/);
    const jl = writeDicom({
      rows: 2,
      columns: 2,
      transferSyntax: '1.2.840.10008.1.2.4.70',
      encapsulatedFrames: [new Uint8Array(8)],
    });
    expect(englishThrown(() => decodeImage(jl))).toMatch(/JPEG Lossless/);
  });

  it('requires a frame for multi-frame files and lists the count', () => {
    const file = writeDicom({ rows: 2, columns: 2, frames: 3, pixels: ramp(12, (i) => i) });
    let err: unknown;
    try {
      decodeImage(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MultiFrameError);
    expect((err as MultiFrameError).frames).toBe(3);
    expect(englishError(err)).toMatch(/3 frames/);
    expect([...decodeImage(file, undefined, { frame: 2 }).image.data]).toEqual([8, 9, 10, 11]);
    expect(decodeImage(file, undefined, { frame: 2 }).info.frames).toBe(3);
    expect(englishThrown(() => decodeImage(file, undefined, { frame: 3 }))).toMatch(/has 3 frame/);
  });

  it('reports truncated pixel data, missing pixel data and damaged files', () => {
    const file = writeDicom({ rows: 10, columns: 10, pixels: ramp(100, (i) => i) });
    expect(englishThrown(() => decodeImage(file.subarray(0, file.length - 40)))).toMatch(
      /truncated|could not be read/,
    );
    expect(
      englishThrown(() => decodeImage(writeDicom({ rows: 2, columns: 2, omitPixelData: true }))),
    ).toMatch(/no image \(no Pixel Data/);
    expect(englishThrown(() => decodeImage(file.subarray(0, 140)))).toMatch(/could not be read|truncated/);
  });
});
