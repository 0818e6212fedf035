/**
 * Feature extraction entry point of the PyRadiomics-compatible engine: runs PyRadiomics'
 * preprocessing (label selection, whole-image normalisation, mask checks, resegmentation,
 * discretisation) and the enabled feature classes, and returns the features under PyRadiomics'
 * names (`original_<class>_<Feature>`), in PyRadiomics' order, with per-class timings and
 * `diagnostics_*` entries like PyRadiomics' command line. Pure TypeScript, no DOM.
 */
import { computeFirstOrder } from './firstorder';
import { computeGlcm } from './glcm';
import { computeGldm } from './gldm';
import { computeGlrlm } from './glrlm';
import { computeGlszm } from './glszm';
import { computeNgtdm } from './ngtdm';
import { preprocess, type PreparedRoi } from './preprocess';
import {
  DEFAULT_FEATURE_CLASSES,
  FEATURE_CLASSES,
  FEATURE_NAMES,
  resolveFeatureClasses,
  resolveSettings,
  type FeatureClassName,
} from './settings';
import { imageHashBytes, sha1Hex, voxelBytes } from './sha1';
import { computeShape } from './shape';
import { computeShape2D } from './shape2D';
import type { FeatureValues, ImageVolume, MaskVolume, RadiomicsSettings, Vec3 } from './types';
import { MessageError } from '../util/message';

/** Name and version of this engine, reported in the diagnostics. */
export const ENGINE_NAME = 'sonomir-radiomics';
/** Engine version. */
export const ENGINE_VERSION = '0.1.0';
/** PyRadiomics version whose numbers the engine reproduces. */
export const PYRADIOMICS_COMPAT_VERSION = '3.1.0';

/** The study's 107 features, in PyRadiomics' output order (shape, firstorder, glcm, glrlm, glszm, gldm, ngtdm). */
export const STUDY_FEATURE_NAMES: readonly string[] = DEFAULT_FEATURE_CLASSES.flatMap((cls) =>
  FEATURE_NAMES[cls].map((f) => `original_${cls}_${f}`),
);

/** The 5 features of the study's Rad-score model. */
export const MODEL_FEATURES: readonly string[] = [
  'original_glcm_Correlation',
  'original_glrlm_ShortRunEmphasis',
  'original_glszm_GrayLevelNonUniformity',
  'original_ngtdm_Contrast',
  'original_shape_Elongation',
];

/** Options of {@link extractFeatures}. */
export interface ExtractOptions {
  /** Settings merged over PyRadiomics' defaults (e.g. STUDY_PRESET). */
  settings?: Partial<RadiomicsSettings>;
  /** Enabled classes and features ({class: [] | null} = all features of the class); default the 7 study classes. */
  featureClasses?: Record<string, string[] | null>;
  /**
   * Compute the `diagnostics_*` entries (default true). The interactive app turns them off: it stores
   * features and settings, and the SHA-1 of a large image costs more than some feature classes.
   */
  diagnostics?: boolean;
}

/** Result of {@link extractFeatures}. */
export interface ExtractionResult {
  /** Features as [PyRadiomics name, value], in PyRadiomics' order. */
  features: Array<[string, number]>;
  /** The same features keyed by name. */
  values: Record<string, number>;
  /** `diagnostics_*` entries (PyRadiomics CLI style), as [name, value-as-text]. */
  diagnostics: Array<[string, string]>;
  /** Milliseconds per step: 'preprocess', each class name, 'diagnostics' and 'total'. */
  timings: Record<string, number>;
  /** Settings used (defaults merged with the options). */
  settings: RadiomicsSettings;
  /** Remarks on accepted settings that have no effect (e.g. interpolator without resampling). */
  notes: string[];
}

/** Current time in ms (performance.now exists in browsers, workers and Node). */
function now(): number {
  return globalThis.performance.now();
}

/** Python-style tuple text of numbers, e.g. "(1.0, 2.5, 3.0)" for floats, "(1, 2)" for ints. */
function tuple(values: number[], float: boolean): string {
  const text = values.map((v) => (float && Number.isInteger(v) ? v.toFixed(1) : String(v)));
  return `(${text.join(', ')})`;
}

/**
 * Number of face-connected (6-neighbourhood) components of the label voxels inside a bounding box
 * (SimpleITK ConnectedComponent's default connectivity); iterative flood fill, no per-voxel allocation.
 */
function countComponents(roi: Uint8Array, size: Vec3, box: { lower: Vec3; size: Vec3 }): number {
  const [bz, by, bx] = box.size;
  const n = bz * by * bx;
  // Copy the box (1 = unvisited label voxel), then flood-fill it.
  const cells = new Uint8Array(n);
  for (let z = 0, o = 0; z < bz; z++)
    for (let y = 0; y < by; y++) {
      let i = ((box.lower[0] + z) * size[1] + box.lower[1] + y) * size[2] + box.lower[2];
      for (let x = 0; x < bx; x++) cells[o++] = roi[i++];
    }
  const stack = new Int32Array(n);
  const plane = by * bx;
  let count = 0;
  for (let start = 0; start < n; start++) {
    if (cells[start] !== 1) continue;
    count++;
    let top = 0;
    stack[top++] = start;
    cells[start] = 2;
    while (top > 0) {
      const i = stack[--top];
      const x = i % bx;
      const y = ((i - x) / bx) % by;
      const z = (i - x - y * bx) / plane;
      if (x > 0 && cells[i - 1] === 1) {
        cells[i - 1] = 2;
        stack[top++] = i - 1;
      }
      if (x < bx - 1 && cells[i + 1] === 1) {
        cells[i + 1] = 2;
        stack[top++] = i + 1;
      }
      if (y > 0 && cells[i - bx] === 1) {
        cells[i - bx] = 2;
        stack[top++] = i - bx;
      }
      if (y < by - 1 && cells[i + bx] === 1) {
        cells[i + bx] = 2;
        stack[top++] = i + bx;
      }
      if (z > 0 && cells[i - plane] === 1) {
        cells[i - plane] = 2;
        stack[top++] = i - plane;
      }
      if (z < bz - 1 && cells[i + plane] === 1) {
        cells[i + plane] = 2;
        stack[top++] = i + plane;
      }
    }
  }
  return count;
}

/** Bounding box of the non-zero voxels of a 0/1 volume (non-empty). */
function labelBox(roi: Uint8Array, size: Vec3): { lower: Vec3; size: Vec3 } {
  const [nz, ny, nx] = size;
  const lo: Vec3 = [nz, ny, nx];
  const hi: Vec3 = [-1, -1, -1];
  for (let i = 0, z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++)
        if (roi[i]) {
          if (z < lo[0]) lo[0] = z;
          if (z > hi[0]) hi[0] = z;
          if (y < lo[1]) lo[1] = y;
          if (y > hi[1]) hi[1] = y;
          if (x < lo[2]) lo[2] = x;
          if (x > hi[2]) hi[2] = x;
        }
  return { lower: lo, size: [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1] };
}

/**
 * Builds the diagnostics entries (image and mask statistics before preprocessing, settings, versions).
 * Hashes are SHA-1 of the voxel buffers as SimpleITK's Hash reports them in PyRadiomics: the image in
 * the array type it is given (pass the file's own sample type, e.g. Int16Array, to get PyRadiomics'
 * hash), the mask cast to UInt32 as PyRadiomics' getMask does. Tuples are in SimpleITK's (x, y, z) order.
 */
function diagnosticsOf(
  image: ImageVolume,
  mask: MaskVolume,
  settings: RadiomicsSettings,
  classes: Record<string, string[]>,
): Array<[string, string]> {
  const [nz, ny, nx] = image.size;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  const d = image.data;
  for (let i = 0; i < d.length; i++) {
    const v = +d[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // Label mask over the whole grid, for voxel count, components and centre of mass.
  const label = settings.label;
  const roi = new Uint8Array(mask.data.length);
  let voxels = 0;
  let cz = 0;
  let cy = 0;
  let cx = 0;
  for (let i = 0, z = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++)
        if (mask.data[i] === label) {
          roi[i] = 1;
          voxels++;
          cz += z;
          cy += y;
          cx += x;
        }
  cz /= voxels;
  cy /= voxels;
  cx /= voxels;
  const bb = labelBox(roi, image.size);
  const xyz = (v: Vec3): number[] => [v[2], v[1], v[0]];
  return [
    ['diagnostics_Versions_Engine', `${ENGINE_NAME} ${ENGINE_VERSION}`],
    ['diagnostics_Versions_PyRadiomicsCompatible', PYRADIOMICS_COMPAT_VERSION],
    ['diagnostics_Configuration_Settings', JSON.stringify(settings)],
    ['diagnostics_Configuration_EnabledImageTypes', JSON.stringify({ Original: {} })],
    ['diagnostics_Configuration_EnabledFeatureClasses', JSON.stringify(classes)],
    ['diagnostics_Image-original_Hash', sha1Hex(imageHashBytes(image.data))],
    ['diagnostics_Image-original_Dimensionality', '3D'],
    ['diagnostics_Image-original_Spacing', tuple(xyz(image.spacing), true)],
    ['diagnostics_Image-original_Size', tuple(xyz(image.size), false)],
    ['diagnostics_Image-original_Mean', String(sum / d.length)],
    ['diagnostics_Image-original_Minimum', String(min)],
    ['diagnostics_Image-original_Maximum', String(max)],
    // PyRadiomics casts the mask to UInt32 (getMask) before hashing it.
    ['diagnostics_Mask-original_Hash', sha1Hex(voxelBytes(Uint32Array.from(mask.data)))],
    ['diagnostics_Mask-original_Spacing', tuple(xyz(mask.spacing), true)],
    ['diagnostics_Mask-original_Size', tuple(xyz(mask.size), false)],
    ['diagnostics_Mask-original_BoundingBox', tuple([...xyz(bb.lower), ...xyz(bb.size)], false)],
    ['diagnostics_Mask-original_VoxelNum', String(voxels)],
    ['diagnostics_Mask-original_VolumeNum', String(countComponents(roi, image.size, bb))],
    ['diagnostics_Mask-original_CenterOfMassIndex', tuple([cx, cy, cz], true)],
  ];
}

/**
 * 2-D shape features of the one-slice ROI (PyRadiomics shape2D with force2D): the shape mask with
 * the `force2Ddimension` axis removed.
 * @throws when force2D is off or the ROI spans more than one slice along force2Ddimension.
 */
function shape2DOf(prep: PreparedRoi, spacing: Vec3, settings: RadiomicsSettings): FeatureValues {
  if (!settings.force2D) throw new MessageError('radiomics.shape2D.needsForce2D');
  const dim = settings.force2Ddimension;
  const size = prep.shapeBox.size;
  if (size[dim] !== 1)
    throw new MessageError('radiomics.shape2D.slices', { slices: size[dim], dimension: dim });
  const keep = [0, 1, 2].filter((k) => k !== dim) as [number, number];
  return computeShape2D(prep.shapeMask, [size[keep[0]], size[keep[1]]], [spacing[keep[0]], spacing[keep[1]]]);
}

/**
 * Extracts PyRadiomics features from an image and its label mask.
 *
 * Steps (as PyRadiomics' RadiomicsFeatureExtractor.execute without resampling or filters):
 * label selection; normalisation of the whole image (when `normalize`); mask checks
 * (minimumROIDimensions, minimumROISize); optional resegmentation; shape (or shape2D) on the label
 * mask; first-order and texture classes on the ROI grey values discretised with binWidth/binCount.
 * @throws an Error with a specific message for invalid settings, a mismatched mask, an empty ROI,
 *   a label not present, or an ROI failing the checks.
 */
export function extractFeatures(
  image: ImageVolume,
  mask: MaskVolume,
  options: ExtractOptions = {},
): ExtractionResult {
  const t0 = now();
  const notes: string[] = [];
  const settings = resolveSettings(options.settings, notes);
  const classes = resolveFeatureClasses(
    options.featureClasses ?? Object.fromEntries(DEFAULT_FEATURE_CLASSES.map((c) => [c, null])),
  );
  if (Object.keys(classes).length === 0) throw new MessageError('radiomics.featureClass.none');
  const timings: Record<string, number> = {};

  let t = now();
  const prep = preprocess(image, mask, settings);
  timings.preprocess = now() - t;

  const features: Array<[string, number]> = [];
  for (const cls of FEATURE_CLASSES) {
    const wanted = classes[cls];
    if (!wanted) continue;
    t = now();
    const values = computeClass(cls, prep, image.spacing, settings);
    timings[cls] = now() - t;
    for (const f of wanted) {
      const v = values[f];
      if (v === undefined)
        throw new MessageError('radiomics.internal', { what: `class ${cls} did not compute feature ${f}` });
      features.push([`original_${cls}_${f}`, v]);
    }
  }
  t = now();
  const diagnostics = options.diagnostics === false ? [] : diagnosticsOf(image, mask, settings, classes);
  timings.diagnostics = now() - t;
  timings.total = now() - t0;
  return { features, values: Object.fromEntries(features), diagnostics, timings, settings, notes };
}

/** Runs one feature class on the prepared ROI. */
function computeClass(
  cls: FeatureClassName,
  prep: PreparedRoi,
  spacing: Vec3,
  settings: RadiomicsSettings,
): FeatureValues {
  switch (cls) {
    case 'shape':
      return computeShape(prep.shapeMask, prep.shapeBox.size, spacing);
    case 'shape2D':
      return shape2DOf(prep, spacing, settings);
    case 'firstorder':
      return computeFirstOrder({ values: prep.values, voxelLevels: prep.voxelLevels, spacing, settings });
    case 'glcm':
      return computeGlcm(prep.texture);
    case 'glrlm':
      return computeGlrlm(prep.texture);
    case 'glszm':
      return computeGlszm(prep.texture);
    case 'gldm':
      return computeGldm(prep.texture);
    case 'ngtdm':
      return computeNgtdm(prep.texture);
  }
}
