/**
 * Generators and grid transforms for the property-based tests of the feature engine: random 2-D
 * images (volumes of depth 1, spacing 1) with random blob, polygon or noise masks, plus 90° rotation,
 * flips, transposition and placement inside a larger canvas. Pure TypeScript.
 */
import fc from 'fast-check';
import type { ImageVolume, MaskVolume } from '../../../src/radiomics/types';

/** A 2-D image and its 0/1 mask, row-major (index y * w + x). */
export interface Grid2D {
  h: number;
  w: number;
  image: Float64Array;
  mask: Uint8Array;
}

/** Deterministic 32-bit PRNG (mulberry32), uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bounding-box extent (rows, columns) of the non-zero mask pixels; [0, 0] when empty. */
export function maskExtent(g: Grid2D): [number, number] {
  let y0 = g.h,
    y1 = -1,
    x0 = g.w,
    x1 = -1;
  for (let y = 0; y < g.h; y++)
    for (let x = 0; x < g.w; x++)
      if (g.mask[y * g.w + x]) {
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
      }
  return y1 < 0 ? [0, 0] : [y1 - y0 + 1, x1 - x0 + 1];
}

/** True when the ROI spans at least 2 pixels in both in-plane dimensions (minimumROIDimensions 2). */
export function nonDegenerate(g: Grid2D): boolean {
  const [eh, ew] = maskExtent(g);
  return eh >= 2 && ew >= 2;
}

/** Point-in-polygon test (even-odd rule) for the pixel centre (x, y). */
function insidePolygon(px: number[], py: number[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = px.length - 1; i < px.length; j = i++) {
    if (py[i] > y !== py[j] > y && x < ((px[j] - px[i]) * (y - py[i])) / (py[j] - py[i]) + px[i])
      inside = !inside;
  }
  return inside;
}

/** Kind of mask drawn by {@link grid2D}. */
export type MaskKind = 'blobs' | 'polygon' | 'noise';

/** Parameters of one random image/mask pair (shrinkable by fast-check). */
export interface GridParams {
  h: number;
  w: number;
  /** Seed of the pixel noise and the mask geometry. */
  seed: number;
  /** Grey values are integers in [offset, offset + range]. */
  range: number;
  offset: number;
  /** Amplitude of a smooth gradient added to the noise (texture with structure). */
  gradient: number;
  kind: MaskKind;
}

/** Draws the image and mask of a parameter set. */
export function drawGrid(p: GridParams): Grid2D {
  const { h, w } = p;
  const rnd = mulberry32(p.seed);
  const image = new Float64Array(h * w);
  const gx = rnd() * 2 - 1;
  const gy = rnd() * 2 - 1;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const smooth = p.gradient * (gx * (x / w) + gy * (y / h));
      image[y * w + x] = p.offset + Math.round(rnd() * p.range + smooth);
    }
  const mask = new Uint8Array(h * w);
  if (p.kind === 'blobs') {
    const count = 1 + Math.floor(rnd() * 3);
    for (let b = 0; b < count; b++) {
      const cy = rnd() * h;
      const cx = rnd() * w;
      const ry = 1 + rnd() * (h / 2);
      const rx = 1 + rnd() * (w / 2);
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) if (((y - cy) / ry) ** 2 + ((x - cx) / rx) ** 2 <= 1) mask[y * w + x] = 1;
    }
  } else if (p.kind === 'polygon') {
    const n = 3 + Math.floor(rnd() * 6);
    const px: number[] = [];
    const py: number[] = [];
    for (let i = 0; i < n; i++) {
      px.push(rnd() * w);
      py.push(rnd() * h);
    }
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++) if (insidePolygon(px, py, x + 0.5, y + 0.5)) mask[y * w + x] = 1;
  } else {
    const density = 0.2 + 0.7 * rnd();
    for (let i = 0; i < h * w; i++) mask[i] = rnd() < density ? 1 : 0;
  }
  return { h, w, image, mask };
}

/** Arbitrary of non-degenerate image/mask pairs up to `maxSide` × `maxSide`. */
export function gridArb(maxSide = 32): fc.Arbitrary<Grid2D> {
  return fc
    .record({
      h: fc.integer({ min: 2, max: maxSide }),
      w: fc.integer({ min: 2, max: maxSide }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      range: fc.constantFrom(0, 1, 7, 30, 100, 255, 4095),
      offset: fc.integer({ min: -1000, max: 1000 }),
      gradient: fc.constantFrom(0, 50, 400),
      kind: fc.constantFrom<MaskKind>('blobs', 'polygon', 'noise'),
    })
    .map(drawGrid)
    .filter(nonDegenerate);
}

/** Applies a pixel mapping: output (y, x) of an oh × ow grid takes input pixel `src(y, x)`. */
function remap(g: Grid2D, oh: number, ow: number, src: (y: number, x: number) => number): Grid2D {
  const image = new Float64Array(oh * ow);
  const mask = new Uint8Array(oh * ow);
  for (let y = 0; y < oh; y++)
    for (let x = 0; x < ow; x++) {
      const i = src(y, x);
      image[y * ow + x] = g.image[i];
      mask[y * ow + x] = g.mask[i];
    }
  return { h: oh, w: ow, image, mask };
}

/** Rotation by 90° counter-clockwise (as numpy.rot90). */
export function rot90(g: Grid2D): Grid2D {
  return remap(g, g.w, g.h, (y, x) => x * g.w + (g.w - 1 - y));
}

/** Mirror left–right (numpy.fliplr). */
export function flipX(g: Grid2D): Grid2D {
  return remap(g, g.h, g.w, (y, x) => y * g.w + (g.w - 1 - x));
}

/** Mirror up–down (numpy.flipud). */
export function flipY(g: Grid2D): Grid2D {
  return remap(g, g.h, g.w, (y, x) => (g.h - 1 - y) * g.w + x);
}

/** Transposition (swap rows and columns). */
export function transpose(g: Grid2D): Grid2D {
  return remap(g, g.w, g.h, (y, x) => x * g.w + y);
}

/**
 * Places `g` at (top, left) inside a canvas of ch × cw pixels; canvas pixels outside `g` take
 * `background(y, x)` and are not in the mask.
 */
export function placeIn(
  g: Grid2D,
  ch: number,
  cw: number,
  top: number,
  left: number,
  background: (y: number, x: number) => number,
): Grid2D {
  const image = new Float64Array(ch * cw);
  const mask = new Uint8Array(ch * cw);
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++) {
      const sy = y - top;
      const sx = x - left;
      if (sy >= 0 && sy < g.h && sx >= 0 && sx < g.w) {
        image[y * cw + x] = g.image[sy * g.w + sx];
        mask[y * cw + x] = g.mask[sy * g.w + sx];
      } else image[y * cw + x] = background(y, x);
    }
  return { h: ch, w: cw, image, mask };
}

/** The engine's image and mask volumes (depth 1, spacing 1) of a grid. */
export function volumes(g: Grid2D): { image: ImageVolume; mask: MaskVolume } {
  return {
    image: { data: g.image, size: [1, g.h, g.w], spacing: [1, 1, 1] },
    mask: { data: g.mask, size: [1, g.h, g.w], spacing: [1, 1, 1] },
  };
}
