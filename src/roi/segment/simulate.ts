/**
 * Simulated user prompts for measuring the lesion segmentation against expert masks — the ONE
 * implementation used by the unit tests and the benchmark (../shared/segmentation/README.md):
 * - box: the expert mask's bounding box, each side moved outward by `enlarge` × the box's width/height
 *   (optionally plus a uniform jitter of ±`jitter` × width/height per side), clipped to the image;
 * - corrective stroke: a disk of radius max(3, 2 % of the box's longer side) centred at the pixel of the
 *   largest error region (false negative → 'add', false positive → 'remove') that lies deepest inside
 *   it (largest Euclidean distance to the region's edge; first such pixel in raster order);
 * - baseline: the ellipse inscribed in the box.
 */
import type { Rng } from '../../model/random';
import { maskBounds } from '../measure';
import { distanceInside, labelComponents } from './grid';
import type { Box, SegmentStroke } from './segment';

/** The simulated box of an expert mask (half-open, integer, clipped); null for an empty mask. */
export function simulatedBox(
  truth: ArrayLike<number>,
  width: number,
  height: number,
  enlarge: number,
  jitter?: { rng: Rng; amount: number },
): Box | null {
  const b = maskBounds(truth, width, height);
  if (!b) return null;
  const [x0, y0] = b;
  const x1 = b[2] + 1;
  const y1 = b[3] + 1;
  const bw = x1 - x0;
  const bh = y1 - y0;
  const side = (size: number) =>
    size * (enlarge + (jitter ? (2 * jitter.rng.nextFloat() - 1) * jitter.amount : 0));
  const l = side(bw);
  const t = side(bh);
  const r = side(bw);
  const d = side(bh);
  return [
    Math.max(0, Math.round(x0 - l)),
    Math.max(0, Math.round(y0 - t)),
    Math.min(width, Math.round(x1 + r)),
    Math.min(height, Math.round(y1 + d)),
  ];
}

/** Radius of a simulated stroke for a box: max(3, 2 % of its longer side). */
export function strokeRadius(box: Box): number {
  return Math.max(3, 0.02 * Math.max(box[2] - box[0], box[3] - box[1]));
}

/** The corrective stroke a reader would draw on `predicted`, or null when it equals `truth`. */
export function correctiveStroke(
  truth: ArrayLike<number>,
  predicted: ArrayLike<number>,
  width: number,
  height: number,
  box: Box,
): SegmentStroke | null {
  const error = new Uint8Array(width * height);
  for (let i = 0; i < error.length; i++) error[i] = (truth[i] !== 0) !== (predicted[i] !== 0) ? 1 : 0;
  const { labels, sizes } = labelComponents(error, width, height);
  let largest = 0;
  for (let l = 1; l < sizes.length; l++) if (sizes[l] > sizes[largest]) largest = l;
  if (!largest) return null;
  const region = new Uint8Array(width * height);
  for (let i = 0; i < region.length; i++) region[i] = labels[i] === largest ? 1 : 0;
  const dist = distanceInside(region, width, height);
  let best = -1;
  for (let i = 0; i < dist.length; i++) if (region[i] && (best < 0 || dist[i] > dist[best])) best = i;
  const x = best % width;
  const y = (best - x) / width;
  return {
    mode: truth[best] ? 'add' : 'remove',
    points: [{ x: x + 0.5, y: y + 0.5 }],
    radius: strokeRadius(box),
  };
}

/** The ellipse inscribed in the box (pixel centres inside), 0/1, the image's size: the baseline. */
export function inscribedEllipse(box: Box, width: number, height: number): Uint8Array {
  const [x0, y0, x1, y1] = box;
  const out = new Uint8Array(width * height);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const a = (x1 - x0) / 2;
  const b = (y1 - y0) / 2;
  for (let y = y0; y < y1; y++)
    for (let x = x0; x < x1; x++)
      if (((x + 0.5 - cx) / a) ** 2 + ((y + 0.5 - cy) / b) ** 2 <= 1) out[y * width + x] = 1;
  return out;
}
