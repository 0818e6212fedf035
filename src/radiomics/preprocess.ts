/**
 * PyRadiomics-compatible preprocessing: label selection, mask checks, bounding box, whole-image
 * normalisation, outlier removal, resegmentation, grey-level discretisation and angle generation.
 * Pure TypeScript, no DOM. Axis order (z, y, x), x fastest.
 */
import { resolveSettings } from './settings';
import type { ImageVolume, MaskVolume, RadiomicsSettings, TextureInput, Vec3 } from './types';
import { message, MessageError, type Message } from '../util/message';

/** Inclusive voxel bounding box of an ROI, in (z, y, x). */
export interface BoundingBox {
  /** First index in each dimension. */
  lower: Vec3;
  /** Last index (inclusive) in each dimension. */
  upper: Vec3;
  /** upper - lower + 1. */
  size: Vec3;
  /** Number of ROI voxels. */
  count: number;
}

/** Checks that a volume's size matches its data length; throws a clear error otherwise. */
function volumeName(what: 'Image' | 'Mask'): Message {
  return what === 'Image' ? message('radiomics.volume.image') : message('radiomics.volume.mask');
}

function checkVolume(what: 'Image' | 'Mask', data: ArrayLike<number>, size: Vec3): number {
  const n = size[0] * size[1] * size[2];
  if (!size.every((s) => Number.isInteger(s) && s > 0))
    throw new MessageError('radiomics.volumeSize', { volume: volumeName(what), size: size.join(', ') });
  if (data.length !== n)
    throw new MessageError('radiomics.volumeLength', {
      volume: volumeName(what),
      length: data.length,
      size: size.join('x'),
      voxels: n,
    });
  return n;
}

/**
 * Selects the voxels of `label` (PyRadiomics getMask): returns a 0/1 array on the mask grid.
 * @throws when the mask holds no label at all, or not this label (message lists the labels present).
 */
export function labelMask(mask: MaskVolume, label: number): Uint8Array {
  const n = checkVolume('Mask', mask.data, mask.size);
  const out = new Uint8Array(n);
  const d = mask.data;
  let found = 0;
  let other = false;
  for (let i = 0; i < n; i++) {
    const v = d[i];
    if (v === label) {
      out[i] = 1;
      found++;
    } else if (v !== 0) other = true;
  }
  if (found === 0) {
    if (!other) throw new MessageError('radiomics.maskEmpty');
    const labels = new Set<number>();
    for (let i = 0; i < n && labels.size < 50; i++) if (d[i] !== 0) labels.add(d[i]);
    throw new MessageError('radiomics.labelMissing', {
      label,
      labels: [...labels].sort((a, b) => a - b).join(', '),
    });
  }
  return out;
}

/**
 * Bounding box of the voxels of `label` in one pass over the mask (PyRadiomics getMask + bounding box).
 * @throws when the mask holds no label at all, or not this label (message lists the labels present).
 */
export function findLabelBox(mask: MaskVolume, label: number): BoundingBox {
  const [nz, ny, nx] = mask.size;
  const d = mask.data;
  let z0 = nz,
    y0 = ny,
    x0 = nx,
    z1 = -1,
    y1 = -1,
    x1 = -1,
    count = 0;
  let other = false;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      let first = -1,
        last = -1;
      for (let x = 0; x < nx; x++, i++) {
        const v = d[i];
        if (v === label) {
          if (first < 0) first = x;
          last = x;
          count++;
        } else if (v !== 0) other = true;
      }
      if (first >= 0) {
        if (z < z0) z0 = z;
        z1 = z;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
        if (first < x0) x0 = first;
        if (last > x1) x1 = last;
      }
    }
  }
  if (count === 0) {
    if (!other) throw new MessageError('radiomics.maskEmpty');
    labelMask(mask, label); // throws the "Label (…) not present" message with the labels found
  }
  return { lower: [z0, y0, x0], upper: [z1, y1, x1], size: [z1 - z0 + 1, y1 - y0 + 1, x1 - x0 + 1], count };
}

/** Bounding box of the non-zero voxels of `roi`, or null when empty. */
export function computeBoundingBox(roi: Uint8Array, size: Vec3): BoundingBox | null {
  const [nz, ny, nx] = size;
  let z0 = nz,
    y0 = ny,
    x0 = nx,
    z1 = -1,
    y1 = -1,
    x1 = -1,
    count = 0;
  let i = 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++, i++) {
        if (roi[i]) {
          count++;
          if (z < z0) z0 = z;
          if (z > z1) z1 = z;
          if (y < y0) y0 = y;
          if (y > y1) y1 = y;
          if (x < x0) x0 = x;
          if (x > x1) x1 = x;
        }
      }
    }
  }
  if (count === 0) return null;
  return {
    lower: [z0, y0, x0],
    upper: [z1, y1, x1],
    size: [z1 - z0 + 1, y1 - y0 + 1, x1 - x0 + 1],
    count,
  };
}

/**
 * The minimumROIDimensions and minimumROISize checks of PyRadiomics' checkMask on a bounding box,
 * with PyRadiomics' messages.
 */
export function checkBox(bb: BoundingBox, settings: RadiomicsSettings): BoundingBox {
  const ndims = bb.size.filter((s) => s > 1).length;
  if (ndims === 0) throw new MessageError('radiomics.singleVoxel');
  if (ndims < settings.minimumROIDimensions)
    throw new MessageError('radiomics.tooFewDimensions', {
      dimensions: ndims,
      minimum: settings.minimumROIDimensions,
    });
  if (settings.minimumROISize !== null && bb.count <= settings.minimumROISize)
    throw new MessageError('radiomics.roiTooSmall', { minimum: settings.minimumROISize, size: bb.count });
  return bb;
}

/**
 * PyRadiomics imageoperations.checkMask: bounding box, then the minimumROIDimensions and
 * minimumROISize checks, with PyRadiomics' messages.
 */
export function checkMask(roi: Uint8Array, size: Vec3, settings: RadiomicsSettings): BoundingBox {
  const bb = computeBoundingBox(roi, size);
  if (!bb) throw new MessageError('radiomics.maskEmpty');
  return checkBox(bb, settings);
}

/** Image-wide statistics as ITK's StatisticsImageFilter computes them (σ is the N−1 estimate). */
export interface ImageStats {
  mean: number;
  sigma: number;
  min: number;
  max: number;
  count: number;
}

/** Mean, N−1 standard deviation, min and max of all voxels: σ² = (Σx² − (Σx)²/N) / (N − 1). */
export function imageStatistics(data: ArrayLike<number>): ImageStats {
  const n = data.length;
  let sum = 0,
    sumSq = 0,
    min = Infinity,
    max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = +data[i];
    sum += v;
    sumSq += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  const variance = (sumSq - (sum * sum) / n) / (n - 1);
  return { mean, sigma: Math.sqrt(variance), min, max, count: n };
}

/**
 * PyRadiomics normalizeImage (sitk.Normalize, then optional outlier clipping, then scale), over the
 * whole image, in ITK's arithmetic order: x' = ((x + (−μ)) · (1/σ)); clip to ±removeOutliers; · scale.
 * @throws when the image is constant (σ = 0), where normalisation is undefined.
 */
export function normalizeImage(
  data: ArrayLike<number>,
  scale: number,
  removeOutliers: number | null,
): Float64Array {
  const { mean, sigma } = imageStatistics(data);
  if (!(sigma > 0)) throw new MessageError('radiomics.constantImage');
  const shift = -mean;
  const inv = 1 / sigma;
  const n = data.length;
  const out = new Float64Array(n);
  if (removeOutliers === null) {
    for (let i = 0; i < n; i++) out[i] = (data[i] + shift) * inv * scale;
  } else {
    const o = removeOutliers;
    for (let i = 0; i < n; i++) {
      let v = (data[i] + shift) * inv;
      if (v > o) v = o;
      else if (v < -o) v = -o;
      out[i] = v * scale;
    }
  }
  return out;
}

/**
 * PyRadiomics resegmentMask: keeps the ROI voxels whose value lies in the threshold range.
 * Modes: absolute (thresholds as given), relative (× ROI maximum), sigma (μ + t·σ of the ROI, population σ).
 * One threshold keeps values >= it; two keep values in the closed range.
 * @throws when fewer than 2 voxels remain (PyRadiomics' message).
 */
export function resegmentMask(
  image: ArrayLike<number>,
  roi: Uint8Array,
  settings: RadiomicsSettings,
): Uint8Array {
  const range = settings.resegmentRange;
  if (range === null) throw new MessageError('radiomics.resegment.rangeMissing');
  if (range.length === 0 || range.length > 2)
    throw new MessageError('radiomics.resegment.rangeLength', { length: range.length });
  const sorted = [...range].sort((a, b) => a - b);
  const n = roi.length;
  let thresholds: number[];
  if (settings.resegmentMode === 'absolute') thresholds = sorted;
  else if (settings.resegmentMode === 'relative') {
    let max = -Infinity;
    for (let i = 0; i < n; i++) if (roi[i] && image[i] > max) max = image[i];
    thresholds = sorted.map((t) => max * t);
  } else if (settings.resegmentMode === 'sigma') {
    let sum = 0,
      cnt = 0;
    for (let i = 0; i < n; i++)
      if (roi[i]) {
        sum += image[i];
        cnt++;
      }
    const mean = sum / cnt;
    let ss = 0;
    for (let i = 0; i < n; i++)
      if (roi[i]) {
        const d = image[i] - mean;
        ss += d * d;
      }
    const sd = Math.sqrt(ss / cnt);
    thresholds = sorted.map((t) => mean + sd * t);
  } else {
    throw new MessageError('radiomics.resegment.mode', { mode: String(settings.resegmentMode) });
  }
  const lo = thresholds[0];
  const hi = thresholds.length === 2 ? thresholds[1] : Infinity;
  const out = new Uint8Array(n);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    if (roi[i]) {
      const v = image[i];
      if (v >= lo && v <= hi) {
        out[i] = 1;
        kept++;
      }
    }
  }
  if (kept <= 1) throw new MessageError('radiomics.resegment.tooFew', { label: settings.label, kept });
  return out;
}

/** Python/numpy floor-mod for doubles: result has the sign of the divisor. */
function floorMod(a: number, b: number): number {
  let m = a % b;
  if (m !== 0) {
    if (b < 0 !== m < 0) m += b;
  } else m = 0;
  return m;
}

/**
 * numpy.arange(start, stop, step) for doubles: length ceil((stop − start)/step), values
 * start + i·δ with δ = (start + step) − start (numpy's fill uses the difference of the first two values).
 */
export function numpyArange(start: number, stop: number, step: number): Float64Array {
  const len = Math.max(0, Math.ceil((stop - start) / step));
  const out = new Float64Array(len);
  if (len === 0) return out;
  out[0] = start;
  if (len > 1) {
    out[1] = start + step;
    const delta = out[1] - start;
    for (let i = 2; i < len; i++) out[i] = start + i * delta;
  }
  return out;
}

/** numpy.linspace(start, stop, num) with endpoint, as numpy computes it (step = Δ/div, last value = stop). */
function numpyLinspace(start: number, stop: number, num: number): Float64Array {
  const div = num - 1;
  const delta = stop - start;
  const out = new Float64Array(num);
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * PyRadiomics getBinEdges over the ROI values.
 * Fixed bin width W: lowBound = min − (min mod W) (floor-mod), edges = arange(lowBound, max + 2W, W).
 * Fixed bin count N: edges of numpy.histogram(values, N) (linspace over [min, max], ±0.5 when flat),
 * with 1 added to the last edge.
 */
export function getBinEdges(values: ArrayLike<number>, settings: RadiomicsSettings): Float64Array {
  const n = values.length;
  if (n === 0) throw new MessageError('radiomics.discretise.empty');
  let min = Infinity,
    max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // ±Infinity (e.g. from a floating-point file) made numpyArange throw a RangeError or the classes fail
  // with an unrelated message (robustness finding F4).
  if (!Number.isFinite(min) || !Number.isFinite(max)) throw new MessageError('radiomics.discretise.infinite');
  if (settings.binCount !== null) {
    let first = min,
      last = max;
    if (first === last) {
      first -= 0.5;
      last += 0.5;
    }
    const edges = numpyLinspace(first, last, settings.binCount + 1);
    edges[edges.length - 1] += 1;
    return edges;
  }
  const w = settings.binWidth;
  const lowBound = min - floorMod(min, w);
  const highBound = max + 2 * w;
  if ((highBound - lowBound) / w > 2 ** 24)
    throw new MessageError('radiomics.discretise.tooManyBins', { min, max, bins: 2 ** 24, width: w });
  const edges = numpyArange(lowBound, highBound, w);
  if (edges.length === 1) return Float64Array.of(edges[0] - 0.5, edges[0] + 0.5);
  return edges;
}

/** numpy.digitize(x, edges) for increasing edges (right=False): the number of edges <= x. */
export function digitize(x: number, edges: Float64Array): number {
  let lo = 0,
    hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Discretises many values with the same edges: numpy.digitize semantics (number of edges <= x), starting
 * from the guess ⌊(x − e₀)/(e₁ − e₀)⌋ + 1 and correcting it against the exact edges, so the result is
 * identical to {@link digitize}. Writes the levels of `values[k]` to `out[k]`; returns the highest level.
 */
export function digitizeAll(values: Float64Array, edges: Float64Array, out: Int32Array): number {
  const len = edges.length;
  const e0 = edges[0];
  const step = edges[1] - edges[0];
  let maxLevel = 0;
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (Number.isNaN(x)) throw new MessageError('radiomics.discretise.nan');
    let i = Math.floor((x - e0) / step) + 1;
    if (!(i >= 0)) i = 0;
    else if (i > len) i = len;
    while (i < len && edges[i] <= x) i++;
    while (i > 0 && edges[i - 1] > x) i--;
    out[k] = i;
    if (i > maxLevel) maxLevel = i;
  }
  return maxLevel;
}

/**
 * Neighbour offsets as PyRadiomics 3.1 generates them (C build_angles, non-bidirectional): all (dz, dy, dx)
 * with offsets in [−D, D] (D = max distance), enumerated with dz slowest from +D down to −D; an angle is
 * kept when its infinity norm is one of `distances`, no |offset| reaches the ROI size in that dimension
 * and, with force2D, it does not move in force2Ddimension. Only the first of each ± pair is returned
 * (13 angles in 3-D for distance 1, 4 in-plane angles on one slice).
 */
export function generateAngles(
  size: Vec3,
  distances: number[],
  force2D: boolean,
  force2Ddimension: number,
): Vec3[] {
  if (distances.length === 0 || distances.some((d) => !Number.isInteger(d) || d < 1))
    throw new MessageError('radiomics.distancesInvalid', { distances: distances.join(', ') });
  const maxD = Math.max(...distances);
  const n = 2 * maxD + 1;
  const total = n * n * n;
  const center = (total - 1) / 2; // index of (0, 0, 0); later indices mirror earlier ones
  const skipDim = force2D ? force2Ddimension : -1;
  const out: Vec3[] = [];
  for (let idx = 0; idx < center; idx++) {
    const a: Vec3 = [
      maxD - (Math.floor(idx / (n * n)) % n),
      maxD - (Math.floor(idx / n) % n),
      maxD - (idx % n),
    ];
    let valid = true;
    let dist = 0;
    for (let d = 0; d < 3; d++) {
      const o = a[d];
      if ((d === skipDim && o !== 0) || o >= size[d] || o <= -size[d]) {
        valid = false;
        break;
      }
      if (Math.abs(o) > dist) dist = Math.abs(o);
    }
    if (valid && dist >= 1 && distances.includes(dist)) out.push(a);
  }
  return out;
}

/** Copies the bounding-box part of a volume into a new array of the box's size. */
export function cropToBox<T extends Float64Array | Uint8Array | Int32Array>(
  data: ArrayLike<number>,
  size: Vec3,
  bb: BoundingBox,
  out: T,
): T {
  const [, ny, nx] = size;
  const [bz, by, bx] = bb.size;
  let o = 0;
  for (let z = 0; z < bz; z++) {
    for (let y = 0; y < by; y++) {
      let i = ((bb.lower[0] + z) * ny + bb.lower[1] + y) * nx + bb.lower[2];
      for (let x = 0; x < bx; x++) out[o++] = data[i++];
    }
  }
  return out;
}

/** Everything the feature classes need, prepared once per image/mask pair. */
export interface PreparedRoi {
  settings: RadiomicsSettings;
  /**
   * Box the shape classes crop to: as in PyRadiomics, the bounding box of the final (possibly resegmented)
   * ROI, equal to `box`.
   */
  shapeBox: BoundingBox;
  /** 0/1 shape mask over shapeBox: the label mask (resegmented mask when resegmentShape), cropped. */
  shapeMask: Uint8Array;
  /** Bounding box of the (possibly resegmented) ROI used by firstorder and the texture classes. */
  box: BoundingBox;
  /** Grey values (after normalisation) of the ROI voxels, in (z, y, x) scan order. */
  values: Float64Array;
  /** Discretised grey level of each ROI voxel, same order as `values`. */
  voxelLevels: Int32Array;
  /** Bin edges used for discretisation. */
  binEdges: Float64Array;
  /** Input of the texture classes. */
  texture: TextureInput;
}

/**
 * Runs PyRadiomics' preprocessing on an image/mask pair: label selection, normalisation (whole image),
 * mask checks, resegmentation (re-checked), discretisation of the ROI values and angle generation.
 */
export function preprocess(image: ImageVolume, mask: MaskVolume, settings: RadiomicsSettings): PreparedRoi {
  checkVolume('Image', image.data, image.size);
  checkVolume('Mask', mask.data, mask.size);
  if (image.size.some((s, i) => s !== mask.size[i]))
    throw new MessageError('radiomics.dimensionMismatch', {
      image: image.size.join('x'),
      mask: mask.size.join('x'),
    });
  const size = image.size;
  const [, ny, nx] = size;

  // 1. label bounding box (PyRadiomics getMask + checkMask)
  const labelBox = checkBox(findLabelBox(mask, settings.label), settings);

  // 2. crop image (normalised over the WHOLE image, in ITK's order) and label mask to the label box
  const nL = labelBox.size[0] * labelBox.size[1] * labelBox.size[2];
  const roiL = new Uint8Array(nL);
  const imgL = new Float64Array(nL);
  const src = image.data;
  const md = mask.data;
  const label = settings.label;
  let shift = 0,
    inv = 1;
  const scale = settings.normalizeScale;
  const clip = settings.removeOutliers;
  if (settings.normalize) {
    const st = imageStatistics(src);
    // NaN/Infinity anywhere in the image was reported as "a constant image" (robustness finding F5).
    if (!Number.isFinite(st.mean) || !Number.isFinite(st.sigma))
      throw new MessageError('radiomics.normaliseNonFinite');
    if (!(st.sigma > 0)) throw new MessageError('radiomics.constantImage');
    shift = -st.mean;
    inv = 1 / st.sigma;
  }
  for (let z = 0, o = 0; z < labelBox.size[0]; z++) {
    for (let y = 0; y < labelBox.size[1]; y++) {
      let i = ((labelBox.lower[0] + z) * ny + labelBox.lower[1] + y) * nx + labelBox.lower[2];
      for (let x = 0; x < labelBox.size[2]; x++, i++, o++) {
        if (md[i] === label) roiL[o] = 1;
        if (!settings.normalize) imgL[o] = src[i];
        else if (clip === null) imgL[o] = (src[i] + shift) * inv * scale;
        else {
          let v = (src[i] + shift) * inv;
          if (v > clip) v = clip;
          else if (v < -clip) v = -clip;
          imgL[o] = v * scale;
        }
      }
    }
  }

  // 3. resegmentation, re-checked (coordinates relative to the label box)
  let roi: Uint8Array = roiL;
  let rel: BoundingBox = {
    lower: [0, 0, 0],
    upper: [labelBox.size[0] - 1, labelBox.size[1] - 1, labelBox.size[2] - 1],
    size: labelBox.size,
    count: labelBox.count,
  };
  if (settings.resegmentRange !== null) {
    roi = resegmentMask(imgL, roiL, settings);
    rel = checkMask(roi, labelBox.size, settings);
  }
  const box: BoundingBox = {
    lower: [
      labelBox.lower[0] + rel.lower[0],
      labelBox.lower[1] + rel.lower[1],
      labelBox.lower[2] + rel.lower[2],
    ],
    upper: [
      labelBox.lower[0] + rel.upper[0],
      labelBox.lower[1] + rel.upper[1],
      labelBox.lower[2] + rel.upper[2],
    ],
    size: [rel.size[0], rel.size[1], rel.size[2]],
    count: rel.count,
  };
  const nBox = box.size[0] * box.size[1] * box.size[2];
  const same = nBox === nL;
  const boxMask = same ? roi : cropToBox(roi, labelBox.size, rel, new Uint8Array(nBox));
  const boxValues = same ? imgL : cropToBox(imgL, labelBox.size, rel, new Float64Array(nBox));
  // PyRadiomics computeShape(image, mask, boundingBox) crops the label mask (the resegmented one only with
  // resegmentShape) to the bounding box of the last checkMask, i.e. the resegmented ROI's box.
  const shapeSrc = settings.resegmentShape ? roi : roiL;
  const shapeMask = same
    ? Uint8Array.from(shapeSrc)
    : cropToBox(shapeSrc, labelBox.size, rel, new Uint8Array(nBox));

  // 4. ROI values in scan order and their discretisation
  const values = new Float64Array(box.count);
  for (let i = 0, k = 0; i < nBox; i++) if (boxMask[i]) values[k++] = boxValues[i];
  const binEdges = getBinEdges(values, settings);
  const voxelLevels = new Int32Array(box.count);
  const maxLevel = digitizeAll(values, binEdges, voxelLevels);
  const levels = new Int32Array(nBox);
  for (let i = 0, k = 0; i < nBox; i++) if (boxMask[i]) levels[i] = voxelLevels[k++];
  const present = new Uint8Array(maxLevel + 1);
  for (let k = 0; k < voxelLevels.length; k++) present[voxelLevels[k]] = 1;
  let nGl = 0;
  for (let l = 1; l <= maxLevel; l++) nGl += present[l];
  const grayLevels = new Int32Array(nGl);
  for (let l = 1, k = 0; l <= maxLevel; l++) if (present[l]) grayLevels[k++] = l;

  const angles = generateAngles(box.size, settings.distances, settings.force2D, settings.force2Ddimension);
  const texture: TextureInput = {
    size: [box.size[0], box.size[1], box.size[2]],
    levels,
    grayLevels,
    Ng: maxLevel,
    Np: box.count,
    angles,
    settings,
    spacing: [image.spacing[0], image.spacing[1], image.spacing[2]],
  };
  return { settings, shapeBox: box, shapeMask, box, values, voxelLevels, binEdges, texture };
}

/**
 * Builds the texture-class input for an image/mask pair with PyRadiomics' preprocessing.
 * @param settings partial settings merged over PyRadiomics' defaults (e.g. STUDY_PRESET)
 */
export function prepareTextureInput(
  image: ImageVolume,
  mask: MaskVolume,
  settings: Partial<RadiomicsSettings> = {},
): TextureInput {
  return preprocess(image, mask, resolveSettings(settings)).texture;
}
