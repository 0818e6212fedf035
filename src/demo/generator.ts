/**
 * The synthetic demonstration cohort: a seeded, documented generator of 93 patients (54 pCR, 39
 * non-pCR, as in the study) with ultrasound-like B-mode images, two readers' lesion ROIs, qRT-PCR
 * Ct triplicates (miR-34a, U6, miR-16, cel-miR-39) against a pooled calibrator, and outcomes.
 * Every assumption is stated in `README.md` beside this file. Pure TypeScript, no DOM.
 *
 * The generative rule (see README.md, "Generative rule"): each patient has a latent response score
 * r ~ N(±0.9, 1) by outcome and an outcome-independent factor u ~ N(0, 1). The lesion's aspect ratio
 * (hence shape Elongation) follows r; its size, echogenicity and halo (hence the fine-texture GLCM
 * features such as Contrast) follow u. miR-34a is log-normal with the study's Table 2 means by
 * outcome; its within-group deviation shares r's (so the arms agree, as Table 3's DeLong tests imply)
 * and u's (so GLCM Contrast correlates with miR-34a, as the study reports). Every number is in
 * {@link DEMO_DESIGN}.
 *
 * Determinism: all randomness comes from `createRng` (xoshiro128**) with fixed per-patient
 * sub-seeds, so a seed always gives the same cohort (the same floating-point operations, in the same
 * order, run by the same JavaScript engine).
 */
import { createRng, type Rng } from '../model/random';
import { fillPolygon, type Point } from '../roi/rasterize';
import { MessageError } from '../util/message';

/** Version of the generator's rules; part of the build cache key. */
export const DEMO_GENERATOR_VERSION = 2;
/** The default seed of the embedded demonstration cohort. */
export const DEMO_SEED = 20240934;
/** Patients by outcome, as in the study (93 = 54 pCR + 39 non-pCR). */
export const DEMO_N_PCR = 54;
export const DEMO_N_NON_PCR = 39;
/** Image size in pixels (a 4 cm × 3.2 cm field of view at 0.2 mm per pixel, stored in pixel units). */
export const DEMO_WIDTH = 200;
export const DEMO_HEIGHT = 160;

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
  /** Equivalent-circle radius (pixels): the ellipse's area is π·a² whatever its aspect ratio. */
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
 * Semi-axes of the lesion's ellipse: lateral a/√aspect and depth a·√aspect, so the area π·a² does not
 * depend on the aspect ratio (size and shape vary independently).
 */
function semiAxes(p: LesionParameters): { lateral: number; depth: number } {
  const s = Math.sqrt(p.aspect);
  return { lateral: p.a / s, depth: p.a * s };
}

/**
 * The lesion's margin as a radial function R(φ) around its centre: a tilted ellipse times
 * (1 + irregularity · Σ_{h=3..9} w_h cos(hφ + φ_h)) — angular, lobulated margins for high irregularity.
 */
function marginFunction(rng: Rng, p: LesionParameters): (phi: number) => number {
  const { lateral: a, depth: b } = semiAxes(p);
  const terms = Array.from({ length: 7 }, (_, i) => ({
    h: i + 3,
    w: (0.4 + 0.6 * rng.nextFloat()) / Math.sqrt(i + 1),
    p: rng.nextFloat() * 2 * Math.PI,
  }));
  const norm = Math.sqrt(terms.reduce((s, t) => s + (t.w * t.w) / 2, 0));
  return (phi) => {
    const t = phi - p.tilt;
    const ellipse = (a * b) / Math.sqrt((b * Math.cos(t)) ** 2 + (a * Math.sin(t)) ** 2);
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

/** One lesion parameter's rule: base + latent·r + factor·u + noise·N, clipped to [min, max]. */
export interface ParameterRule {
  base: number;
  latent: number;
  factor: number;
  noise: number;
  min: number;
  max: number;
}

/** The generative design: every number the generator draws patients from (README.md, "Generative rule"). */
export interface DemoDesign {
  /** Mean of the latent response score r by outcome: r ~ N(±latentShift, 1). */
  latentShift: number;
  /**
   * miR-34a relative expression: log-normal by outcome with the given means (Table 2's) and log-SD;
   * its within-group deviation (in log-SD units) is latentCorrelation·(r − its group mean) +
   * factorCorrelation·u + the rest independent noise, u ~ N(0, 1) being a factor independent of the
   * outcome and of r (latentCorrelation² + factorCorrelation² ≤ 1).
   */
  mir: {
    pcrMean: number;
    nonPcrMean: number;
    logSd: number;
    latentCorrelation: number;
    factorCorrelation: number;
  };
  /**
   * Stream of the molecular arm (an integer 0–999): patient i's molecular draws use the sub-seed
   * seed·1000 + 500 + i + 1 + 10⁵·molecularStream, so the imaging arm does not depend on it.
   */
  molecularStream: number;
  /** Stream (an integer 0–999) of the order in which the drawn patients are listed ({@link demoOrder}). */
  orderStream: number;
  /** Lesion parameters from r (the posterior factor's rule is on the log scale). */
  lesion: Record<Exclude<keyof LesionParameters, 'cx' | 'cy' | 'tilt'>, ParameterRule>;
}

/**
 * The embedded demo's design (README.md, "Generative rule"), chosen so that the real pipeline on the
 * generated cohort reproduces the study's Table 3 / DeLong / correlation numbers; the two streams
 * were searched offline (README.md, "How the design was chosen").
 */
export const DEMO_DESIGN: DemoDesign = {
  latentShift: 0.9,
  mir: { pcrMean: 0.77, nonPcrMean: 0.44, logSd: 0.56, latentCorrelation: 0.55, factorCorrelation: 0.7 },
  molecularStream: 391,
  orderStream: 357,
  lesion: {
    a: { base: 17, latent: 0, factor: -3.5, noise: 1.2, min: 11, max: 25 },
    aspect: { base: 0.62, latent: 0.12, factor: 0, noise: 0.06, min: 0.38, max: 0.95 },
    irregularity: { base: 0.07, latent: 0, factor: 0, noise: 0.02, min: 0.01, max: 0.2 },
    echo: { base: 0.24, latent: 0, factor: 0.04, noise: 0.02, min: 0.14, max: 0.34 },
    heterogeneity: { base: 0.45, latent: 0, factor: 0, noise: 0.08, min: 0.12, max: 0.9 },
    grain: { base: 1.6, latent: 0, factor: 0, noise: 0.3, min: 0.8, max: 3.2 },
    posterior: { base: 0, latent: 0, factor: 0, noise: 0.25, min: Math.log(0.4), max: Math.log(1.9) },
    halo: { base: 0.25, latent: 0, factor: 0.1, noise: 0.06, min: 0, max: 0.6 },
  },
};

function drawRule(rng: Rng, rule: ParameterRule, r: number, u: number): number {
  return clamp(rule.base + rule.latent * r + rule.factor * u + rule.noise * normal(rng), rule.min, rule.max);
}

/** Draws the lesion parameters from the latent score r (the generative rule, README.md). */
function lesionParameters(rng: Rng, r: number, u: number, design: DemoDesign): LesionParameters {
  const L = design.lesion;
  const a = drawRule(rng, L.a, r, u);
  return {
    cx: clamp(DEMO_WIDTH / 2 + 14 * normal(rng), 45, DEMO_WIDTH - 45),
    cy: clamp(68 + 7 * normal(rng), 50, 88),
    a,
    aspect: drawRule(rng, L.aspect, r, u),
    tilt: 0.15 * normal(rng),
    irregularity: drawRule(rng, L.irregularity, r, u),
    echo: drawRule(rng, L.echo, r, u),
    heterogeneity: drawRule(rng, L.heterogeneity, r, u),
    grain: drawRule(rng, L.grain, r, u),
    posterior: Math.exp(drawRule(rng, L.posterior, r, u)),
    halo: drawRule(rng, L.halo, r, u),
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
  const axes = semiAxes(p);
  const bottom = p.cy + axes.depth;
  const reach = axes.lateral * (1 + 2.7 * p.irregularity) + 10;
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
        const lateral = Math.exp(-(((x + 0.5 - p.cx) / (0.85 * axes.lateral)) ** 4));
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

/**
 * Sub-seeds of the patient drawn g-th (g = 0…53 the pCR patients, 54…92 the non-pCR ones): independent
 * imaging and molecular streams, so one patient's (or one arm's) draws never shift another's.
 */
function imagingSeed(seed: number, g: number): number {
  return seed * 1000 + g + 1;
}
function molecularSeed(seed: number, g: number, stream: number): number {
  return seed * 1000 + 500 + g + 1 + 100000 * stream;
}
function orderSeed(seed: number, stream: number): number {
  return seed * 1000 + 998 + 100000 * stream;
}

/** The molecular arm and clinical data of the patient drawn g-th: Cts, Miller–Payne grade, age, hospital. */
export function generateMolecular(
  seed: number,
  g: number,
  y: 0 | 1,
  scores: { latent: number; factor: number },
  design: DemoDesign = DEMO_DESIGN,
): Pick<DemoPatient, 'cts' | 'mir34aDrawn' | 'millerPayne' | 'age' | 'hospital'> {
  const rng = createRng(molecularSeed(seed, g, design.molecularStream));
  const m = design.mir;
  const a = m.latentCorrelation;
  const b = m.factorCorrelation;
  const within = scores.latent - (y === 1 ? design.latentShift : -design.latentShift);
  const deviation = a * within + b * scores.factor + Math.sqrt(Math.max(0, 1 - a * a - b * b)) * normal(rng);
  const logMean = Math.log(y === 1 ? m.pcrMean : m.nonPcrMean) - (m.logSd * m.logSd) / 2;
  const mir34aDrawn = clamp(Math.exp(logMean + m.logSd * deviation), 0.05, 4);
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

/**
 * The patient's latent response score r ~ N(±latentShift, 1) and factor u ~ N(0, 1): the first two
 * draws of the imaging stream.
 */
function latentScores(rng: Rng, y: 0 | 1, design: DemoDesign): { latent: number; factor: number } {
  const latent = (y === 1 ? design.latentShift : -design.latentShift) + normal(rng);
  return { latent, factor: normal(rng) };
}

/** r and u of the patient drawn g-th, as {@link generateDemoCohort} draws them. */
export function demoLatentScores(
  seed: number,
  g: number,
  design: DemoDesign = DEMO_DESIGN,
): { latent: number; factor: number } {
  return latentScores(createRng(imagingSeed(seed, g)), drawnOutcome(g), design);
}

/** Outcome of the patient drawn g-th: the first 54 drawn reach pCR. */
function drawnOutcome(g: number): 0 | 1 {
  return g < DEMO_N_PCR ? 1 : 0;
}

/** Generates the patient drawn g-th, listed at position i. */
function generatePatient(seed: number, i: number, g: number, design: DemoDesign): DemoPatient {
  const y = drawnOutcome(g);
  const rng = createRng(imagingSeed(seed, g));
  const { latent, factor } = latentScores(rng, y, design);
  const lesion = lesionParameters(rng, latent, factor, design);
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
    ...generateMolecular(seed, g, y, { latent, factor }, design),
  };
}

/** Seeds are integers with |seed| ≤ 9·10^12, so the per-patient sub-seeds (seed·1000 + …) stay exact. */
function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || Math.abs(seed) > 9e12) {
    throw new MessageError('demo.seedInvalid', { seed: String(seed) });
  }
}

/** Pseudonymous id of patient i (0-based): DEMO-001 … */
export function demoId(i: number): string {
  return `DEMO-${String(i + 1).padStart(3, '0')}`;
}

/**
 * The order in which the drawn patients are listed: entry i is the draw index g of the patient at
 * position i (DEMO-(i+1)); a Fisher–Yates shuffle of 0…92 with the order stream.
 */
export function demoOrder(seed = DEMO_SEED, design: DemoDesign = DEMO_DESIGN): number[] {
  checkSeed(seed);
  const rng = createRng(orderSeed(seed, design.orderStream));
  const order = Array.from({ length: DEMO_N_PCR + DEMO_N_NON_PCR }, (_, g) => g);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The outcomes of the cohort in patient order: 54 ones and 39 zeros in the listed order. */
export function demoOutcomes(seed = DEMO_SEED, design: DemoDesign = DEMO_DESIGN): (0 | 1)[] {
  return demoOrder(seed, design).map(drawnOutcome);
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
export function generateDemoCohort(
  seed = DEMO_SEED,
  n = DEMO_N_PCR + DEMO_N_NON_PCR,
  design: DemoDesign = DEMO_DESIGN,
): DemoCohort {
  checkSeed(seed);
  const total = DEMO_N_PCR + DEMO_N_NON_PCR;
  if (!Number.isInteger(n) || n < 1 || n > total)
    throw new MessageError('demo.sizeInvalid', { total, n: String(n) });
  const calibrator = demoCalibrator(seed);
  const patients = demoOrder(seed, design)
    .slice(0, n)
    .map((g, i) => generatePatient(seed, i, g, design));
  return { seed, width: DEMO_WIDTH, height: DEMO_HEIGHT, calibrator, patients };
}
