/**
 * The synthetic demonstration cohort: a seeded, documented generator of 93 patients (54 pCR, 39
 * non-pCR, as in the study) with ultrasound-like B-mode images, two readers' lesion ROIs, qRT-PCR
 * Ct triplicates (miR-34a, U6, miR-16, cel-miR-39) against a pooled calibrator, and outcomes.
 * Every assumption is stated in `README.md` beside this file. Pure TypeScript, no DOM.
 *
 * The generative rule (see README.md, "Generative rule"): each patient has a latent tumour
 * phenotype r ~ N(+0.6, 1) for pCR and N(−0.6, 1) for non-pCR. Lesion shape (aspect ratio, margin
 * irregularity), internal echo texture (heterogeneity, texture grain) and posterior acoustic
 * features are functions of r plus independent noise, so the radiomics features carry a real but
 * imperfect signal. miR-34a relative expression is drawn from the study's Table 2 distributions
 * given the outcome, independently of r.
 *
 * Determinism: all randomness comes from `createRng` (xoshiro128**) with fixed per-patient
 * sub-seeds, so a seed always gives the same cohort (the same floating-point operations, in the same
 * order, run by the same JavaScript engine).
 */
import { createRng, type Rng } from '../model/random';
import { fillPolygon, type Point } from '../roi/rasterize';

/** Version of the generator's rules; part of the build cache key. */
export const DEMO_GENERATOR_VERSION = 1;
/** The default seed of the embedded demonstration cohort. */
export const DEMO_SEED = 20240934;
/** Patients by outcome, as in the study (93 = 54 pCR + 39 non-pCR). */
export const DEMO_N_PCR = 54;
export const DEMO_N_NON_PCR = 39;
/** Image size in pixels (a 4 cm × 3.2 cm field of view at 0.2 mm per pixel, stored in pixel units). */
export const DEMO_WIDTH = 200;
export const DEMO_HEIGHT = 160;

/** Table 2 of the study (training set): miR-34a relative expression, mean ± SD by outcome. */
export const MIR34A_DISTRIBUTION = {
  pcr: { mean: 0.77, sd: 0.13 },
  nonPcr: { mean: 0.44, sd: 0.1 },
} as const;

/** Mean of the latent phenotype r by outcome (r ~ N(±LATENT_SHIFT, 1)). */
export const LATENT_SHIFT = 0.6;

/** True mean Ct of the pooled-plasma calibrator per gene. */
export const CALIBRATOR_CT = { 'miR-34a': 31.2, U6: 27.1, 'miR-16': 24.3, 'cel-miR-39': 22.5 } as const;

export type DemoGene = keyof typeof CALIBRATOR_CT;
/** Ct triplicates per gene (two decimals, as instruments export them). */
export type CtTriplicates = Record<DemoGene, [number, number, number]>;

/** Parameters of one synthetic lesion (all derived from r and independent noise). */
export interface LesionParameters {
  /** Centre in image coordinates (pixels). */
  cx: number;
  cy: number;
  /** Lateral semi-axis (pixels). */
  a: number;
  /** Depth semi-axis / lateral semi-axis (0.38–0.95); rounder lesions for higher r. */
  aspect: number;
  /** Tilt of the long axis (radians). */
  tilt: number;
  /** Relative amplitude of the margin's harmonics (irregular, angular margins for lower r). */
  irregularity: number;
  /** Mean echogenicity of the lesion relative to glandular tissue (hypoechoic, < 1). */
  echo: number;
  /** Relative amplitude of the internal echo texture (higher r → more heterogeneous). */
  heterogeneity: number;
  /** Gaussian grain (pixels) of the internal echo texture (higher r → coarser grain). */
  grain: number;
  /** Posterior acoustic factor: < 1 shadowing (lower r), > 1 enhancement (higher r). */
  posterior: number;
  /** Brightness of an echogenic halo around the margin (lower r → stronger halo). */
  halo: number;
}

/** One synthetic patient. */
export interface DemoPatient {
  /** Pseudonymous id, DEMO-001 … DEMO-093. */
  id: string;
  /** 1 = pCR (Miller–Payne 4–5), 0 = non-pCR (1–3). */
  pcr: 0 | 1;
  millerPayne: 1 | 2 | 3 | 4 | 5;
  age: number;
  hospital: 'A' | 'B';
  /** The latent phenotype r (for documentation and tests; not an input of any model). */
  latent: number;
  lesion: LesionParameters;
  /** 8-bit grey B-mode image, row-major, DEMO_WIDTH × DEMO_HEIGHT. */
  image: Uint8Array;
  /** Reader 1's ROI polygon and its mask (pixel-centre even-odd rule of `src/roi/rasterize.ts`). */
  roi1: Point[];
  mask1: Uint8Array;
  /** Reader 2's ROI polygon and its mask. */
  roi2: Point[];
  mask2: Uint8Array;
  /** Dice similarity coefficient between the two readers' masks (≥ 0.85 by construction). */
  dice: number;
  /** The patient's Ct triplicates. */
  cts: CtTriplicates;
  /** The relative expression the Cts were generated from (before technical noise and rounding). */
  mir34aDrawn: number;
}

export interface DemoCohort {
  seed: number;
  width: number;
  height: number;
  /** The calibrator's Ct triplicates (one pooled-plasma calibrator on every plate). */
  calibrator: CtTriplicates;
  patients: DemoPatient[];
}

/** Standard normal deviate (Box–Muller, cosine branch). */
function normal(rng: Rng): number {
  let u = 0;
  while (u === 0) u = rng.nextFloat();
  const v = rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** Separable Gaussian blur (σx, σy in pixels) with clamped edges; returns a new array. */
export function gaussianBlur(src: Float64Array, w: number, h: number, sx: number, sy: number): Float64Array {
  const kernel = (s: number) => {
    const r = Math.max(1, Math.ceil(3 * s));
    const k = new Float64Array(2 * r + 1);
    let sum = 0;
    for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * s * s));
    for (let i = 0; i < k.length; i++) k[i] /= sum;
    return { k, r };
  };
  const kx = kernel(sx);
  const ky = kernel(sy);
  const tmp = new Float64Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -kx.r; i <= kx.r; i++) s += kx.k[i + kx.r] * src[y * w + clamp(x + i, 0, w - 1)];
      tmp[y * w + x] = s;
    }
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -ky.r; i <= ky.r; i++) s += ky.k[i + ky.r] * tmp[clamp(y + i, 0, h - 1) * w + x];
      out[y * w + x] = s;
    }
  return out;
}

/**
 * A smooth Gaussian random field with zero mean and unit SD. Wide kernels are applied on a coarser
 * grid (step ⌊σ/2⌋ per axis) and bilinearly interpolated back, which keeps the build fast.
 */
function smoothField(rng: Rng, w: number, h: number, sx: number, sy: number): Float64Array {
  const stepX = Math.max(1, Math.floor(sx / 2));
  const stepY = Math.max(1, Math.floor(sy / 2));
  const cw = Math.ceil(w / stepX) + 1;
  const ch = Math.ceil(h / stepY) + 1;
  const white = new Float64Array(cw * ch);
  for (let i = 0; i < white.length; i++) white[i] = normal(rng);
  const coarse = gaussianBlur(white, cw, ch, sx / stepX, sy / stepY);
  const f = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const gy = y / stepY;
    const y0 = Math.floor(gy);
    const ty = gy - y0;
    for (let x = 0; x < w; x++) {
      const gx = x / stepX;
      const x0 = Math.floor(gx);
      const tx = gx - x0;
      const o = y0 * cw + x0;
      f[y * w + x] =
        (1 - ty) * ((1 - tx) * coarse[o] + tx * coarse[o + 1]) +
        ty * ((1 - tx) * coarse[o + cw] + tx * coarse[o + cw + 1]);
    }
  }
  let mean = 0;
  for (const v of f) mean += v;
  mean /= f.length;
  let ss = 0;
  for (const v of f) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / f.length) || 1;
  for (let i = 0; i < f.length; i++) f[i] = (f[i] - mean) / sd;
  return f;
}

/** A smooth periodic function of the angle: Σ_h c_h cos(hφ + φ_h), h = 1..H, normalised to unit RMS. */
function periodicNoise(rng: Rng, harmonics: number): (phi: number) => number {
  const terms = Array.from({ length: harmonics }, (_, i) => ({
    h: i + 1,
    c: normal(rng) / (i + 1),
    p: rng.nextFloat() * 2 * Math.PI,
  }));
  const rms = Math.sqrt(terms.reduce((s, t) => s + (t.c * t.c) / 2, 0)) || 1;
  return (phi) => terms.reduce((s, t) => s + t.c * Math.cos(t.h * phi + t.p), 0) / rms;
}

/**
 * The lesion's margin as a radial function R(φ) around its centre: a tilted ellipse times
 * (1 + irregularity · Σ_{h=3..9} w_h cos(hφ + φ_h)) — angular, lobulated margins for high irregularity.
 */
function marginFunction(rng: Rng, p: LesionParameters): (phi: number) => number {
  const b = p.a * p.aspect;
  const terms = Array.from({ length: 7 }, (_, i) => ({
    h: i + 3,
    w: (0.4 + 0.6 * rng.nextFloat()) / Math.sqrt(i + 1),
    p: rng.nextFloat() * 2 * Math.PI,
  }));
  const norm = Math.sqrt(terms.reduce((s, t) => s + (t.w * t.w) / 2, 0));
  return (phi) => {
    const t = phi - p.tilt;
    const ellipse = (p.a * b) / Math.sqrt((b * Math.cos(t)) ** 2 + (p.a * Math.sin(t)) ** 2);
    const wobble = terms.reduce((s, u) => s + u.w * Math.cos(u.h * phi + u.p), 0) / norm;
    return ellipse * (1 + p.irregularity * wobble);
  };
}

/** Polygon of n vertices tracing radius(φ)·(1 + scale·(offset + jitter(φ))) around (cx, cy). */
function tracePolygon(
  cx: number,
  cy: number,
  radius: (phi: number) => number,
  n: number,
  offset: number,
  jitter: (phi: number) => number,
  scale: number,
): Point[] {
  const pts: Point[] = [];
  for (let i = 0; i < n; i++) {
    const phi = (2 * Math.PI * i) / n;
    const r = radius(phi) * (1 + offset + scale * jitter(phi));
    // Two decimals: what an ROI tool stores; keeps the JSON small.
    pts.push({
      x: Math.round((cx + r * Math.cos(phi)) * 100) / 100,
      y: Math.round((cy + r * Math.sin(phi)) * 100) / 100,
    });
  }
  return pts;
}

/** Dice similarity coefficient of two 0/1 masks. */
export function dice(a: Uint8Array, b: Uint8Array): number {
  let inter = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i]) na++;
    if (b[i]) nb++;
    if (a[i] && b[i]) inter++;
  }
  return na + nb === 0 ? 1 : (2 * inter) / (na + nb);
}

/** Draws the lesion parameters from the latent phenotype r (the generative rule, README.md). */
function lesionParameters(rng: Rng, r: number): LesionParameters {
  const a = clamp(22 + 4 * normal(rng), 15, 32);
  return {
    cx: clamp(DEMO_WIDTH / 2 + 14 * normal(rng), 45, DEMO_WIDTH - 45),
    cy: clamp(68 + 7 * normal(rng), 50, 88),
    a,
    aspect: clamp(0.62 + 0.09 * r + 0.06 * normal(rng), 0.38, 0.95),
    tilt: 0.15 * normal(rng),
    irregularity: clamp(0.07 - 0.03 * r + 0.02 * normal(rng), 0.01, 0.2),
    echo: clamp(0.24 + 0.04 * normal(rng), 0.14, 0.34),
    heterogeneity: clamp(0.45 + 0.12 * r + 0.08 * normal(rng), 0.12, 0.9),
    grain: clamp(1.6 + 0.4 * r + 0.3 * normal(rng), 0.8, 3.2),
    posterior: clamp(Math.exp(0.45 * r + 0.25 * normal(rng)), 0.4, 1.9),
    halo: clamp(0.25 - 0.15 * r + 0.1 * normal(rng), 0, 0.6),
  };
}

/** Renders the B-mode image (8-bit grey) of one patient. */
function renderImage(rng: Rng, p: LesionParameters, margin: (phi: number) => number): Uint8Array {
  const w = DEMO_WIDTH;
  const h = DEMO_HEIGHT;
  // Tissue layers: skin line, subcutaneous fat, glandular tissue, pectoral muscle; boundaries undulate.
  const fatEnd = periodicNoise(rng, 4);
  const glandEnd = periodicNoise(rng, 4);
  const fatDepth = 30 + 4 * normal(rng);
  const glandDepth = 128 + 4 * normal(rng);
  const lowFreq = smoothField(rng, w, h, 7, 4);
  const streaks = smoothField(rng, w, h, 9, 1.2);
  const texture = smoothField(rng, w, h, p.grain * 1.3, p.grain);
  const g1 = gaussianBlur(
    Float64Array.from({ length: w * h }, () => normal(rng)),
    w,
    h,
    1.8,
    0.9,
  );
  const g2 = gaussianBlur(
    Float64Array.from({ length: w * h }, () => normal(rng)),
    w,
    h,
    1.8,
    0.9,
  );
  let power = 0;
  for (let i = 0; i < g1.length; i++) power += g1[i] * g1[i] + g2[i] * g2[i];
  const speckleNorm = Math.sqrt(power / g1.length);
  const bottom = p.cy + p.a * p.aspect;
  const reach = p.a * (1 + 2.7 * p.irregularity) + 10;
  const env = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const u = (x / w) * 2 * Math.PI;
      const yFat = fatDepth + 3 * fatEnd(u);
      const yGland = glandDepth + 4 * glandEnd(u);
      let e: number;
      if (y < 3) e = 0.08;
      else if (y < 7) e = 1.1;
      else if (y < yFat) e = 0.32 + 0.08 * lowFreq[i];
      else if (y < yGland) e = 0.7 + 0.12 * lowFreq[i] + 0.12 * Math.max(0, streaks[i]);
      else e = 0.42 + 0.1 * Math.sin(y * 0.9 + 0.4 * lowFreq[i]) + 0.05 * lowFreq[i];
      // Lesion: soft-edged inside weight from the radial margin function.
      const dx = x + 0.5 - p.cx;
      const dy = y + 0.5 - p.cy;
      const rho = Math.hypot(dx, dy);
      // The margin never exceeds a·(1 + 2.7·irregularity) (|wobble| ≤ Σw/norm < 2.7).
      const R = rho < reach ? margin(Math.atan2(dy, dx)) : rho - 20;
      if (rho < reach) {
        const inside = 1 / (1 + Math.exp(-(R - rho) / 1.1));
        const lesionEcho = Math.max(0.02, p.echo * 0.5 * (1 + p.heterogeneity * texture[i]));
        e = e * (1 - inside) + lesionEcho * inside;
        // Echogenic halo just outside the margin.
        const outside = (rho - R) / 2.5;
        if (outside > -0.5) e += p.halo * Math.exp(-(outside * outside));
      }
      // Posterior acoustic features below the lesion (shadowing < 1, enhancement > 1).
      if (y > p.cy && rho > R) {
        const lateral = Math.exp(-(((x + 0.5 - p.cx) / (0.85 * p.a)) ** 4));
        const depth = y > bottom ? Math.exp(-(y - bottom) / 70) : Math.max(0, (y - p.cy) / (bottom - p.cy));
        e *= 1 + (p.posterior - 1) * lateral * depth;
      }
      // Fully developed speckle (Rayleigh amplitude) and depth attenuation after time-gain compensation.
      const speckle = Math.hypot(g1[i], g2[i]) / speckleNorm;
      env[i] = e * speckle * Math.exp(-0.0025 * y);
    }
  }
  // Log compression to 8 bits over a 55 dB dynamic range.
  const img = new Uint8Array(w * h);
  for (let i = 0; i < env.length; i++) {
    const db = 20 * Math.log10(env[i] + 1e-4);
    img[i] = Math.round(clamp((db + 33) / 55, 0, 1) * 255);
  }
  return img;
}

/** Ct triplicate of a true mean Ct with technical SD, rounded to two decimals. */
function triplicate(rng: Rng, mean: number, sd: number): [number, number, number] {
  const one = () => Math.round((mean + sd * normal(rng)) * 100) / 100;
  return [one(), one(), one()];
}

/** Generates the calibrator's Ct triplicates. */
function calibratorCts(rng: Rng): CtTriplicates {
  return {
    'miR-34a': triplicate(rng, CALIBRATOR_CT['miR-34a'], 0.12),
    U6: triplicate(rng, CALIBRATOR_CT.U6, 0.08),
    'miR-16': triplicate(rng, CALIBRATOR_CT['miR-16'], 0.08),
    'cel-miR-39': triplicate(rng, CALIBRATOR_CT['cel-miR-39'], 0.1),
  };
}

/** Mean of a triplicate. */
function mean3(v: readonly number[]): number {
  return (v[0] + v[1] + v[2]) / 3;
}

/**
 * A patient's Cts: reference genes vary with the RNA input (shared shift) and their own noise; the
 * target's true Ct is set so that 2^−ΔΔCt against the calibrator as measured (its triplicate means)
 * equals `rq`. Only the patient's own technical noise then separates the measured from the drawn value.
 */
function patientCts(rng: Rng, rq: number, calibrator: CtTriplicates): CtTriplicates {
  const input = 0.6 * normal(rng);
  const u6 = CALIBRATOR_CT.U6 + input + 0.2 * normal(rng);
  const mir16 = CALIBRATOR_CT['miR-16'] + input + 0.2 * normal(rng);
  const refPatient = (u6 + mir16) / 2;
  const calDeltaCt = mean3(calibrator['miR-34a']) - (mean3(calibrator.U6) + mean3(calibrator['miR-16'])) / 2;
  const target = refPatient + calDeltaCt - Math.log2(rq);
  return {
    'miR-34a': triplicate(rng, target, 0.12),
    U6: triplicate(rng, u6, 0.08),
    'miR-16': triplicate(rng, mir16, 0.08),
    'cel-miR-39': triplicate(rng, CALIBRATOR_CT['cel-miR-39'] + 0.3 * normal(rng), 0.1),
  };
}

/** Sub-seeds of patient i: independent imaging and molecular streams, so one patient's (or one arm's)
 * draws never shift another's. */
function imagingSeed(seed: number, i: number): number {
  return seed * 1000 + i + 1;
}
function molecularSeed(seed: number, i: number): number {
  return seed * 1000 + 500 + i + 1;
}

/** The molecular arm and clinical data of patient i: Cts, Miller–Payne grade, age, hospital. */
export function generateMolecular(
  seed: number,
  i: number,
  y: 0 | 1,
): Pick<DemoPatient, 'cts' | 'mir34aDrawn' | 'millerPayne' | 'age' | 'hospital'> {
  const rng = createRng(molecularSeed(seed, i));
  const dist = y === 1 ? MIR34A_DISTRIBUTION.pcr : MIR34A_DISTRIBUTION.nonPcr;
  const mir34aDrawn = clamp(dist.mean + dist.sd * normal(rng), 0.1, 1.6);
  const cts = patientCts(rng, mir34aDrawn, demoCalibrator(seed));
  const u = rng.nextFloat();
  const millerPayne = (
    y === 1 ? (u < 0.4 ? 4 : 5) : u < 0.3 ? 1 : u < 0.65 ? 2 : 3
  ) as DemoPatient['millerPayne'];
  return {
    cts,
    mir34aDrawn,
    millerPayne,
    age: Math.round(clamp(52 + 5 * normal(rng), 35, 70)),
    hospital: rng.nextFloat() < 0.55 ? 'A' : 'B',
  };
}

/** Generates one patient (index i, outcome y). */
function generatePatient(seed: number, i: number, y: 0 | 1): DemoPatient {
  const rng = createRng(imagingSeed(seed, i));
  const latent = (y === 1 ? LATENT_SHIFT : -LATENT_SHIFT) + normal(rng);
  const lesion = lesionParameters(rng, latent);
  const margin = marginFunction(rng, lesion);
  const image = renderImage(rng, lesion, margin);
  // Reader 1 traces the margin closely (48 vertices); reader 2 independently (40 vertices), slightly
  // wider or narrower. A pair under the study's Dice 0.85 is re-traced with half the deviation.
  const jitter1 = periodicNoise(rng, 12);
  const jitter2 = periodicNoise(rng, 12);
  const offset2 = 0.02 * normal(rng);
  const roi1 = tracePolygon(lesion.cx, lesion.cy, margin, 48, 0, jitter1, 0.02);
  const mask1 = new Uint8Array(DEMO_WIDTH * DEMO_HEIGHT);
  fillPolygon(mask1, DEMO_WIDTH, DEMO_HEIGHT, roi1);
  let roi2: Point[] = [];
  let mask2 = new Uint8Array(0);
  let d = 0;
  for (let shrink = 1; ; shrink /= 2) {
    roi2 = tracePolygon(lesion.cx, lesion.cy, margin, 40, offset2 * shrink, jitter2, 0.035 * shrink);
    mask2 = new Uint8Array(DEMO_WIDTH * DEMO_HEIGHT);
    fillPolygon(mask2, DEMO_WIDTH, DEMO_HEIGHT, roi2);
    d = dice(mask1, mask2);
    if (d >= 0.85 || shrink < 0.01) break;
  }
  return {
    id: demoId(i),
    pcr: y,
    latent,
    lesion,
    image,
    roi1,
    mask1,
    roi2,
    mask2,
    dice: d,
    ...generateMolecular(seed, i, y),
  };
}

/** Seeds are integers with |seed| ≤ 9·10^12, so the per-patient sub-seeds (seed·1000 + …) stay exact. */
function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || Math.abs(seed) > 9e12) {
    throw new Error(`demo cohort: seed must be an integer between -9e12 and 9e12, got ${seed}`);
  }
}

/** Pseudonymous id of patient i (0-based): DEMO-001 … */
export function demoId(i: number): string {
  return `DEMO-${String(i + 1).padStart(3, '0')}`;
}

/** The outcomes of the cohort in patient order: 54 ones and 39 zeros shuffled (Fisher–Yates). */
export function demoOutcomes(seed = DEMO_SEED): (0 | 1)[] {
  checkSeed(seed);
  const rng = createRng(seed);
  const outcomes: (0 | 1)[] = [...Array<0 | 1>(DEMO_N_PCR).fill(1), ...Array<0 | 1>(DEMO_N_NON_PCR).fill(0)];
  for (let i = outcomes.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [outcomes[i], outcomes[j]] = [outcomes[j], outcomes[i]];
  }
  return outcomes;
}

/** The calibrator's Ct triplicates for a seed. */
export function demoCalibrator(seed = DEMO_SEED): CtTriplicates {
  return calibratorCts(createRng(seed * 1000 + 999));
}

/**
 * Generates the demonstration cohort.
 * @param seed - any safe integer (default {@link DEMO_SEED}).
 * @param n - optional first-n patients (for fast tests); the full cohort has 93.
 */
export function generateDemoCohort(seed = DEMO_SEED, n = DEMO_N_PCR + DEMO_N_NON_PCR): DemoCohort {
  checkSeed(seed);
  const total = DEMO_N_PCR + DEMO_N_NON_PCR;
  if (!Number.isInteger(n) || n < 1 || n > total)
    throw new Error(`demo cohort: n must be 1..${total}, got ${n}`);
  const calibrator = demoCalibrator(seed);
  const patients = demoOutcomes(seed)
    .slice(0, n)
    .map((y, i) => generatePatient(seed, i, y));
  return { seed, width: DEMO_WIDTH, height: DEMO_HEIGHT, calibrator, patients };
}
