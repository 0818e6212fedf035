import { readdirSync, readFileSync } from 'node:fs';
import { renderEnglish } from '../../../src/i18n/render';
import { englishThrown } from '../../fixtures/englishError';
import path from 'node:path';
import { encode as encodePng } from 'fast-png';
import { gzipSync } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { decodeImage, decodeMask } from '../../../src/imaging';
import { pillowLuma } from '../../../src/imaging/grey';

const CASES = path.resolve(__dirname, '../../../../shared/conformance/ultrasound/cases');
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(path.join(CASES, name)));

/** Builds an uncompressed BMP (BITMAPINFOHEADER, optional BITFIELDS masks and palette). */
function bmp(opts: {
  width: number;
  height: number;
  bpp: number;
  rows: number[][];
  palette?: number[][];
  topDown?: boolean;
  masks?: number[];
}): Uint8Array {
  const { width, height, bpp, rows, palette = [], topDown = false, masks } = opts;
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  const extra = masks ? 12 : 0;
  const offset = 14 + 40 + extra + palette.length * 4;
  const size = offset + stride * height;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b[0] = 0x42;
  b[1] = 0x4d;
  dv.setUint32(2, size, true);
  dv.setUint32(10, offset, true);
  dv.setUint32(14, 40, true);
  dv.setInt32(18, width, true);
  dv.setInt32(22, topDown ? -height : height, true);
  dv.setUint16(26, 1, true);
  dv.setUint16(28, bpp, true);
  dv.setUint32(30, masks ? 3 : 0, true);
  dv.setUint32(46, palette.length, true);
  masks?.forEach((m, i) => dv.setUint32(54 + 4 * i, m, true));
  palette.forEach(([r, g, bl], i) => b.set([bl, g, r, 0], 54 + extra + 4 * i));
  rows.forEach((row, y) => {
    const fileRow = topDown ? y : height - 1 - y;
    b.set(row, offset + fileRow * stride);
  });
  return b;
}

/**
 * Builds an uncompressed little-endian single-strip TIFF; `colorMap` (3 × 2^bits 16-bit values) makes
 * it a palette image.
 */
function tiff(
  width: number,
  height: number,
  spp: number,
  bits: number,
  samples: number[],
  sampleFormat = 1,
  colorMap?: number[],
): Uint8Array {
  const bytesPer = bits / 8;
  const dataLen = samples.length * bytesPer;
  const photometric = colorMap ? 3 : spp === 3 ? 2 : 1;
  const entries: [number, number, number, number][] = [
    [256, 3, 1, width],
    [257, 3, 1, height],
    [258, 3, 1, bits],
    [259, 3, 1, 1],
    [262, 3, 1, photometric],
    [273, 4, 1, 8],
    [277, 3, 1, spp],
    [278, 3, 1, height],
    [279, 4, 1, dataLen],
    [339, 3, 1, sampleFormat],
  ];
  const ifdOffset = 8 + dataLen + (dataLen % 2);
  const nEntries = entries.length + (colorMap ? 1 : 0);
  const mapOffset = ifdOffset + 2 + nEntries * 12 + 4;
  const total = mapOffset + (colorMap ? colorMap.length * 2 : 0);
  if (colorMap) entries.push([320, 3, colorMap.length, mapOffset]);
  const b = new Uint8Array(total);
  const dv = new DataView(b.buffer);
  b.set([0x49, 0x49, 42, 0]);
  dv.setUint32(4, ifdOffset, true);
  samples.forEach((v, i) => {
    if (bits === 8) dv.setUint8(8 + i, v);
    else if (bits === 16) dv.setUint16(8 + 2 * i, v & 0xffff, true);
    else dv.setFloat32(8 + 4 * i, v, true);
  });
  dv.setUint16(ifdOffset, entries.length, true);
  entries.forEach(([tag, type, count, value], i) => {
    const p = ifdOffset + 2 + 12 * i;
    dv.setUint16(p, tag, true);
    dv.setUint16(p + 2, type, true);
    dv.setUint32(p + 4, count, true);
    if (type === 3 && count === 1) dv.setUint16(p + 8, value, true);
    else dv.setUint32(p + 8, value, true);
  });
  colorMap?.forEach((v, i) => dv.setUint16(mapOffset + 2 * i, v, true));
  return b;
}

describe('colour to grey (Pillow convert("L"))', () => {
  it('uses Pillow fixed-point luma: (R*19595 + G*38470 + B*7471 + 0x8000) >> 16', () => {
    // Values Pillow gives for pure red, green, blue, white and a mixed colour.
    expect(pillowLuma(255, 0, 0)).toBe(76);
    expect(pillowLuma(0, 255, 0)).toBe(150);
    expect(pillowLuma(0, 0, 255)).toBe(29);
    expect(pillowLuma(255, 255, 255)).toBe(255);
    expect(pillowLuma(10, 20, 30)).toBe(18);
    for (let v = 0; v < 256; v++) expect(pillowLuma(v, v, v)).toBe(v);
  });

  const rgbCases = readdirSync(CASES).filter((f) => f.endsWith('_rgb.png'));
  it('finds the four BUSI colour cases', () => expect(rgbCases).toHaveLength(4));
  for (const name of rgbCases) {
    it(`${name} converts to exactly the pixels of its _image.png`, () => {
      const colour = decodeImage(file(name), name);
      const grey = decodeImage(file(name.replace('_rgb', '_image')));
      expect(colour.info.channels).toBe(3);
      expect(colour.info.photometric).toBe('rgb');
      expect(grey.info.channels).toBe(1);
      expect(colour.image.size).toEqual(grey.image.size);
      expect(colour.image.data).toEqual(grey.image.data);
    });
  }
});

describe('PNG', () => {
  it('reads the study cases as 8-bit grey with pixel spacing and display RGBA', () => {
    const r = decodeImage(file('case_000_image.png'), 'case_000_image.png');
    expect(r.info).toMatchObject({ format: 'png', bitDepth: 8, channels: 1, photometric: 'grey', frames: 1 });
    expect(r.info.spacing).toMatchObject({ row: 1, col: 1, unit: 'px' });
    expect(r.image.spacing).toEqual([1, 1, 1]);
    expect(r.image.size[0]).toBe(1);
    expect(r.rgba).toHaveLength(r.info.width * r.info.height * 4);
    expect(r.rgba![0]).toBe(r.image.data[0]);
  });

  it('keeps 16-bit grey values, expands palettes, ignores alpha, scales 1-bit grey', () => {
    const g16 = encodePng({
      width: 3,
      height: 1,
      depth: 16,
      channels: 1,
      data: new Uint16Array([0, 1000, 65535]),
    });
    const r16 = decodeImage(g16);
    expect([...r16.image.data]).toEqual([0, 1000, 65535]);
    expect(r16.info.bitDepth).toBe(16);
    // Display windows 0..65535 onto 0..255: 1000 → 3.89 → 4.
    expect(r16.rgba![4]).toBe(4);
    const pal = encodePng({
      width: 3,
      height: 1,
      depth: 8,
      channels: 1,
      data: new Uint8Array([0, 1, 2]),
      palette: [
        [255, 0, 0],
        [0, 255, 0],
        [40, 40, 40],
      ],
    });
    const rp = decodeImage(pal);
    expect([...rp.image.data]).toEqual([76, 150, 40]);
    expect(rp.info.photometric).toBe('palette');
    const rgba = encodePng({
      width: 2,
      height: 1,
      depth: 8,
      channels: 4,
      data: new Uint8Array([0, 255, 0, 0, 9, 9, 9, 128]),
    });
    const ra = decodeImage(rgba);
    expect([...ra.image.data]).toEqual([150, 9]);
    expect(ra.info.warnings.map(renderEnglish).join(' ')).toMatch(/alpha/);
    const ga = encodePng({
      width: 2,
      height: 1,
      depth: 8,
      channels: 2,
      data: new Uint8Array([7, 0, 200, 255]),
    });
    expect([...decodeImage(ga).image.data]).toEqual([7, 200]);
    // 16-bit colour and grey+alpha: Pillow keeps the high byte (modes RGB, LA), then converts.
    const rgb16 = encodePng({
      width: 1,
      height: 1,
      depth: 16,
      channels: 3,
      data: new Uint16Array([0xffff, 0x00ff, 0x1234]),
    });
    expect([...decodeImage(rgb16).image.data]).toEqual([pillowLuma(255, 0, 0x12)]);
    const la16 = encodePng({
      width: 1,
      height: 1,
      depth: 16,
      channels: 2,
      data: new Uint16Array([0xabcd, 0xffff]),
    });
    expect([...decodeImage(la16).image.data]).toEqual([0xab]);
    const bit = encodePng({
      width: 3,
      height: 2,
      depth: 1,
      channels: 1,
      data: new Uint8Array([0b10100000, 0b01100000]),
    });
    expect([...decodeImage(bit).image.data]).toEqual([255, 0, 255, 0, 255, 255]);
  });

  it('reports truncated PNGs', () => {
    const f = file('case_000_image.png');
    expect(englishThrown(() => decodeImage(f.subarray(0, 60), 'cut.png'))).toMatch(
      /PNG file could not be decoded.*truncated or damaged/,
    );
  });
});

describe('JPEG', () => {
  it('decodes grey and colour JPEG; grey JPEG keeps its values through the luma', () => {
    const w = 8;
    const data = new Uint8Array(w * w * 4);
    for (let i = 0; i < w * w; i++) data.set([100, 100, 100, 255], 4 * i);
    const jpg = new Uint8Array(encodeJpeg({ width: w, height: w, data }, 100).data);
    const r = decodeImage(jpg, 'x.jpg');
    expect(r.info.format).toBe('jpeg');
    expect(r.image.size).toEqual([1, 8, 8]);
    for (const v of r.image.data) expect(Math.abs(v - 100)).toBeLessThanOrEqual(1);
    expect(r.info.channels).toBe(3);
  });

  it('rejects truncated JPEG and unsupported kinds', () => {
    const data = new Uint8Array(16 * 16 * 4).fill(80);
    const jpg = new Uint8Array(encodeJpeg({ width: 16, height: 16, data }, 90).data);
    expect(englishThrown(() => decodeImage(jpg.subarray(0, jpg.length - 10)))).toMatch(/truncated/);
    expect(englishThrown(() => decodeImage(jpg.subarray(0, 30)))).toMatch(/truncated/);
    const lossless = jpg.slice();
    const sof = lossless.findIndex((b, i) => b === 0xff && lossless[i + 1] === 0xc0);
    lossless[sof + 1] = 0xc3;
    expect(englishThrown(() => decodeImage(lossless))).toMatch(/lossless \(SOF3\)/);
  });
});

describe('BMP', () => {
  it('decodes 24-bit bottom-up and top-down identically', () => {
    const rows = [
      [0, 0, 255, 0, 255, 0, 0, 0, 0],
      [255, 0, 0, 30, 20, 10, 0, 0, 0],
    ]; // BGR per pixel, rows padded to 8 bytes (2 px × 3 = 6 → 8)
    const padded = rows.map((r) => [...r.slice(0, 6), 0, 0]);
    const up = decodeImage(bmp({ width: 2, height: 2, bpp: 24, rows: padded }), 'a.bmp');
    const down = decodeImage(bmp({ width: 2, height: 2, bpp: 24, rows: padded, topDown: true }));
    expect([...up.image.data]).toEqual([76, 150, 29, 18]);
    expect(down.image.data).toEqual(up.image.data);
    expect(up.info).toMatchObject({ format: 'bmp', bitDepth: 24, photometric: 'rgb' });
  });

  it('decodes 1/4/8-bit palettes and 16/32-bit BI_RGB and BITFIELDS', () => {
    const grey = Array.from({ length: 256 }, (_, i) => [i, i, i]);
    const p8 = decodeImage(bmp({ width: 3, height: 1, bpp: 8, rows: [[5, 100, 255, 0]], palette: grey }));
    expect([...p8.image.data]).toEqual([5, 100, 255]);
    expect(p8.info.photometric).toBe('palette (grey)');
    const p4 = decodeImage(
      bmp({
        width: 3,
        height: 1,
        bpp: 4,
        rows: [[0x12, 0x00]],
        palette: [
          [0, 0, 0],
          [255, 0, 0],
          [0, 0, 255],
        ],
      }),
    );
    expect([...p4.image.data]).toEqual([76, 29, 0]);
    const p1 = decodeImage(
      bmp({
        width: 3,
        height: 1,
        bpp: 1,
        rows: [[0b10100000]],
        palette: [
          [0, 0, 0],
          [255, 255, 255],
        ],
      }),
    );
    expect([...p1.image.data]).toEqual([255, 0, 255]);
    // 32-bit BI_RGB: B G R X.
    const b32 = decodeImage(bmp({ width: 2, height: 1, bpp: 32, rows: [[0, 255, 0, 0, 30, 20, 10, 99]] }));
    expect([...b32.image.data]).toEqual([150, 18]);
    // 16-bit 5-6-5 BITFIELDS: pure green 0x07E0 and white 0xFFFF.
    const b16 = decodeImage(
      bmp({
        width: 2,
        height: 1,
        bpp: 16,
        rows: [[0xe0, 0x07, 0xff, 0xff]],
        masks: [0xf800, 0x07e0, 0x001f],
      }),
    );
    expect([...b16.image.data]).toEqual([150, 255]);
    // 16-bit BI_RGB 5-5-5: pure red 0x7C00.
    const b555 = decodeImage(bmp({ width: 1, height: 1, bpp: 16, rows: [[0x00, 0x7c, 0, 0]] }));
    expect([...b555.image.data]).toEqual([76]);
  });

  it('rejects truncated and RLE-compressed BMPs', () => {
    const ok = bmp({
      width: 4,
      height: 4,
      bpp: 24,
      rows: Array.from({ length: 4 }, () => new Array(12).fill(9)),
    });
    expect(englishThrown(() => decodeImage(ok.subarray(0, ok.length - 5)))).toMatch(/BMP file is truncated/);
    const rle = ok.slice();
    new DataView(rle.buffer).setUint32(30, 1, true);
    expect(englishThrown(() => decodeImage(rle))).toMatch(/RLE8-compressed.*uncompressed BMP or as PNG/);
  });
});

describe('TIFF', () => {
  it('decodes 8-bit RGB, 16-bit grey and float grey', () => {
    const rgb = decodeImage(tiff(2, 1, 3, 8, [255, 0, 0, 0, 255, 0]), 'a.tif');
    expect(rgb.info).toMatchObject({ format: 'tiff', channels: 3, photometric: 'RGB' });
    expect([...rgb.image.data]).toEqual([76, 150]);
    const g16 = decodeImage(tiff(3, 1, 1, 16, [0, 1234, 65535]));
    expect([...g16.image.data]).toEqual([0, 1234, 65535]);
    expect(g16.info.bitDepth).toBe(16);
    const s16 = decodeImage(tiff(2, 1, 1, 16, [-5, 300], 2));
    expect([...s16.image.data]).toEqual([-5, 300]);
    const f32 = decodeImage(tiff(2, 1, 1, 32, [0.5, -2.25], 3));
    expect([...f32.image.data]).toEqual([0.5, -2.25]);
    expect(f32.rgba).toHaveLength(8);
  });

  it('expands 8-bit palette TIFFs (16-bit colour map → 8 bits) before the luma', () => {
    const map = new Array(3 * 256).fill(0);
    map[1] = 0xffff; // index 1: red
    map[256 + 2] = 0xffff; // index 2: green
    map[2 * 256 + 3] = 0x80ff; // index 3: blue 128
    const r = decodeImage(tiff(4, 1, 1, 8, [0, 1, 2, 3], 1, map));
    expect(r.info.photometric).toBe('palette');
    expect([...r.image.data]).toEqual([0, 76, 150, pillowLuma(0, 0, 128)]);
    expect([...decodeMask(tiff(4, 1, 1, 8, [0, 1, 0, 3], 1, map)).mask.data]).toEqual([0, 1, 0, 1]);
  });

  it('reports truncated TIFFs', () => {
    const t = tiff(20, 20, 1, 8, new Array(400).fill(1));
    expect(englishThrown(() => decodeImage(t.subarray(0, 200)))).toMatch(/TIFF file could not be decoded/);
  });
});

describe('format detection and errors', () => {
  it('detects by magic bytes, not by name, and warns about a misleading extension', () => {
    const png = file('case_000_image.png');
    const r = decodeImage(png, 'scan.jpg');
    expect(r.info.format).toBe('png');
    expect(r.info.warnings.map(renderEnglish).join(' ')).toMatch(/ends in "\.jpg" but the content is PNG/);
  });

  it('explains empty, text, HTML, PDF and unknown binary files', () => {
    expect(englishThrown(() => decodeImage(new Uint8Array(), 'a.png'))).toMatch(
      /"a\.png" is empty \(0 bytes\)/,
    );
    expect(englishThrown(() => decodeImage(new TextEncoder().encode('id,value\n1,2\n'), 'x.png'))).toMatch(
      'The file "x.png" is not a PNG, JPEG, BMP, TIFF, DICOM, NRRD or NIfTI image (it starts with text). Export the ultrasound image as PNG or DICOM and try again.',
    );
    expect(
      englishThrown(() => decodeImage(new TextEncoder().encode('<html><body>login</body></html>'))),
    ).toMatch(/HTML/);
    expect(englishThrown(() => decodeImage(new TextEncoder().encode('%PDF-1.7\n')))).toMatch(/PDF document/);
    expect(englishThrown(() => decodeImage(new TextEncoder().encode('GIF89a....')))).toMatch(/GIF image/);
    expect(englishThrown(() => decodeImage(new Uint8Array([0, 1, 2, 3, 250, 251])))).toMatch(
      /starts with bytes 00 01 02 03/,
    );
  });

  it('reads gzip-wrapped images', () => {
    const png = file('case_000_image.png');
    expect(decodeImage(gzipSync(png)).image.data).toEqual(decodeImage(png).image.data);
  });
});

describe('decodeMask on 2-D masks', () => {
  it('turns a 0/255 PNG into a 0/1 mask with label 1', () => {
    const m = decodeMask(file('case_000_mask.png'), 'case_000_mask.png');
    expect(m.label).toBe(1);
    expect(m.labels).toEqual([255]);
    expect(m.format).toBe('png');
    expect(new Set(m.mask.data)).toEqual(new Set([0, 1]));
  });

  it('reports several labels and selects one when asked', () => {
    const png = encodePng({ width: 4, height: 1, depth: 8, channels: 1, data: new Uint8Array([0, 1, 2, 2]) });
    const all = decodeMask(png);
    expect(all.labels).toEqual([1, 2]);
    expect([...all.mask.data]).toEqual([0, 1, 1, 1]);
    expect(all.warnings.map(renderEnglish).join(' ')).toMatch(/several/);
    const two = decodeMask(png, undefined, { label: 2 });
    expect([...two.mask.data]).toEqual([0, 0, 1, 1]);
  });

  it('uses palette indices, colour channels and rejects empty masks', () => {
    const pal = encodePng({
      width: 3,
      height: 1,
      depth: 8,
      channels: 1,
      data: new Uint8Array([0, 1, 0]),
      palette: [
        [255, 255, 255],
        [0, 0, 1],
      ],
    });
    expect([...decodeMask(pal).mask.data]).toEqual([0, 1, 0]);
    const blue = encodePng({
      width: 2,
      height: 1,
      depth: 8,
      channels: 3,
      data: new Uint8Array([0, 0, 1, 0, 0, 0]),
    });
    expect([...decodeMask(blue).mask.data]).toEqual([1, 0]);
    const empty = encodePng({ width: 2, height: 1, depth: 8, channels: 1, data: new Uint8Array(2) });
    expect(englishThrown(() => decodeMask(empty, 'm.png'))).toMatch(/mask "m\.png" is empty/);
  });
});
