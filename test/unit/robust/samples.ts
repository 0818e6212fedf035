/**
 * Small valid image files of every supported format, built in memory, as seeds for the decoder fuzz
 * and for the explicit bad-input tests: PNG (fast-png), JPEG (jpeg-js), BMP, TIFF, NRRD and NIfTI
 * written by hand here, DICOM with the imaging tests' writer. Pure TypeScript.
 */
import { encode as encodePng } from 'fast-png';
import { gzipSync } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';
import type { ImageFormat } from '../../../src/imaging';
import { writeDicom } from '../imaging/dicomWriter';
import { mulberry32 } from './roiGen';

/** A named seed file. */
export interface Sample {
  name: string;
  bytes: Uint8Array;
  /** Frame to request (multi-frame DICOM, multi-page TIFF). */
  frame?: number;
}

/** Deterministic pseudo-random integers in [0, max]. */
function noise(n: number, max: number, seed: number): number[] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => Math.floor(rnd() * (max + 1)));
}

/** Smooth-ish 8-bit test pattern (gradient plus noise), `channels` samples per pixel. */
function pattern(w: number, h: number, channels: number, seed: number): Uint8Array {
  const rnd = mulberry32(seed);
  const out = new Uint8Array(w * h * channels);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++)
      for (let c = 0; c < channels; c++)
        out[(y * w + x) * channels + c] = (x * 9 + y * 5 + c * 40 + Math.floor(rnd() * 30)) & 0xff;
  return out;
}

/** Options of {@link writeBmp}. */
export interface BmpOptions {
  width: number;
  height: number;
  bpp: 1 | 4 | 8 | 16 | 24 | 32;
  /** Raw row bytes in top-to-bottom order, without padding. */
  rows: number[][];
  palette?: number[][];
  topDown?: boolean;
  /** BI_BITFIELDS masks (R, G, B). */
  masks?: number[];
  /** Use the 12-byte OS/2 core header (no compression field, 3-byte palette entries). */
  core?: boolean;
}

/** Writes an uncompressed BMP (INFO or OS/2 core header, optional bit-field masks and palette). */
export function writeBmp(o: BmpOptions): Uint8Array {
  const { width, height, bpp, rows, palette = [], topDown = false, masks, core = false } = o;
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  const dib = core ? 12 : 40;
  const extra = masks ? 12 : 0;
  const entry = core ? 3 : 4;
  const offset = 14 + dib + extra + palette.length * entry;
  const size = offset + stride * height;
  const b = new Uint8Array(size);
  const dv = new DataView(b.buffer);
  b[0] = 0x42;
  b[1] = 0x4d;
  dv.setUint32(2, size, true);
  dv.setUint32(10, offset, true);
  dv.setUint32(14, dib, true);
  if (core) {
    dv.setUint16(18, width, true);
    dv.setInt16(20, topDown ? -height : height, true);
    dv.setUint16(22, 1, true);
    dv.setUint16(24, bpp, true);
  } else {
    dv.setInt32(18, width, true);
    dv.setInt32(22, topDown ? -height : height, true);
    dv.setUint16(26, 1, true);
    dv.setUint16(28, bpp, true);
    dv.setUint32(30, masks ? 3 : 0, true);
    dv.setUint32(46, palette.length, true);
  }
  masks?.forEach((m, i) => dv.setUint32(54 + 4 * i, m, true));
  palette.forEach(([r, g, bl], i) => b.set(core ? [bl, g, r] : [bl, g, r, 0], 14 + dib + extra + entry * i));
  rows.forEach((row, y) => b.set(row, offset + (topDown ? y : height - 1 - y) * stride));
  return b;
}

/** Options of {@link writeTiff}. */
export interface TiffOptions {
  width: number;
  height: number;
  /** Samples per pixel (1 grey/palette, 3 RGB). */
  spp: 1 | 3;
  bits: 8 | 16 | 32 | 64;
  /** Samples in file order (row-major, interleaved). */
  samples: ArrayLike<number>;
  /** 1 unsigned integer, 2 signed integer, 3 IEEE float. */
  sampleFormat?: 1 | 2 | 3;
  /** Big-endian ("MM") instead of little-endian ("II"). */
  bigEndian?: boolean;
  /** Rows per strip (default: one strip). */
  rowsPerStrip?: number;
  /** Colour map for a palette image (photometric 3), 3·2^bits 16-bit values. */
  colorMap?: number[];
}

/**
 * Writes a minimal uncompressed TIFF (the `tiff` package has no encoder): one IFD with
 * ImageWidth, ImageLength, BitsPerSample, Compression = 1, Photometric, StripOffsets, SamplesPerPixel,
 * RowsPerStrip, StripByteCounts, SampleFormat (and ColorMap for palette images).
 */
export function writeTiff(o: TiffOptions): Uint8Array {
  const le = !o.bigEndian;
  const bytesPer = o.bits / 8;
  const rowBytes = o.width * o.spp * bytesPer;
  const rowsPerStrip = o.rowsPerStrip ?? o.height;
  const strips = Math.ceil(o.height / rowsPerStrip);
  const dataLen = o.samples.length * bytesPer;
  const photometric = o.colorMap ? 3 : o.spp === 3 ? 2 : 1;
  // Layout: header (8) | pixel data | strip offsets | strip byte counts | bits per sample | colour map | IFD
  let p = 8 + dataLen + (dataLen % 2);
  const offsetsAt = p;
  p += 4 * strips;
  const countsAt = p;
  p += 4 * strips;
  const bitsAt = p;
  p += 2 * o.spp;
  const mapAt = p;
  p += o.colorMap ? 2 * o.colorMap.length : 0;
  p += p % 2;
  const ifdAt = p;
  type Entry = [tag: number, type: number, count: number, value: number];
  const entries: Entry[] = [
    [256, 4, 1, o.width],
    [257, 4, 1, o.height],
    [258, 3, o.spp, o.spp === 1 ? o.bits : bitsAt],
    [259, 3, 1, 1],
    [262, 3, 1, photometric],
    [273, 4, strips, strips === 1 ? 8 : offsetsAt],
    [277, 3, 1, o.spp],
    [278, 4, 1, rowsPerStrip],
    [279, 4, strips, strips === 1 ? dataLen : countsAt],
  ];
  if (o.colorMap) entries.push([320, 3, o.colorMap.length, mapAt]);
  entries.push([339, 3, 1, o.sampleFormat ?? 1]);
  const total = ifdAt + 2 + 12 * entries.length + 4;
  const b = new Uint8Array(total);
  const dv = new DataView(b.buffer);
  b.set(le ? [0x49, 0x49, 42, 0] : [0x4d, 0x4d, 0, 42]);
  dv.setUint32(4, ifdAt, le);
  for (let i = 0; i < o.samples.length; i++) {
    const v = o.samples[i];
    const at = 8 + i * bytesPer;
    if (o.sampleFormat === 3) {
      if (o.bits === 32) dv.setFloat32(at, v, le);
      else dv.setFloat64(at, v, le);
    } else if (o.bits === 8) dv.setUint8(at, v & 0xff);
    else if (o.bits === 16) dv.setUint16(at, v & 0xffff, le);
    else dv.setUint32(at, v >>> 0, le);
  }
  for (let s = 0; s < strips; s++) {
    dv.setUint32(offsetsAt + 4 * s, 8 + s * rowsPerStrip * rowBytes, le);
    const rows = Math.min(rowsPerStrip, o.height - s * rowsPerStrip);
    dv.setUint32(countsAt + 4 * s, rows * rowBytes, le);
  }
  for (let s = 0; s < o.spp; s++) dv.setUint16(bitsAt + 2 * s, o.bits, le);
  o.colorMap?.forEach((v, i) => dv.setUint16(mapAt + 2 * i, v, le));
  dv.setUint16(ifdAt, entries.length, le);
  entries.forEach(([tag, type, count, value], i) => {
    const at = ifdAt + 2 + 12 * i;
    dv.setUint16(at, tag, le);
    dv.setUint16(at + 2, type, le);
    dv.setUint32(at + 4, count, le);
    if (type === 3 && count === 1) dv.setUint16(at + 8, value, le);
    else dv.setUint32(at + 8, value, le);
  });
  return b;
}

/** Writes an NRRD file with attached data: magic, the header lines, a blank line, the payload. */
export function writeNrrd(header: string[], payload: Uint8Array): Uint8Array {
  const head = new TextEncoder().encode(['NRRD0004', ...header, '', ''].join('\n'));
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/** Options of {@link writeNifti}. */
export interface NiftiOptions {
  /** dim[0..7]. */
  dim: number[];
  /** 2 uint8, 4 int16, 16 float32, 512 uint16. */
  datatype: 2 | 4 | 16 | 512;
  pixdim: number[];
  values: ArrayLike<number>;
  little?: boolean;
  slope?: number;
  inter?: number;
  qform?: boolean;
}

/** Writes a single-file NIfTI-1 volume (vox_offset 352). */
export function writeNifti(o: NiftiOptions): Uint8Array {
  const le = o.little ?? true;
  const bitpix = { 2: 8, 4: 16, 16: 32, 512: 16 }[o.datatype];
  const bytesPer = bitpix / 8;
  const out = new Uint8Array(352 + o.values.length * bytesPer);
  const dv = new DataView(out.buffer);
  dv.setInt32(0, 348, le);
  o.dim.forEach((d, i) => dv.setInt16(40 + 2 * i, d, le));
  dv.setInt16(70, o.datatype, le);
  dv.setInt16(72, bitpix, le);
  o.pixdim.forEach((v, i) => dv.setFloat32(76 + 4 * i, v, le));
  dv.setFloat32(108, 352, le);
  dv.setFloat32(112, o.slope ?? 0, le);
  dv.setFloat32(116, o.inter ?? 0, le);
  out[123] = 2;
  if (o.qform) {
    dv.setInt16(252, 1, le);
    dv.setFloat32(256, 0, le);
    dv.setFloat32(260, 0, le);
    dv.setFloat32(264, 1, le);
    [5, -7, 2].forEach((v, i) => dv.setFloat32(268 + 4 * i, v, le));
  }
  out.set([0x6e, 0x2b, 0x31, 0], 344); // "n+1\0"
  for (let i = 0; i < o.values.length; i++) {
    const at = 352 + i * bytesPer;
    const v = o.values[i];
    if (o.datatype === 2) dv.setUint8(at, v);
    else if (o.datatype === 4) dv.setInt16(at, v, le);
    else if (o.datatype === 512) dv.setUint16(at, v, le);
    else dv.setFloat32(at, v, le);
  }
  return out;
}

/** Little-endian bytes of 16-bit samples. */
function u16le(values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 2);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setUint16(2 * i, v, true));
  return out;
}

/** A JPEG (baseline, 4:2:0 as jpeg-js writes it) of a w × h pattern; grey when `grey`. */
function jpeg(w: number, h: number, grey: boolean, quality: number, seed: number): Uint8Array {
  const rgb = pattern(w, h, 3, seed);
  const rgba = new Uint8Array(w * h * 4);
  for (let i = 0; i < w * h; i++) {
    const v = grey ? [rgb[3 * i], rgb[3 * i], rgb[3 * i]] : [rgb[3 * i], rgb[3 * i + 1], rgb[3 * i + 2]];
    rgba.set([...v, 255], 4 * i);
  }
  return new Uint8Array(encodeJpeg({ width: w, height: h, data: rgba }, quality).data);
}

/** Seed files of each format (each decodes to a valid image). */
export function seedSamples(): Record<ImageFormat, Sample[]> {
  const grey256 = Array.from({ length: 256 }, (_, i) => [i, i, i]);
  const w = 12;
  const h = 9;
  const row24 = (y: number): number[] => {
    const r = [...pattern(w, 1, 3, 100 + y)];
    return r;
  };
  return {
    png: [
      {
        name: 'grey8.png',
        bytes: encodePng({ width: w, height: h, depth: 8, channels: 1, data: pattern(w, h, 1, 1) }),
      },
      {
        name: 'rgb8.png',
        bytes: encodePng({ width: w, height: h, depth: 8, channels: 3, data: pattern(w, h, 3, 2) }),
      },
      {
        name: 'rgba8.png',
        bytes: encodePng({ width: w, height: h, depth: 8, channels: 4, data: pattern(w, h, 4, 3) }),
      },
      {
        name: 'grey16.png',
        bytes: encodePng({
          width: w,
          height: h,
          depth: 16,
          channels: 1,
          data: Uint16Array.from(noise(w * h, 65535, 4)),
        }),
      },
      {
        name: 'palette.png',
        bytes: encodePng({
          width: w,
          height: h,
          depth: 8,
          channels: 1,
          data: Uint8Array.from(noise(w * h, 3, 5)),
          palette: [
            [0, 0, 0],
            [255, 0, 0],
            [0, 128, 255],
            [200, 200, 200],
          ],
        }),
      },
      {
        name: 'bits1.png',
        bytes: encodePng({
          width: 16,
          height: 4,
          depth: 1,
          channels: 1,
          data: Uint8Array.from(noise(8, 255, 6)),
        }),
      },
    ],
    jpeg: [
      { name: 'grey.jpg', bytes: jpeg(16, 16, true, 90, 7) },
      { name: 'colour.jpg', bytes: jpeg(19, 13, false, 75, 8) },
    ],
    bmp: [
      {
        name: 'rgb24.bmp',
        bytes: writeBmp({
          width: w,
          height: h,
          bpp: 24,
          rows: Array.from({ length: h }, (_, y) => row24(y)),
        }),
      },
      {
        name: 'pal8.bmp',
        bytes: writeBmp({
          width: w,
          height: h,
          bpp: 8,
          rows: Array.from({ length: h }, (_, y) => noise(w, 255, 20 + y)),
          palette: grey256,
          topDown: true,
        }),
      },
      {
        name: 'pal1.bmp',
        bytes: writeBmp({
          width: w,
          height: h,
          bpp: 1,
          rows: Array.from({ length: h }, (_, y) => noise(2, 255, 40 + y)),
          palette: [
            [0, 0, 0],
            [255, 255, 255],
          ],
        }),
      },
      {
        name: 'bf16.bmp',
        bytes: writeBmp({
          width: w,
          height: h,
          bpp: 16,
          rows: Array.from({ length: h }, (_, y) => noise(2 * w, 255, 60 + y)),
          masks: [0xf800, 0x07e0, 0x001f],
        }),
      },
      {
        name: 'rgb32.bmp',
        bytes: writeBmp({
          width: w,
          height: h,
          bpp: 32,
          rows: Array.from({ length: h }, (_, y) => noise(4 * w, 255, 80 + y)),
        }),
      },
      {
        name: 'core8.bmp',
        bytes: writeBmp({
          width: w,
          height: h,
          bpp: 8,
          rows: Array.from({ length: h }, (_, y) => noise(w, 255, 90 + y)),
          palette: grey256,
          core: true,
        }),
      },
    ],
    tiff: [
      {
        name: 'grey8.tif',
        bytes: writeTiff({ width: w, height: h, spp: 1, bits: 8, samples: pattern(w, h, 1, 9) }),
      },
      {
        name: 'grey16.tif',
        bytes: writeTiff({
          width: w,
          height: h,
          spp: 1,
          bits: 16,
          samples: noise(w * h, 65535, 10),
          rowsPerStrip: 4,
        }),
      },
      {
        name: 'float32.tif',
        bytes: writeTiff({
          width: w,
          height: h,
          spp: 1,
          bits: 32,
          sampleFormat: 3,
          samples: noise(w * h, 1000, 11).map((v) => v / 7 - 50),
          bigEndian: true,
        }),
      },
      {
        name: 'rgb8.tif',
        bytes: writeTiff({ width: w, height: h, spp: 3, bits: 8, samples: pattern(w, h, 3, 12) }),
      },
      {
        name: 'palette.tif',
        bytes: writeTiff({
          width: w,
          height: h,
          spp: 1,
          bits: 8,
          samples: noise(w * h, 255, 13),
          colorMap: [...Array(256).keys(), ...Array(256).keys(), ...Array(256).keys()].map((v) => v * 257),
        }),
      },
    ],
    dicom: [
      {
        name: 'explicit8.dcm',
        bytes: writeDicom({ rows: h, columns: w, pixels: pattern(w, h, 1, 14), pixelSpacing: [0.1, 0.1] }),
      },
      {
        name: 'implicit16.dcm',
        bytes: writeDicom({
          rows: h,
          columns: w,
          bitsAllocated: 16,
          bitsStored: 12,
          pixels: noise(w * h, 4095, 15),
          transferSyntax: 'implicit',
          rescaleSlope: 2,
          rescaleIntercept: -100,
        }),
      },
      {
        name: 'bigendian16s.dcm',
        bytes: writeDicom({
          rows: h,
          columns: w,
          bitsAllocated: 16,
          pixelRepresentation: 1,
          pixels: noise(w * h, 2000, 16).map((v) => v - 1000),
          transferSyntax: 'bigEndian',
          photometric: 'MONOCHROME1',
        }),
      },
      {
        name: 'deflated.dcm',
        bytes: writeDicom({ rows: h, columns: w, pixels: pattern(w, h, 1, 17), transferSyntax: 'deflated' }),
      },
      {
        name: 'rgb.dcm',
        bytes: writeDicom({
          rows: h,
          columns: w,
          samplesPerPixel: 3,
          pixels: pattern(w, h, 3, 18),
          regions: [
            {
              minX0: 0,
              minY0: 0,
              maxX1: w - 1,
              maxY1: h - 1,
              unitsX: 3,
              unitsY: 3,
              deltaX: 0.01,
              deltaY: 0.01,
            },
          ],
        }),
      },
      {
        name: 'multiframe.dcm',
        bytes: writeDicom({ rows: h, columns: w, frames: 3, pixels: pattern(w, 3 * h, 1, 19) }),
        frame: 1,
      },
      {
        name: 'jpeg.dcm',
        bytes: writeDicom({
          rows: 16,
          columns: 16,
          transferSyntax: '1.2.840.10008.1.2.4.50',
          photometric: 'YBR_FULL_422',
          samplesPerPixel: 3,
          encapsulatedFrames: [jpeg(16, 16, false, 80, 20)],
        }),
      },
    ],
    nrrd: [
      {
        name: 'raw2d.nrrd',
        bytes: writeNrrd(
          [
            'type: unsigned short',
            'dimension: 2',
            `sizes: ${w} ${h}`,
            'endian: little',
            'encoding: raw',
            'spacings: 0.5 0.5',
          ],
          u16le(noise(w * h, 65535, 21)),
        ),
      },
      {
        name: 'gzip3d.nrrd',
        bytes: writeNrrd(
          [
            'type: short',
            'dimension: 3',
            'space: left-posterior-superior',
            'sizes: 5 4 3',
            'space directions: (0.5,0,0) (0,0.5,0) (0,0,2)',
            'space origin: (1,2,3)',
            'endian: little',
            'encoding: gzip',
          ],
          gzipSync(u16le(noise(60, 3000, 22))),
        ),
      },
      {
        name: 'ascii.nrrd',
        bytes: writeNrrd(
          ['type: float', 'dimension: 2', 'sizes: 4 3', 'encoding: ascii'],
          new TextEncoder().encode(noise(12, 100, 23).join(' ') + '\n'),
        ),
      },
      {
        name: 'hex.nrrd',
        bytes: writeNrrd(
          ['type: uchar', 'dimension: 2', 'sizes: 4 2', 'encoding: hex'],
          new TextEncoder().encode('00 11 22 33 44 55 66 ff\n'),
        ),
      },
    ],
    nifti: [
      {
        name: 'int16.nii',
        bytes: writeNifti({
          dim: [3, w, h, 2, 1, 1, 1, 1],
          datatype: 4,
          pixdim: [1, 0.5, 0.5, 2, 0, 0, 0, 0],
          values: noise(w * h * 2, 2000, 24).map((v) => v - 1000),
          qform: true,
        }),
      },
      {
        name: 'float32be.nii',
        bytes: writeNifti({
          dim: [2, w, h, 1, 1, 1, 1, 1],
          datatype: 16,
          pixdim: [1, 0.3, 0.3, 1, 0, 0, 0, 0],
          values: noise(w * h, 1000, 25).map((v) => v / 3),
          little: false,
          slope: 2,
          inter: 1,
        }),
      },
      {
        name: 'uint8.nii.gz',
        bytes: gzipSync(
          writeNifti({
            dim: [2, w, h, 1, 1, 1, 1, 1],
            datatype: 2,
            pixdim: [1, 1, 1, 1, 0, 0, 0, 0],
            values: noise(w * h, 255, 26),
          }),
        ),
      },
    ],
  };
}
