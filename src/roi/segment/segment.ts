/**
 * Semi-automatic lesion segmentation: a box (and corrective strokes) → a binary mask of the image's size.
 *
 * Method (pure TypeScript, deterministic):
 * 1. Crop the box plus a margin (30 % of its size per side), area-resample the crop to a working grid of
 *    about 200 px on its longer side (so the result does not depend on the image's resolution), median
 *    5 × 5 then Gaussian σ 1.5 (grid pixels) against speckle.
 * 2. Prior probability of "lesion" per grid pixel: sigmoid of a shape term plus 0.5 × the log-likelihood
 *    ratio of the intensity under the inside/outside histograms. The box is a little larger than the
 *    lesion, by a margin measured from the edges along rays from the box centre: the lesion's extent ρ* ≤ 1
 *    (normalised radius in the box's inscribed ellipse). The shape term is slope · (1 − ρ/ρ*), positive
 *    inside the extent, negative outside, with slope = min(16, 1/(1 − ρ*)) so that it is ≈ −1 on the box's
 *    ellipse whatever the margin; the histograms are split at ρ/ρ* = 0.7 and 1.
 * 3. Random walker (Grady 2006) with the prior as a weak data term (Grady 2005, "random walks with
 *    priors"): minimise Σ w_ij (x_i − x_j)² + λ Σ (x_i − p_i)² over the grid, w_ij = exp(−ΔI²/2σ²) on
 *    4-neighbour edges, strokes fixed seeds (1 = lesion, 0 = background), the crop's border outside the
 *    box fixed at 0. Solved by conjugate gradients preconditioned by incomplete Cholesky IC(0) (three
 *    fused passes over the arrays per iteration), the first solve started from the solution on a grid
 *    half as fine, a stroke warm-started from the previous solution of the same box.
 * 4. Bilinear map back to the image, threshold 0.5, keep the component containing the box centre (or a
 *    lesion stroke), fill holes, apply the strokes' pixels.
 *
 * Must stay true:
 * - the same image, box and strokes give a bit-identical mask (one-shot or through a session);
 * - problems are reported as {@link MessageError} codes `segment.*` (texts in src/i18n under `code.segment`);
 * - no DOM: it runs in the feature worker (workers/radiomics.worker.ts), the CLI and Node tests;
 * - issue 13's goals on ../shared/segmentation with the simulated prompts of ./simulate.ts — box +10 %:
 *   median Dice ≥ 0.88 and ≥ 70 % of images ≥ 0.85 (asserted in test/unit/roi/segment.test.ts); after two
 *   strokes ≥ 85 % ≥ 0.85 and none < 0.75; ≤ 150 ms per prompt or stroke on 800 × 600 in the worker.
 *   The measured numbers are printed by `npx tsx bench/segment.bench.ts` (`--accuracy`, `--loo`); change
 *   an option only when the whole table (+0/+10/+25 %, jitter, strokes) and the leave-one-out check agree.
 */
import { MessageError, type Message } from '../../util/message';
import { paintStroke, type Point } from '../rasterize';
import { fillHoles, gaussianBlur, labelComponents, medianFilter, resampleArea } from './grid';

/** A box [x0, y0, x1, y1] in pixel coordinates, half-open: columns x0 … x1 − 1, rows y0 … y1 − 1. */
export type Box = readonly [number, number, number, number];

/** A grey image, row-major (`data[y * width + x]`). */
export interface GreyImage {
  width: number;
  height: number;
  data: ArrayLike<number>;
}

/** A corrective stroke: pixels whose centres lie within `radius` of the polyline (the brush rule). */
export interface SegmentStroke {
  /** 'add': these pixels are lesion; 'remove': they are not. */
  mode: 'add' | 'remove';
  points: Point[];
  radius: number;
}

/** The answer to a segmentation request: the mask (0/1, the image's size) or a message code. */
export type SegmentOutcome =
  { ok: true; mask: Uint8Array; box: Box; iterations: number; ms: number } | { ok: false; message: Message };

/** Tunable parameters (defaults: {@link DEFAULT_SEGMENT_OPTIONS}). */
export interface SegmentOptions {
  /** Crop margin around the box, as a fraction of the box's width/height per side. */
  margin: number;
  /** Working grid size: pixels on the crop's longer side. */
  gridSize: number;
  /** Median filter radius (grid pixels; 2 = 5 × 5). */
  medianRadius: number;
  /** Gaussian σ (grid pixels). */
  gaussianSigma: number;
  /**
   * Slope of the shape term: logit = shapeSlope · (1 − ρ / ρ*), ρ the normalised radius in the box's
   * inscribed ellipse and ρ* the lesion's estimated extent (see {@link SegmentOptions.extentTrust}). 'extent' adapts it
   * to the measurement: min(shapeSlopeMax, 1 / (1 − ρ*)), so the shape logit on the box's ellipse itself
   * (ρ = 1) is −1/ρ* ≈ −1 whatever the margin between the box and the lesion — a box drawn tight
   * (ρ* → 1) gets a steep prior at the lesion's edge, a loose one a gentle prior spread over the margin.
   */
  shapeSlope: number | 'extent';
  /** Largest adaptive shape slope (a box that touches the lesion, ρ* = 1). */
  shapeSlopeMax: number;
  /** Normalised radii of the ellipse's core (lesion histogram) and of the background histogram's start. */
  coreRadius: number;
  outerRadius: number;
  /** Largest shape logit (deep inside the ellipse the intensity decides). */
  shapeCap: number;
  /** Weight of the intensity log-likelihood ratio in the prior's logit. */
  intensityWeight: number;
  /** Number of intensity histogram bins. */
  bins: number;
  /** Edge σ as a multiple of the mean absolute neighbour difference of the smoothed grid. */
  edgeSigma: number;
  /** Weight λ of the prior (data term) relative to edge weights (at most 1 each). */
  priorWeight: number;
  /** Conjugate-gradient stopping rule: relative residual. */
  tolerance: number;
  maxIterations: number;
  /** Coarser grids (each half as fine) whose solution starts the first solve. */
  coarseLevels: number;
  /** Re-estimations of the intensity histograms from the solution per solve. */
  rounds: number;
  /**
   * The box is drawn "a little larger" than the lesion, by an unknown margin: the lesion's normalised
   * radius ρ̂ (of the box's inscribed ellipse) is measured as the median over `extentRays` rays from the
   * box centre of the radius in [extentMin, extentMax] with the strongest lesion-to-background step
   * (clamped to 1: a box that cuts the lesion puts the step beyond it), and the shape prior and the
   * histograms use ρ / ρ* with ρ* = 1 − extentTrust · (1 − ρ̂) (extentTrust 0 = the box's own ellipse;
   * 0.5 = halfway between the box and the measurement, which is noisy on speckle).
   */
  extentMin: number;
  extentMax: number;
  extentTrust: number;
  extentRays: number;
}

export const DEFAULT_SEGMENT_OPTIONS: SegmentOptions = {
  margin: 0.3,
  gridSize: 200,
  medianRadius: 2,
  gaussianSigma: 1.5,
  shapeSlope: 'extent',
  shapeSlopeMax: 16,
  shapeCap: 6,
  coreRadius: 0.7,
  outerRadius: 1,
  intensityWeight: 0.5,
  bins: 32,
  edgeSigma: 1,
  priorWeight: 0.003,
  tolerance: 1e-2,
  maxIterations: 2000,
  rounds: 0,
  coarseLevels: 1,
  extentMin: 0.6,
  extentMax: 1.2,
  extentTrust: 0.5,
  extentRays: 64,
};

/** Smallest accepted box side (pixels): smaller boxes cannot hold a measurable lesion. */
export const MIN_BOX_SIDE = 8;

/** A prepared segmentation of one box on one image: the working grid, its prior and the last solution. */
export interface SegmentSession {
  readonly image: GreyImage;
  readonly box: Box;
  readonly options: SegmentOptions;
  /** Crop origin (image pixels) and grid step (image pixels per grid pixel) along x and y. */
  readonly cx0: number;
  readonly cy0: number;
  readonly cw: number;
  readonly ch: number;
  readonly fx: number;
  readonly fy: number;
  readonly gw: number;
  readonly gh: number;
  /** Edge weights: right neighbour (index i ↔ i + 1) and lower neighbour (i ↔ i + gw). */
  readonly wRight: Float64Array;
  readonly wDown: Float64Array;
  /** Prior lesion probability per grid pixel. */
  prior: Float64Array;
  /** Normalised smoothed intensity and shape logit per grid pixel. */
  readonly u: Float64Array;
  readonly shape: Float64Array;
  /** Seeds of the box alone: 1 background (crop border outside the box), 0 free. */
  readonly borderSeeds: Uint8Array;
  /** Last random-walker solution (warm start of the next solve). */
  solution: Float64Array;
  /** Conjugate-gradient iterations of the last solve, coarser grids included (for benchmarks). */
  iterations: number;
  /** Whether the session has been solved once (later solves warm-start from `solution`). */
  solved: boolean;
}

/**
 * Checks the image and the box and returns the box as integers.
 * @throws MessageError segment.invalidImage | segment.emptyBox | segment.boxOutside | segment.boxTooSmall
 */
export function checkSegmentInput(image: GreyImage, box: Box): Box {
  const { width, height, data } = image;
  if (
    !(Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0) ||
    data.length !== width * height
  ) {
    throw new MessageError('segment.invalidImage', { width, height, pixels: data.length });
  }
  if (box.length !== 4 || !box.every((v) => Number.isFinite(v))) {
    throw new MessageError('segment.invalidBox', { box: box.join(',') });
  }
  const [x0, y0, x1, y1] = box.map(Math.round);
  if (x1 <= x0 || y1 <= y0) throw new MessageError('segment.emptyBox', { width: x1 - x0, height: y1 - y0 });
  if (x0 < 0 || y0 < 0 || x1 > width || y1 > height) {
    throw new MessageError('segment.boxOutside', { x0, y0, x1, y1, width, height });
  }
  if (x1 - x0 < MIN_BOX_SIDE || y1 - y0 < MIN_BOX_SIDE) {
    throw new MessageError('segment.boxTooSmall', { width: x1 - x0, height: y1 - y0, min: MIN_BOX_SIDE });
  }
  return [x0, y0, x1, y1];
}

/** Clips a box (e.g. a drag that left the image) to the image; integers, half-open. */
export function clipBox(box: Box, width: number, height: number): Box {
  const [a, b, c, d] = box;
  const x0 = Math.max(0, Math.min(width, Math.round(Math.min(a, c))));
  const x1 = Math.max(0, Math.min(width, Math.round(Math.max(a, c))));
  const y0 = Math.max(0, Math.min(height, Math.round(Math.min(b, d))));
  const y1 = Math.max(0, Math.min(height, Math.round(Math.max(b, d))));
  return [x0, y0, x1, y1];
}

const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

/**
 * Prepares the working grid, edge weights and prior of `box` on `image` (the expensive part of a
 * prompt; strokes then only re-solve).
 * @throws MessageError for a bad image or box (see {@link checkSegmentInput}) or segment.flatImage
 */
export function prepareSegmentation(
  image: GreyImage,
  box: Box,
  options: Partial<SegmentOptions> = {},
): SegmentSession {
  const o = { ...DEFAULT_SEGMENT_OPTIONS, ...options };
  const b = checkSegmentInput(image, box);
  const [x0, y0, x1, y1] = b;
  const { width, height, data } = image;
  const bw = x1 - x0;
  const bh = y1 - y0;
  const cx0 = Math.max(0, Math.floor(x0 - o.margin * bw));
  const cy0 = Math.max(0, Math.floor(y0 - o.margin * bh));
  const cx1 = Math.min(width, Math.ceil(x1 + o.margin * bw));
  const cy1 = Math.min(height, Math.ceil(y1 + o.margin * bh));
  const cw = cx1 - cx0;
  const ch = cy1 - cy0;
  const scale = o.gridSize / Math.max(cw, ch);
  const gw = Math.max(8, Math.round(cw * scale));
  const gh = Math.max(8, Math.round(ch * scale));
  const fx = cw / gw;
  const fy = ch / gh;
  const n = gw * gh;

  const raw = resampleArea(data, width, height, cx0, cy0, fx, fy, gw, gh);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(raw[i]))
      throw new MessageError('segment.invalidImage', { width, height, pixels: data.length });
  }
  const smooth = gaussianBlur(medianFilter(raw, gw, gh, o.medianRadius), gw, gh, o.gaussianSigma);

  // Intensity scale: robust range of the smoothed crop (2nd–98th percentile).
  const sorted = Float64Array.from(smooth).sort();
  const lo = sorted[Math.floor(0.02 * (n - 1))];
  const hi = sorted[Math.ceil(0.98 * (n - 1))];
  if (!(hi - lo > 1e-6 * Math.max(1, Math.abs(hi), Math.abs(lo)))) {
    throw new MessageError('segment.flatImage', { value: Number(lo.toPrecision(6)) });
  }
  const u = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = Math.min(1, Math.max(0, (smooth[i] - lo) / (hi - lo)));

  // Edge weights exp(−ΔI²/2σ²), σ = edgeSigma × mean |ΔI| over the grid's edges.
  let sumDiff = 0;
  let edges = 0;
  for (let y = 0; y < gh; y++)
    for (let x = 0; x < gw; x++) {
      const i = y * gw + x;
      if (x + 1 < gw) {
        sumDiff += Math.abs(u[i + 1] - u[i]);
        edges++;
      }
      if (y + 1 < gh) {
        sumDiff += Math.abs(u[i + gw] - u[i]);
        edges++;
      }
    }
  const sigma = Math.max(1e-6, o.edgeSigma * (sumDiff / Math.max(1, edges)));
  const inv2s2 = 1 / (2 * sigma * sigma);
  const wRight = new Float64Array(n);
  const wDown = new Float64Array(n);
  for (let y = 0; y < gh; y++)
    for (let x = 0; x < gw; x++) {
      const i = y * gw + x;
      if (x + 1 < gw) wRight[i] = Math.max(1e-6, Math.exp(-((u[i + 1] - u[i]) ** 2) * inv2s2));
      if (y + 1 < gh) wDown[i] = Math.max(1e-6, Math.exp(-((u[i + gw] - u[i]) ** 2) * inv2s2));
    }

  // Shape term from the box's inscribed ellipse, in image coordinates of each grid pixel's centre.
  const ex = (x0 + x1) / 2;
  const ey = (y0 + y1) / 2;
  const ea = bw / 2;
  const eb = bh / 2;
  const shape = new Float64Array(n);
  const borderSeeds = new Uint8Array(n);
  const weights = new Float64Array(n);
  const toGrid = (px: number, py: number) => [(px - cx0) / fx - 0.5, (py - cy0) / fy - 0.5];
  const extent = estimateExtent(u, gw, gh, toGrid, ex, ey, ea, eb, o);
  const slope =
    o.shapeSlope === 'extent' ? Math.min(o.shapeSlopeMax, 1 / Math.max(1e-9, 1 - extent)) : o.shapeSlope;
  for (let y = 0; y < gh; y++) {
    const py = cy0 + (y + 0.5) * fy;
    for (let x = 0; x < gw; x++) {
      const px = cx0 + (x + 0.5) * fx;
      const rho = Math.sqrt(((px - ex) / ea) ** 2 + ((py - ey) / eb) ** 2) / extent;
      shape[y * gw + x] = Math.min(o.shapeCap, slope * (1 - rho));
      // Histogram weights: the (extent-scaled) ellipse's core is lesion, outside it is background, the ring
      // between them is what the model must decide (0.5 = counted in neither).
      weights[y * gw + x] = rho <= o.coreRadius ? 1 : rho >= o.outerRadius ? 0 : 0.5;
      const onBorder = x === 0 || y === 0 || x === gw - 1 || y === gh - 1;
      const outsideBox = px < x0 || px >= x1 || py < y0 || py >= y1;
      if (onBorder && outsideBox) borderSeeds[y * gw + x] = 1;
    }
  }
  const prior = priorFrom(u, shape, weights, o);

  const session: SegmentSession = {
    image,
    box: b,
    options: o,
    cx0,
    cy0,
    cw,
    ch,
    fx,
    fy,
    gw,
    gh,
    wRight,
    wDown,
    prior,
    borderSeeds,
    u,
    shape,
    solution: prior.slice(),
    iterations: 0,
    solved: false,
  };
  for (let i = 0; i < n; i++) if (borderSeeds[i]) session.solution[i] = 0;
  return session;
}

/** Bilinear sample of a grid at fractional grid coordinates (clamped to the grid). */
function sampleGrid(g: Float64Array, gw: number, gh: number, gx: number, gy: number): number {
  const cx = Math.max(0, Math.min(gw - 1, gx));
  const cy = Math.max(0, Math.min(gh - 1, gy));
  const i0 = Math.min(gw - 2, Math.floor(cx));
  const j0 = Math.min(gh - 2, Math.floor(cy));
  const tx = cx - i0;
  const ty = cy - j0;
  const a = g[j0 * gw + i0] * (1 - tx) + g[j0 * gw + i0 + 1] * tx;
  const b = g[(j0 + 1) * gw + i0] * (1 - tx) + g[(j0 + 1) * gw + i0 + 1] * tx;
  return a * (1 - ty) + b * ty;
}

/**
 * The lesion's normalised radius ρ* in the box's inscribed ellipse (1 = the lesion touches the box; see
 * {@link SegmentOptions.extentTrust}). The step's sign: brighter or darker just outside the box than in
 * its core (hypo- and hyperechoic lesions alike).
 */
function estimateExtent(
  u: Float64Array,
  gw: number,
  gh: number,
  toGrid: (px: number, py: number) => number[],
  ex: number,
  ey: number,
  ea: number,
  eb: number,
  o: SegmentOptions,
): number {
  const R = o.extentRays;
  if (!(o.extentTrust > 0) || !(o.extentMin < 1) || !(R > 0)) return 1;
  const at = (theta: number, rho: number) => {
    const [gx, gy] = toGrid(ex + rho * ea * Math.cos(theta), ey + rho * eb * Math.sin(theta));
    return sampleGrid(u, gw, gh, gx, gy);
  };
  let core = 0;
  let outside = 0;
  for (let k = 0; k < R; k++) {
    const th = (2 * Math.PI * k) / R;
    for (let j = 0; j <= 4; j++) {
      core += at(th, 0.1 * j);
      outside += at(th, 1.05 + 0.05 * j);
    }
  }
  const sign = outside >= core ? 1 : -1;
  // Radial steps of 0.025, central differences over ±0.05 (normalised radius).
  const radii: number[] = [];
  for (let k = 0; k < R; k++) {
    const th = (2 * Math.PI * k) / R;
    let best = 1;
    let bestG = -Infinity;
    for (let j = 0; o.extentMin + 0.025 * j <= o.extentMax + 1e-9; j++) {
      const rho = o.extentMin + 0.025 * j;
      const g = sign * (at(th, rho + 0.05) - at(th, rho - 0.05));
      if (g > bestG) {
        bestG = g;
        best = rho;
      }
    }
    radii.push(Math.min(1, best));
  }
  radii.sort((a, b) => a - b);
  const m = R >> 1;
  const med = R % 2 ? radii[m] : (radii[m - 1] + radii[m]) / 2;
  return 1 - Math.min(1, o.extentTrust) * (1 - med);
}

/**
 * The prior: sigmoid(shape logit + intensityWeight × log-likelihood ratio of the intensity under the
 * inside/outside histograms), the histograms weighted by `inside` ∈ [0, 1] and its complement.
 */
function priorFrom(
  u: Float64Array,
  shape: Float64Array,
  inside: Float64Array,
  o: SegmentOptions,
): Float64Array {
  const n = u.length;
  const bins = o.bins;
  const hin = new Float64Array(bins).fill(1e-3);
  const hout = new Float64Array(bins).fill(1e-3);
  const binOf = (v: number) => Math.min(bins - 1, Math.floor(v * bins));
  for (let i = 0; i < n; i++) {
    const p = inside[i];
    if (p === 0.5) continue;
    hin[binOf(u[i])] += Math.min(1, Math.max(0, p));
    hout[binOf(u[i])] += 1 - Math.min(1, Math.max(0, p));
  }
  let tin = 0;
  let tout = 0;
  for (let k = 0; k < bins; k++) {
    tin += hin[k];
    tout += hout[k];
  }
  const llr = new Float64Array(bins);
  for (let k = 0; k < bins; k++) llr[k] = Math.log(hin[k] / tin / (hout[k] / tout));
  const prior = new Float64Array(n);
  for (let i = 0; i < n; i++) prior[i] = sigmoid(shape[i] + o.intensityWeight * llr[binOf(u[i])]);
  return prior;
}

/** Grid seeds of the strokes: 1 lesion, 2 background, 0 free (later strokes override earlier ones). */
function strokeSeeds(s: SegmentSession, strokes: readonly SegmentStroke[]): Uint8Array {
  const seeds = new Uint8Array(s.gw * s.gh);
  for (let i = 0; i < seeds.length; i++) if (s.borderSeeds[i]) seeds[i] = 2;
  const layer = new Uint8Array(s.gw * s.gh);
  const step = Math.sqrt(s.fx * s.fy);
  for (const st of strokes) {
    layer.fill(0);
    const pts = st.points.map((p) => ({ x: (p.x - s.cx0) / s.fx, y: (p.y - s.cy0) / s.fy }));
    // At least the nearest grid pixel centre, so a thin stroke still seeds.
    paintStroke(layer, s.gw, s.gh, pts, Math.max(st.radius / step, Math.SQRT1_2), 1);
    const v = st.mode === 'add' ? 1 : 2;
    for (let i = 0; i < layer.length; i++) if (layer[i]) seeds[i] = v;
  }
  return seeds;
}

/**
 * Backward substitution of IC(0), in place: z ← z + P⁻¹ (Eᵀ z) from the last entry down (z held the
 * forward solution y = (P − E)⁻¹ r); returns r·z.
 */
function backward(
  z: Float64Array,
  r: Float64Array,
  eR: Float64Array,
  eD: Float64Array,
  ipiv: Float64Array,
  gw: number,
  lo: number,
  hi: number,
): number {
  let rz = 0;
  for (let k = hi - 1; k >= lo; k--) {
    const zk = z[k] + (eR[k] * z[k + 1] + eD[k] * z[k + gw]) * ipiv[k];
    z[k] = zk;
    rz += r[k] * zk;
  }
  return rz;
}

/**
 * Solves (L + λI) x = λ p on the free pixels with the seeds fixed, by IC(0)-preconditioned conjugate
 * gradients starting from `x` (updated in place). Returns the iteration count.
 */
function solveWalker(s: SegmentSession, seeds: Uint8Array, x: Float64Array): number {
  const { gw, wRight, wDown, prior } = s;
  const { priorWeight: lambda, tolerance, maxIterations } = s.options;
  const n = x.length;
  for (let i = 0; i < n; i++) if (seeds[i]) x[i] = seeds[i] === 1 ? 1 : 0;
  // Vectors are padded by one grid row on each side (index k = i + gw) so the operator needs no bounds
  // checks; couplings to or between seeds are zero, so seeded entries stay 0 in every CG vector.
  const N = n + 2 * gw;
  const eR = new Float64Array(N);
  const eD = new Float64Array(N);
  const diag = new Float64Array(N).fill(1);
  const b = new Float64Array(N);
  for (let i = 0; i < n; i++) {
    if (i + 1 < n && !seeds[i] && !seeds[i + 1]) eR[i + gw] = wRight[i];
    if (i + gw < n && !seeds[i] && !seeds[i + gw]) eD[i + gw] = wDown[i];
  }
  for (let i = 0; i < n; i++) {
    if (seeds[i]) continue;
    const xx = i % gw;
    let d = lambda;
    let r = lambda * prior[i];
    if (xx + 1 < gw) {
      d += wRight[i];
      if (seeds[i + 1]) r += wRight[i] * x[i + 1];
    }
    if (xx > 0) {
      d += wRight[i - 1];
      if (seeds[i - 1]) r += wRight[i - 1] * x[i - 1];
    }
    if (i + gw < n) {
      d += wDown[i];
      if (seeds[i + gw]) r += wDown[i] * x[i + gw];
    }
    if (i >= gw) {
      d += wDown[i - gw];
      if (seeds[i - gw]) r += wDown[i - gw] * x[i - gw];
    }
    diag[i + gw] = d;
    b[i + gw] = r;
  }
  const lo = gw;
  const hi = gw + n;
  const xf = new Float64Array(N);
  for (let i = 0; i < n; i++) if (!seeds[i]) xf[i + gw] = x[i];
  // Incomplete Cholesky IC(0) preconditioner M = (P − E) P⁻¹ (P − Eᵀ), E the strictly lower couplings,
  // P chosen so that diag(M) = diag(A); seeded and padding entries have P = 1 and no couplings. Its
  // inverse pivots are kept (the substitutions are sequential: a product, not a division, per step).
  const piv = new Float64Array(N).fill(1);
  const ipiv = new Float64Array(N).fill(1);
  for (let k = lo; k < hi; k++) {
    piv[k] = diag[k] - eR[k - 1] ** 2 / piv[k - 1] - eD[k - gw] ** 2 / piv[k - gw];
    ipiv[k] = 1 / piv[k];
  }
  // r = b − A x, and the forward substitution (P − E) y = r into z.
  const r = new Float64Array(N);
  const z = new Float64Array(N);
  const p = new Float64Array(N);
  const q = new Float64Array(N);
  let bnorm = 0;
  let rr = 0;
  for (let k = lo; k < hi; k++) {
    const ax =
      diag[k] * xf[k] -
      eR[k] * xf[k + 1] -
      eR[k - 1] * xf[k - 1] -
      eD[k] * xf[k + gw] -
      eD[k - gw] * xf[k - gw];
    const rk = seeds[k - gw] ? 0 : b[k] - ax;
    r[k] = rk;
    rr += rk * rk;
    bnorm += b[k] * b[k];
    z[k] = (rk + eR[k - 1] * z[k - 1] + eD[k - gw] * z[k - gw]) * ipiv[k];
  }
  const stop = tolerance * tolerance * Math.max(bnorm, 1e-300);
  // Preconditioned conjugate gradients in three passes over the arrays per iteration (the solver's
  // whole cost): A. p = z + βp (lagging one grid row ahead of its use) with q = A p and p·q; B. x += αp,
  // r −= αq, |r|² and the forward substitution of z; C. the backward substitution (P − Eᵀ) z = P y and
  // r·z. It is the textbook recurrence (β = 0 starts with p = z), only the loops are fused.
  let rz = 0;
  let beta = 0;
  let it = 0;
  if (rr > stop) rz = backward(z, r, eR, eD, ipiv, gw, lo, hi);
  while (it < maxIterations && rr > stop) {
    // A. Entries up to k + gw of p are updated before q[k] reads its neighbours.
    for (let k = lo; k < Math.min(hi, lo + gw); k++) p[k] = z[k] + beta * p[k];
    let pq = 0;
    for (let k = lo; k < hi; k++) {
      const j = k + gw;
      if (j < hi) p[j] = z[j] + beta * p[j];
      const qk =
        diag[k] * p[k] - eR[k] * p[k + 1] - eR[k - 1] * p[k - 1] - eD[k] * p[j] - eD[k - gw] * p[k - gw];
      q[k] = qk;
      pq += p[k] * qk;
    }
    if (!(pq > 0)) break;
    const alpha = rz / pq;
    // B.
    rr = 0;
    for (let k = lo; k < hi; k++) {
      xf[k] += alpha * p[k];
      const rk = r[k] - alpha * q[k];
      r[k] = rk;
      rr += rk * rk;
      z[k] = (rk + eR[k - 1] * z[k - 1] + eD[k - gw] * z[k - gw]) * ipiv[k];
    }
    it++;
    if (!(rr > stop)) break;
    // C.
    const rzNew = backward(z, r, eR, eD, ipiv, gw, lo, hi);
    beta = rzNew / rz;
    rz = rzNew;
  }
  for (let i = 0; i < n; i++) if (!seeds[i]) x[i] = xf[i + gw];
  return it;
}

/**
 * Solves the session with the given strokes (warm-started from its previous solution) and returns the
 * mask (0/1, the image's size). The solution is kept in the session for the next stroke.
 */
export function solveSegmentation(s: SegmentSession, strokes: readonly SegmentStroke[] = []): Uint8Array {
  return maskFromSolution(s, solveGrid(s, strokes), strokes);
}

/** The random-walker solution on the session's grid (kept as the next warm start). */
function solveGrid(s: SegmentSession, strokes: readonly SegmentStroke[]): Float64Array {
  const o = s.options;
  const seeds = strokeSeeds(s, strokes);
  let iterations = 0;
  if (!s.solved && o.coarseLevels > 0) {
    // First solve: start from the solution of the same problem on a grid half as fine (its smoothing
    // halved in grid pixels, so the same in image pixels), which removes the slow, smooth error
    // components conjugate gradients would otherwise spend most iterations on.
    const coarse = prepareSegmentation(s.image, s.box, {
      ...o,
      gridSize: Math.round(o.gridSize / 2),
      medianRadius: Math.max(1, Math.floor(o.medianRadius / 2)),
      gaussianSigma: o.gaussianSigma / 2,
      coarseLevels: o.coarseLevels - 1,
    });
    const xc = solveGrid(coarse, strokes);
    iterations += coarse.iterations;
    for (let y = 0; y < s.gh; y++) {
      const gy = ((y + 0.5) * s.fy) / coarse.fy - 0.5 + (s.cy0 - coarse.cy0) / coarse.fy;
      const j0 = Math.max(0, Math.min(coarse.gh - 1, Math.floor(gy)));
      const j1 = Math.min(coarse.gh - 1, j0 + 1);
      const ty = Math.max(0, Math.min(1, gy - j0));
      for (let x = 0; x < s.gw; x++) {
        const gx = ((x + 0.5) * s.fx) / coarse.fx - 0.5 + (s.cx0 - coarse.cx0) / coarse.fx;
        const i0 = Math.max(0, Math.min(coarse.gw - 1, Math.floor(gx)));
        const i1 = Math.min(coarse.gw - 1, i0 + 1);
        const tx = Math.max(0, Math.min(1, gx - i0));
        const cw = coarse.gw;
        s.solution[y * s.gw + x] =
          (xc[j0 * cw + i0] * (1 - tx) + xc[j0 * cw + i1] * tx) * (1 - ty) +
          (xc[j1 * cw + i0] * (1 - tx) + xc[j1 * cw + i1] * tx) * ty;
      }
    }
  }
  const x = s.solution.slice();
  iterations += solveWalker(s, seeds, x);
  // Re-estimate the intensity model from the solution (EM-like rounds), then re-solve warm-started.
  for (let round = 0; round < o.rounds; round++) {
    s.prior = priorFrom(s.u, s.shape, x, o);
    iterations += solveWalker(s, seeds, x);
  }
  s.iterations = iterations;
  s.solution = x;
  s.solved = true;
  return x;
}

/** Maps the grid solution back to the image: bilinear, threshold 0.5, component, holes, strokes. */
function maskFromSolution(s: SegmentSession, x: Float64Array, strokes: readonly SegmentStroke[]): Uint8Array {
  const { image, cx0, cy0, cw, ch, fx, fy, gw, gh, box } = s;
  const crop = new Uint8Array(cw * ch);
  for (let yy = 0; yy < ch; yy++) {
    const gy = (yy + 0.5) / fy - 0.5;
    const j0 = Math.max(0, Math.min(gh - 1, Math.floor(gy)));
    const j1 = Math.min(gh - 1, j0 + 1);
    const ty = Math.max(0, Math.min(1, gy - j0));
    for (let xx = 0; xx < cw; xx++) {
      const gx = (xx + 0.5) / fx - 0.5;
      const i0 = Math.max(0, Math.min(gw - 1, Math.floor(gx)));
      const i1 = Math.min(gw - 1, i0 + 1);
      const tx = Math.max(0, Math.min(1, gx - i0));
      const top = x[j0 * gw + i0] * (1 - tx) + x[j0 * gw + i1] * tx;
      const bot = x[j1 * gw + i0] * (1 - tx) + x[j1 * gw + i1] * tx;
      crop[yy * cw + xx] = top * (1 - ty) + bot * ty > 0.5 ? 1 : 0;
    }
  }
  const local = (st: SegmentStroke) => st.points.map((p) => ({ x: p.x - cx0, y: p.y - cy0 }));
  for (const st of strokes) paintStroke(crop, cw, ch, local(st), st.radius, st.mode === 'add' ? 1 : 0);

  // Keep the component holding the box centre and those touched by lesion strokes.
  const { labels, sizes } = labelComponents(crop, cw, ch);
  const keep = new Uint8Array(sizes.length);
  const centre =
    labels[
      Math.min(ch - 1, Math.floor((box[1] + box[3]) / 2) - cy0) * cw +
        Math.min(cw - 1, Math.floor((box[0] + box[2]) / 2) - cx0)
    ];
  let any = false;
  if (centre) {
    keep[centre] = 1;
    any = true;
  }
  const addLayer = new Uint8Array(cw * ch);
  for (const st of strokes) if (st.mode === 'add') paintStroke(addLayer, cw, ch, local(st), st.radius, 1);
  for (let i = 0; i < addLayer.length; i++)
    if (addLayer[i] && labels[i]) {
      keep[labels[i]] = 1;
      any = true;
    }
  if (!any) {
    // The centre is background: the component nearest to it (deepest inside the box's ellipse).
    let best = 0;
    let bestScore = -Infinity;
    for (let l = 1; l < sizes.length; l++)
      if (sizes[l] > bestScore) {
        bestScore = sizes[l];
        best = l;
      }
    if (best) keep[best] = 1;
  }
  for (let i = 0; i < crop.length; i++) crop[i] = keep[labels[i]] ? 1 : 0;
  fillHoles(crop, cw, ch);
  // Remove strokes win over hole filling.
  for (const st of strokes) if (st.mode === 'remove') paintStroke(crop, cw, ch, local(st), st.radius, 0);

  const out = new Uint8Array(image.width * image.height);
  for (let yy = 0; yy < ch; yy++)
    out.set(crop.subarray(yy * cw, (yy + 1) * cw), (yy + cy0) * image.width + cx0);
  return out;
}

/** One-shot segmentation (no warm start): the box and strokes → mask (0/1, the image's size). */
export function segmentLesion(
  image: GreyImage,
  box: Box,
  strokes: readonly SegmentStroke[] = [],
  options: Partial<SegmentOptions> = {},
): Uint8Array {
  return solveSegmentation(prepareSegmentation(image, box, options), strokes);
}
