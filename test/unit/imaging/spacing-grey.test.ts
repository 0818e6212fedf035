import { describe, expect, it } from 'vitest';
import { renderEnglish } from '../../../src/i18n/render';
import { englishThrown } from '../../fixtures/englishError';
import { finiteRange, greyToRgba, paletteToRgb, rasterToRgba } from '../../../src/imaging/grey';
import { pixelUnits, regionSpacing } from '../../../src/imaging/spacing';

const region = (over: Partial<Parameters<typeof regionSpacing>[0][number]>) => ({
  minX0: 0,
  minY0: 0,
  maxX1: 9,
  maxY1: 9,
  unitsX: 3,
  unitsY: 3,
  deltaX: 0.01,
  deltaY: 0.01,
  ...over,
});

describe('regionSpacing', () => {
  it('converts cm to mm and warns when regions disagree', () => {
    const r = regionSpacing([region({}), region({ minY0: 10, maxY1: 29, deltaX: 0.02, deltaY: 0.03 })]);
    expect(r.spacing).toMatchObject({ col: 0.2, row: 0.3, unit: 'mm' });
    expect(r.warnings.map(renderEnglish).join(' ')).toMatch(
      /2 different calibrations; the largest region was used/,
    );
  });

  it('returns no spacing and names the units when no region is in cm', () => {
    expect(regionSpacing([])).toEqual({ spacing: null, warnings: [] });
    const r = regionSpacing([region({ unitsX: 4, unitsY: 7 })]);
    expect(r.spacing).toBeNull();
    expect(r.warnings.map(renderEnglish)).toEqual([
      'No ultrasound region is calibrated in cm (region units x/y: seconds/cm/sec).',
    ]);
    expect(pixelUnits()).toMatchObject({ row: 1, col: 1, unit: 'px' });
  });

  it('ignores regions with a zero or missing delta', () => {
    expect(regionSpacing([region({ deltaX: 0 }), region({ deltaY: Number.NaN })]).spacing).toBeNull();
  });
});

describe('display helpers', () => {
  it('shows 0–255 integers directly and windows other ranges', () => {
    expect([...greyToRgba([0, 128, 255]).filter((_, i) => i % 4 === 0)]).toEqual([0, 128, 255]);
    expect([...greyToRgba([-1000, 0, 1000]).filter((_, i) => i % 4 === 0)]).toEqual([0, 128, 255]);
    expect([...greyToRgba([5, 5]).filter((_, i) => i % 4 === 3)]).toEqual([255, 255]);
    expect(finiteRange([])).toEqual([0, 0]);
    expect(finiteRange([3, -2, 7])).toEqual([-2, 7]);
  });

  it('renders 16-bit colour scaled to 8 bits and float grey windowed', () => {
    const rgb16 = rasterToRgba({ width: 1, height: 1, channels: 3, bitDepth: 16, data: [65535, 0, 32768] });
    expect([...rgb16]).toEqual([255, 0, 128, 255]);
    const f = rasterToRgba({ width: 2, height: 1, channels: 1, bitDepth: 32, isFloat: true, data: [-1, 1] });
    expect([...f]).toEqual([0, 0, 0, 255, 255, 255, 255, 255]);
  });

  it('rejects palette indices beyond the palette', () => {
    expect(
      englishThrown(() =>
        paletteToRgb(
          [0, 2],
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
        ),
      ),
    ).toMatch(/colour 2 but the palette has only 2 entries/);
  });
});
