import fc from 'fast-check';
import { englishRejected } from '../../fixtures/englishError';
import { describe, expect, it } from 'vitest';
import { rasterizePolygon, paintStroke } from '../../../src/roi/rasterize';
import { decodeMask } from '../../../src/imaging';
import { encodeMaskPng, readMaskFile } from '../../../src/roi/maskPng';
import { maskBounds, measureMask, maskOutline } from '../../../src/roi/measure';
import {
  addOp,
  deleteVertex,
  emptyRoi,
  historyOf,
  insertVertex,
  moveVertex,
  pushHistory,
  redo,
  roiExtent,
  roiFromMask,
  roiMask,
  translateRoi,
  undo,
  type Roi,
} from '../../../src/roi/roi';

const rows = (m: Uint8Array, w: number) =>
  Array.from({ length: m.length / w }, (_, y) => Array.from(m.subarray(y * w, y * w + w)).join(''));

describe('polygon rasterisation: pixel centres inside, even-odd rule', () => {
  it('an axis-aligned square on pixel borders covers exactly its pixels', () => {
    const m = rasterizePolygon(
      [
        { x: 1, y: 1 },
        { x: 4, y: 1 },
        { x: 4, y: 3 },
        { x: 1, y: 3 },
      ],
      6,
      5,
    );
    expect(rows(m, 6)).toEqual(['000000', '011100', '011100', '000000', '000000']);
  });

  it('centres on the left/top edge are inside, on the right/bottom edge outside (half-open)', () => {
    // Square from centre (1.5,1.5) to centre (3.5,3.5): left/top column/row in, right/bottom out.
    const m = rasterizePolygon(
      [
        { x: 1.5, y: 1.5 },
        { x: 3.5, y: 1.5 },
        { x: 3.5, y: 3.5 },
        { x: 1.5, y: 3.5 },
      ],
      5,
      5,
    );
    expect(rows(m, 5)).toEqual(['00000', '01100', '01100', '00000', '00000']);
  });

  it('collinear extra vertices change nothing', () => {
    const a = rasterizePolygon(
      [
        { x: 0.2, y: 0.3 },
        { x: 7.7, y: 1.1 },
        { x: 5.1, y: 6.8 },
      ],
      9,
      8,
    );
    const b = rasterizePolygon(
      [
        { x: 0.2, y: 0.3 },
        { x: (0.2 + 7.7) / 2, y: (0.3 + 1.1) / 2 },
        { x: 7.7, y: 1.1 },
        { x: 5.1, y: 6.8 },
        { x: 5.1, y: 6.8 },
      ],
      9,
      8,
    );
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('self-intersecting polygon: the even-odd rule leaves the doubly covered part out', () => {
    // A pentagram: the centre pentagon has winding number 2 → outside by even-odd.
    const c = { x: 20, y: 20 };
    const pts = [0, 2, 4, 1, 3].map((k) => {
      const a = -Math.PI / 2 + (k * 2 * Math.PI) / 5;
      return { x: c.x + 18 * Math.cos(a), y: c.y + 18 * Math.sin(a) };
    });
    const m = rasterizePolygon(pts, 40, 40);
    expect(m[20 * 40 + 20]).toBe(0); // centre of the star: hole
    expect(m[6 * 40 + 20]).toBe(1); // upper point of the star
    // A bow-tie: the two triangles are in, nothing between them.
    const bow = rasterizePolygon(
      [
        { x: 0, y: 0 },
        { x: 10, y: 10 },
        { x: 10, y: 0 },
        { x: 0, y: 10 },
      ],
      10,
      10,
    );
    // Triangles left (0,0)-(0,10)-(5,5) and right (10,0)-(10,10)-(5,5).
    expect(bow[5 * 10 + 1]).toBe(1);
    expect(bow[5 * 10 + 8]).toBe(1);
    expect(bow[1 * 10 + 5]).toBe(0);
    expect(bow[8 * 10 + 5]).toBe(0);
    // Centre (5.5, 5.5) lies exactly on the left edge of the right triangle: inside (half-open rule).
    expect(bow[5 * 10 + 5]).toBe(1);
    expect(bow[5 * 10 + 4]).toBe(0);
  });

  it('sub-pixel polygons: empty unless they contain a pixel centre', () => {
    const tiny = rasterizePolygon(
      [
        { x: 2.1, y: 2.1 },
        { x: 2.4, y: 2.1 },
        { x: 2.4, y: 2.4 },
      ],
      5,
      5,
    );
    expect(tiny.reduce((a, b) => a + b, 0)).toBe(0);
    const around = rasterizePolygon(
      [
        { x: 2.4, y: 2.4 },
        { x: 2.6, y: 2.4 },
        { x: 2.6, y: 2.6 },
        { x: 2.4, y: 2.6 },
      ],
      5,
      5,
    );
    expect(Array.from(around).findIndex((v) => v === 1)).toBe(2 * 5 + 2);
    expect(around.reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('degenerate input: fewer than 3 points or a polygon outside the image gives an empty mask', () => {
    expect(
      rasterizePolygon(
        [
          { x: 1, y: 1 },
          { x: 3, y: 3 },
        ],
        4,
        4,
      ).every((v) => v === 0),
    ).toBe(true);
    const outside = rasterizePolygon(
      [
        { x: -10, y: -10 },
        { x: -5, y: -10 },
        { x: -5, y: -5 },
      ],
      4,
      4,
    );
    expect(outside.every((v) => v === 0)).toBe(true);
  });

  it('brush: pixel centres within the radius of the stroke', () => {
    const m = new Uint8Array(7 * 7);
    paintStroke(m, 7, 7, [{ x: 3.5, y: 3.5 }], 1, 1);
    expect(rows(m, 7)).toEqual(['0000000', '0000000', '0001000', '0011100', '0001000', '0000000', '0000000']);
    paintStroke(m, 7, 7, [{ x: 3.5, y: 3.5 }], 0.5, 0);
    expect(m[3 * 7 + 3]).toBe(0);
  });
});

describe('ROI operations, history and mask round trip', () => {
  const square = (id: string, x: number, y: number, s: number) => ({
    kind: 'polygon' as const,
    id,
    points: [
      { x, y },
      { x: x + s, y },
      { x: x + s, y: y + s },
      { x, y: y + s },
    ],
  });

  it('ops apply in order: eraser after a polygon removes pixels, undo/redo restore states across tools', () => {
    let h = historyOf(emptyRoi(10, 10));
    h = pushHistory(h, addOp(h.present, square('a', 2, 2, 5)));
    h = pushHistory(
      h,
      addOp(h.present, { kind: 'stroke', id: 's', mode: 'erase', radius: 1, points: [{ x: 4.5, y: 4.5 }] }),
    );
    const count = (r: Roi) => roiMask(r).reduce((a, b) => a + b, 0);
    expect(count(h.present)).toBe(25 - 5);
    h = undo(h);
    expect(count(h.present)).toBe(25);
    h = undo(h);
    expect(count(h.present)).toBe(0);
    h = redo(redo(h));
    expect(count(h.present)).toBe(20);
  });

  it('vertex editing: move, insert, delete', () => {
    let r = addOp(emptyRoi(10, 10), square('a', 0, 0, 4));
    r = moveVertex(r, 'a', 2, { x: 6, y: 6 });
    expect(r.ops[0].kind === 'polygon' && r.ops[0].points[2]).toEqual({ x: 6, y: 6 });
    r = insertVertex(r, 'a', 0, { x: 2, y: -1 });
    expect(r.ops[0].kind === 'polygon' && r.ops[0].points.length).toBe(5);
    r = deleteVertex(r, 'a', 1);
    r = deleteVertex(r, 'a', 1);
    r = deleteVertex(r, 'a', 1);
    expect(r.ops).toHaveLength(0);
  });

  it('translation by whole pixels moves the mask exactly', () => {
    const r = addOp(emptyRoi(10, 10), square('a', 1, 1, 3));
    const moved = translateRoi(roiFromMask(10, 10, roiMask(r)), 2.4, 3);
    const m = roiMask(moved);
    expect(m[4 * 10 + 3]).toBe(1);
    expect(m.reduce((a, b) => a + b, 0)).toBe(9);
  });

  it('PNG export and re-import are bit-for-bit', async () => {
    const r = addOp(emptyRoi(37, 23), {
      kind: 'polygon',
      id: 'p',
      points: [
        { x: 3.2, y: 2.7 },
        { x: 33.9, y: 5.1 },
        { x: 20.5, y: 21.2 },
        { x: 18, y: 10 },
      ],
    });
    const m = roiMask(r);
    const png = encodeMaskPng(m, 37, 23);
    const d = decodeMask(png, 'roi.png');
    expect(Array.from(d.mask.data)).toEqual(Array.from(m));
    const back = await readMaskFile(png, 'roi.png', 37, 23);
    expect(Array.from(roiMask(roiFromMask(37, 23, back.data)))).toEqual(Array.from(m));
    expect(await englishRejected(readMaskFile(png, 'roi.png', 40, 23))).toMatch(
      /37 × 23 pixels but the image is 40 × 23/,
    );
  });
});

describe('measurements', () => {
  it('area, perimeter and maximum diameter of a rectangle, in mm and px', () => {
    const m = rasterizePolygon(
      [
        { x: 2, y: 2 },
        { x: 8, y: 2 },
        { x: 8, y: 6 },
        { x: 2, y: 6 },
      ],
      12,
      10,
    );
    const px = measureMask(m, 12, 10, { row: 1, col: 1, unit: 'px' });
    expect(px.pixels).toBe(24);
    expect(px.area).toBe(24);
    // Marching squares around a 6×4 block of centres: straight runs 5+3 per side pair + 4 corner cuts.
    expect(px.perimeter).toBeCloseTo(2 * (5 + 3) + 4 * Math.SQRT1_2, 10);
    expect(px.maxDiameter).toBeCloseTo(Math.hypot(5, 3), 10);
    const mm = measureMask(m, 12, 10, { row: 0.1, col: 0.2, unit: 'mm' });
    expect(mm.area).toBeCloseTo(24 * 0.02, 12);
    expect(mm.maxDiameter).toBeCloseTo(Math.hypot(5 * 0.2, 3 * 0.1), 12);
    expect(mm.unit).toBe('mm');
    // Outline: 4 merged straight edges.
    expect(maskOutline(m, 12, 10)).toHaveLength(16);
  });

  it('bounding-box scans give exactly the whole-image results (random masks, touching the borders)', () => {
    // Whole-image reference scans: the straightforward definitions.
    const refOutline = (m: Uint8Array, w: number, h: number): number[] => {
      const at = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && m[y * w + x] !== 0;
      const segs: number[] = [];
      for (let y = 0; y <= h; y++) {
        let start = -1;
        for (let x = 0; x <= w; x++) {
          const edge = x < w && at(x, y - 1) !== at(x, y);
          if (edge && start < 0) start = x;
          if (!edge && start >= 0) {
            segs.push(start, y, x, y);
            start = -1;
          }
        }
      }
      for (let x = 0; x <= w; x++) {
        let start = -1;
        for (let y = 0; y <= h; y++) {
          const edge = y < h && at(x - 1, y) !== at(x, y);
          if (edge && start < 0) start = y;
          if (!edge && start >= 0) {
            segs.push(x, start, x, y);
            start = -1;
          }
        }
      }
      return segs;
    };
    const refPerimeter = (m: Uint8Array, w: number, h: number, sx: number, sy: number): number => {
      const at = (x: number, y: number) => (x >= 0 && y >= 0 && x < w && y < h && m[y * w + x] ? 1 : 0);
      const half = Math.hypot(sx / 2, sy / 2);
      let p = 0;
      for (let y = -1; y < h; y++)
        for (let x = -1; x < w; x++) {
          const a = at(x, y);
          const b = at(x + 1, y);
          const c = at(x, y + 1);
          const d = at(x + 1, y + 1);
          const s = a + b + c + d;
          if (s === 0 || s === 4) continue;
          if (s === 1 || s === 3) p += half;
          else if (a === d) p += 2 * half;
          else if (a === b) p += sx;
          else p += sy;
        }
      return p;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 14 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 196, maxLength: 196 }),
        fc.integer({ min: 0, max: 9 }),
        (w, h, cells, threshold) => {
          const m = Uint8Array.from({ length: w * h }, (_, i) => (cells[i] > threshold ? 1 : 0));
          expect(maskOutline(m, w, h)).toEqual(refOutline(m, w, h));
          const r = measureMask(m, w, h, { row: 0.3, col: 0.7, unit: 'mm' });
          expect(r.perimeter).toBe(refPerimeter(m, w, h, 0.7, 0.3));
          expect(r.pixels).toBe(m.reduce((a, b) => a + b, 0));
          const box = maskBounds(m, w, h);
          if (r.pixels === 0) expect(box).toBeNull();
          else {
            const [x0, y0, x1, y1] = box!;
            for (let y = 0; y < h; y++)
              for (let x = 0; x < w; x++)
                if (m[y * w + x]) expect(x >= x0 && x <= x1 && y >= y0 && y <= y1).toBe(true);
            // Tight: each side of the box touches a mask pixel.
            const on = (x: number, y: number) => m[y * w + x] === 1;
            const rows = (y: number) => Array.from({ length: w }, (_, x) => on(x, y)).some(Boolean);
            const cols = (x: number) => Array.from({ length: h }, (_, y) => on(x, y)).some(Boolean);
            expect([rows(y0), rows(y1), cols(x0), cols(x1)]).toEqual([true, true, true, true]);
          }
        },
      ),
    );
  });

  it('roiExtent contains every pixel the ROI sets, and scans limited to it equal the whole-image scans', () => {
    const W = 23;
    const H = 17;
    const pt = fc.record({
      x: fc.double({ min: -4, max: W + 4, noNaN: true }),
      y: fc.double({ min: -4, max: H + 4, noNaN: true }),
    });
    const op = fc.oneof(
      fc
        .array(pt, { minLength: 3, maxLength: 7 })
        .map((points) => ({ kind: 'polygon' as const, id: 'p', points })),
      fc
        .tuple(
          fc.array(pt, { minLength: 1, maxLength: 5 }),
          fc.double({ min: 0.3, max: 4, noNaN: true }),
          fc.boolean(),
        )
        .map(([points, radius, add]) => ({
          kind: 'stroke' as const,
          id: 's',
          mode: add ? ('add' as const) : ('erase' as const),
          radius,
          points,
        })),
      fc
        .tuple(
          fc.integer({ min: -6, max: W }),
          fc.integer({ min: -6, max: H }),
          fc.integer({ min: 1, max: 8 }),
        )
        .map(([dx, dy, n]) => ({
          kind: 'mask' as const,
          id: 'm',
          width: n,
          height: n,
          data: Uint8Array.from({ length: n * n }, (_, i) => (i % 3 ? 1 : 0)),
          dx,
          dy,
        })),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 0, maxLength: 4 }), (ops) => {
        const roi = { width: W, height: H, ops };
        const m = roiMask(roi);
        const box = roiExtent(roi);
        let any = false;
        for (let y = 0; y < H; y++)
          for (let x = 0; x < W; x++)
            if (m[y * W + x]) {
              any = true;
              expect(box).not.toBeNull();
              const [x0, y0, x1, y1] = box!;
              expect(x >= x0 && x <= x1 && y >= y0 && y <= y1).toBe(true);
            }
        if (!any) return;
        const spacing = { row: 0.5, col: 0.25, unit: 'mm' as const };
        expect(measureMask(m, W, H, spacing, box)).toEqual(measureMask(m, W, H, spacing));
        expect(maskOutline(m, W, H, box)).toEqual(maskOutline(m, W, H));
      }),
      { numRuns: 300 },
    );
  });
});
