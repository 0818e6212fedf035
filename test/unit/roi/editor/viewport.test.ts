import { describe, expect, it } from 'vitest';
import { CLOSE_HIT_PX, EDGE_HIT_PX, VERTEX_HIT_PX, Viewport } from '../../../../src/roi/editor';
import { rect } from './editorHarness';

const square = rect('sq', 10, 10, 30, 30);

describe('Viewport', () => {
  it('fits the image in the box (98 %, centred) and follows the box while fitted', () => {
    const v = Viewport.fitted(200, 100, 800, 540);
    expect(v.view.scale).toBeCloseTo(3.92, 12);
    expect(v.view.x).toBeCloseTo((800 - 200 * 3.92) / 2, 12);
    expect(v.view.y).toBeCloseTo((540 - 100 * 3.92) / 2, 12);
    const wider = v.withBox(400, 540);
    expect(wider.scale).toBeCloseTo(1.96, 12);
    expect(v.withBox(800, 540)).toBe(v);
  });

  it('maps screen ↔ image both ways', () => {
    const v = Viewport.fitted(200, 100, 800, 540).zoomAt(2, 100, 50);
    const p = { x: 37.25, y: 81.5 };
    const back = v.toImage(v.toScreen(p));
    expect(back.x).toBeCloseTo(p.x, 10);
    expect(back.y).toBeCloseTo(p.y, 10);
  });

  it('zooms about a point (that image point stays under it), within 0.05–64', () => {
    const v = Viewport.fitted(100, 100, 500, 500);
    const s = { x: 123, y: 321 };
    const before = v.toImage(s);
    const z = v.zoomAt(1.25, s.x, s.y);
    expect(z.scale).toBeCloseTo(v.scale * 1.25, 12);
    expect(z.toImage(s).x).toBeCloseTo(before.x, 10);
    expect(z.toImage(s).y).toBeCloseTo(before.y, 10);
    expect(z.isFitted).toBe(false);
    let big = z;
    for (let i = 0; i < 60; i++) big = big.zoomCentre(1.25);
    expect(big.scale).toBe(64);
    let small = z;
    for (let i = 0; i < 60; i++) small = small.zoomCentre(0.8);
    expect(small.scale).toBe(0.05);
    expect(z.fitted().view).toEqual(v.view);
  });

  it('pans from a view by screen pixels; a new image is fitted again', () => {
    const v = Viewport.fitted(100, 100, 500, 500);
    const p = v.panFrom(v.view, 30, -12);
    expect(p.view).toEqual({ scale: v.scale, x: v.view.x + 30, y: v.view.y - 12 });
    expect(p.withImage(50, 50).isFitted).toBe(true);
  });

  it('hit-tests vertices (7 px), edges (6 px) and the closing point (9 px) in screen pixels at every zoom', () => {
    for (const factor of [1, 4, 0.25]) {
      const v = Viewport.fitted(100, 100, 100, 100).zoomAt(factor, 0, 0);
      const corner = v.toScreen({ x: 30, y: 10 });
      expect(v.hitVertex([square], { x: corner.x + VERTEX_HIT_PX, y: corner.y })).toEqual({
        id: 'sq',
        index: 1,
      });
      expect(v.hitVertex([square], { x: corner.x + VERTEX_HIT_PX + 0.5, y: corner.y })).toBeNull();
      // A point EDGE_HIT_PX screen pixels above the middle of the top edge.
      const onTop = v.toImage({
        x: v.toScreen({ x: 20, y: 10 }).x,
        y: v.toScreen({ x: 20, y: 10 }).y - EDGE_HIT_PX,
      });
      expect(v.hitEdge([square], onTop)).toEqual({ id: 'sq', index: 0 });
      const offTop = v.toImage({
        x: v.toScreen({ x: 20, y: 10 }).x,
        y: v.toScreen({ x: 20, y: 10 }).y - EDGE_HIT_PX - 0.5,
      });
      expect(v.hitEdge([square], offTop)).toBeNull();
      expect(
        v.near(
          { x: 10, y: 10 },
          { x: v.toScreen({ x: 10, y: 10 }).x, y: v.toScreen({ x: 10, y: 10 }).y + CLOSE_HIT_PX },
          CLOSE_HIT_PX,
        ),
      ).toBe(true);
    }
  });
});
