import { describe, expect, it } from 'vitest';
import { packGrey, unpackGrey } from '../../../src/imaging/transfer';
import { extractFeatures } from '../../../src/radiomics/extract';
import type { ImageVolume } from '../../../src/radiomics/types';

const volume = (values: number[]): ImageVolume => ({
  data: Float64Array.from(values),
  size: [1, 1, values.length],
  spacing: [1, 1, 1],
});

/** Bit patterns, so −0 and NaN payloads count. */
const bits = (a: ArrayLike<number>) => [...new Uint32Array(Float64Array.from(a).buffer)];

describe('packGrey / unpackGrey (images sent to a worker)', () => {
  const cases: [string, number[], string][] = [
    ['8-bit', [0, 1, 127, 255], 'Uint8Array'],
    ['16-bit unsigned', [0, 256, 4095, 65535], 'Uint16Array'],
    ['16-bit signed (CT-like)', [-1024, 0, 3071, -32768, 32767], 'Int16Array'],
    ['fractional (rescaled DICOM)', [0.5, 1, 2], 'Float64Array'],
    ['beyond 16 bits', [0, 70000], 'Float64Array'],
    ['−0 (would come back as +0 in an integer array)', [1, -0, 2], 'Float64Array'],
    ['NaN', [1, Number.NaN], 'Float64Array'],
    ['8-bit except the last value', [...Array(99).fill(7), 300], 'Uint16Array'],
  ];
  for (const [what, values, type] of cases) {
    it(`${what}: ${type}, and back bit for bit`, () => {
      const image = volume(values);
      const packed = packGrey(image);
      expect(packed.data.constructor.name).toBe(type);
      expect(packed.size).toEqual(image.size);
      const back = unpackGrey(packed);
      expect(back.data).toBeInstanceOf(Float64Array);
      expect(bits(back.data)).toEqual(bits(image.data));
    });
  }

  it('never shares memory with the image it packs (the copy is transferred away)', () => {
    const image = volume([1.5, 2.5]);
    const packed = packGrey(image);
    (packed.data as Float64Array)[0] = 9;
    expect(image.data[0]).toBe(1.5);
  });

  it('gives the engine the same features as the original image', () => {
    const n = 24;
    const data = Float64Array.from({ length: n * n }, (_, i) => (i * 37) % 251);
    const image: ImageVolume = { data, size: [1, n, n], spacing: [1, 0.1, 0.1] };
    const mask = {
      data: Uint8Array.from({ length: n * n }, (_, i) =>
        Math.hypot((i % n) - 12, Math.floor(i / n) - 12) < 8 ? 1 : 0,
      ),
      size: image.size,
      spacing: image.spacing,
    };
    const packed = packGrey(image);
    expect(packed.data).toBeInstanceOf(Uint8Array);
    const a = extractFeatures(image, mask);
    const b = extractFeatures(unpackGrey(packed), mask);
    expect(a.features).toHaveLength(107);
    expect(b.features).toEqual(a.features);
    expect(b.diagnostics.find(([k]) => k.includes('Hash'))).toEqual(
      a.diagnostics.find(([k]) => k.includes('Hash')),
    );
  });
});
