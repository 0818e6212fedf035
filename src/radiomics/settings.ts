/**
 * PyRadiomics settings: defaults, the study preset, feature-class catalogue and a parser for
 * PyRadiomics parameter files (YAML or JSON with `setting`, `imageType` and `featureClass` sections).
 * Pure TypeScript, no DOM.
 */
import { parse as parseYaml } from 'yaml';
import type { RadiomicsSettings } from './types';
import { MessageError, type MessageParams } from '../util/message';

/** Feature classes the engine implements, in PyRadiomics' output order. */
export const FEATURE_CLASSES = [
  'shape',
  'shape2D',
  'firstorder',
  'glcm',
  'glrlm',
  'glszm',
  'gldm',
  'ngtdm',
] as const;

/** Name of a feature class. */
export type FeatureClassName = (typeof FEATURE_CLASSES)[number];

/**
 * The features of each class that PyRadiomics enables by default, alphabetical (PyRadiomics' own
 * output order within a class).
 */
export const FEATURE_NAMES: Record<FeatureClassName, readonly string[]> = {
  shape: [
    'Elongation',
    'Flatness',
    'LeastAxisLength',
    'MajorAxisLength',
    'Maximum2DDiameterColumn',
    'Maximum2DDiameterRow',
    'Maximum2DDiameterSlice',
    'Maximum3DDiameter',
    'MeshVolume',
    'MinorAxisLength',
    'Sphericity',
    'SurfaceArea',
    'SurfaceVolumeRatio',
    'VoxelVolume',
  ],
  shape2D: [
    'Elongation',
    'MajorAxisLength',
    'MaximumDiameter',
    'MeshSurface',
    'MinorAxisLength',
    'Perimeter',
    'PerimeterSurfaceRatio',
    'PixelSurface',
    'Sphericity',
  ],
  firstorder: [
    '10Percentile',
    '90Percentile',
    'Energy',
    'Entropy',
    'InterquartileRange',
    'Kurtosis',
    'Maximum',
    'MeanAbsoluteDeviation',
    'Mean',
    'Median',
    'Minimum',
    'Range',
    'RobustMeanAbsoluteDeviation',
    'RootMeanSquared',
    'Skewness',
    'TotalEnergy',
    'Uniformity',
    'Variance',
  ],
  glcm: [
    'Autocorrelation',
    'ClusterProminence',
    'ClusterShade',
    'ClusterTendency',
    'Contrast',
    'Correlation',
    'DifferenceAverage',
    'DifferenceEntropy',
    'DifferenceVariance',
    'Id',
    'Idm',
    'Idmn',
    'Idn',
    'Imc1',
    'Imc2',
    'InverseVariance',
    'JointAverage',
    'JointEnergy',
    'JointEntropy',
    'MCC',
    'MaximumProbability',
    'SumAverage',
    'SumEntropy',
    'SumSquares',
  ],
  glrlm: [
    'GrayLevelNonUniformity',
    'GrayLevelNonUniformityNormalized',
    'GrayLevelVariance',
    'HighGrayLevelRunEmphasis',
    'LongRunEmphasis',
    'LongRunHighGrayLevelEmphasis',
    'LongRunLowGrayLevelEmphasis',
    'LowGrayLevelRunEmphasis',
    'RunEntropy',
    'RunLengthNonUniformity',
    'RunLengthNonUniformityNormalized',
    'RunPercentage',
    'RunVariance',
    'ShortRunEmphasis',
    'ShortRunHighGrayLevelEmphasis',
    'ShortRunLowGrayLevelEmphasis',
  ],
  glszm: [
    'GrayLevelNonUniformity',
    'GrayLevelNonUniformityNormalized',
    'GrayLevelVariance',
    'HighGrayLevelZoneEmphasis',
    'LargeAreaEmphasis',
    'LargeAreaHighGrayLevelEmphasis',
    'LargeAreaLowGrayLevelEmphasis',
    'LowGrayLevelZoneEmphasis',
    'SizeZoneNonUniformity',
    'SizeZoneNonUniformityNormalized',
    'SmallAreaEmphasis',
    'SmallAreaHighGrayLevelEmphasis',
    'SmallAreaLowGrayLevelEmphasis',
    'ZoneEntropy',
    'ZonePercentage',
    'ZoneVariance',
  ],
  gldm: [
    'DependenceEntropy',
    'DependenceNonUniformity',
    'DependenceNonUniformityNormalized',
    'DependenceVariance',
    'GrayLevelNonUniformity',
    'GrayLevelVariance',
    'HighGrayLevelEmphasis',
    'LargeDependenceEmphasis',
    'LargeDependenceHighGrayLevelEmphasis',
    'LargeDependenceLowGrayLevelEmphasis',
    'LowGrayLevelEmphasis',
    'SmallDependenceEmphasis',
    'SmallDependenceHighGrayLevelEmphasis',
    'SmallDependenceLowGrayLevelEmphasis',
  ],
  ngtdm: ['Busyness', 'Coarseness', 'Complexity', 'Contrast', 'Strength'],
};

/** PyRadiomics' default settings (RadiomicsFeatureExtractor and the feature classes' own defaults). */
export const DEFAULT_SETTINGS: Readonly<RadiomicsSettings> = Object.freeze({
  binWidth: 25,
  binCount: null,
  normalize: false,
  normalizeScale: 1,
  removeOutliers: null,
  voxelArrayShift: 0,
  label: 1,
  distances: [1],
  symmetricalGLCM: true,
  weightingNorm: null,
  gldm_a: 0,
  minimumROIDimensions: 2,
  minimumROISize: null,
  resegmentRange: null,
  resegmentMode: 'absolute',
  resegmentShape: false,
  force2D: false,
  force2Ddimension: 0,
  preCrop: false,
  padDistance: 5,
});

/** The study's settings: z-scored image x 100, shifted by 300 for the energy features, bin width 25. */
export const STUDY_PRESET: Partial<RadiomicsSettings> = Object.freeze({
  normalize: true,
  normalizeScale: 100,
  voxelArrayShift: 300,
  binWidth: 25,
});

/** Default feature classes: the 7 classes of the study's 107 features. */
export const DEFAULT_FEATURE_CLASSES: readonly FeatureClassName[] = [
  'shape',
  'firstorder',
  'glcm',
  'glrlm',
  'glszm',
  'gldm',
  'ngtdm',
];

/** Interpolator names PyRadiomics accepts (only relevant when resampling). */
const INTERPOLATORS = new Set([
  'sitkNearestNeighbor',
  'sitkLinear',
  'sitkBSpline',
  'sitkGaussian',
  'sitkLabelGaussian',
  'sitkHammingWindowedSinc',
  'sitkCosineWindowedSinc',
  'sitkWelchWindowedSinc',
  'sitkLanczosWindowedSinc',
  'sitkBlackmanWindowedSinc',
]);

/** Throws a settings error (a `radiomics.setting.*` code, whose text names the key first). */
function fail(key: string, code: `radiomics.setting.${string}`, params: MessageParams = {}): never {
  throw new MessageError(code, { key, ...params });
}

/** A value as the parameter file would spell it (for messages). */
const shown = (v: unknown): string => String(JSON.stringify(v));

/** Checks a number (optionally an integer within bounds). */
function num(key: string, v: unknown, opts: { int?: boolean; min?: number; gt?: number } = {}): number {
  if (typeof v !== 'number' || !Number.isFinite(v))
    fail(key, 'radiomics.setting.notNumber', { value: shown(v) });
  if (opts.int && !Number.isInteger(v)) fail(key, 'radiomics.setting.notInteger', { value: v });
  if (opts.min !== undefined && v < opts.min)
    fail(key, 'radiomics.setting.tooSmall', { min: opts.min, value: v });
  if (opts.gt !== undefined && !(v > opts.gt))
    fail(key, 'radiomics.setting.notAbove', { bound: opts.gt, value: v });
  return v;
}

/** Checks a boolean. */
function bool(key: string, v: unknown): boolean {
  if (typeof v !== 'boolean') fail(key, 'radiomics.setting.notBoolean', { value: shown(v) });
  return v;
}

/**
 * Validates settings given as PyRadiomics keyword arguments and merges them over the defaults.
 * Keys that would change PyRadiomics' result in a way the engine does not implement (resampling,
 * filters, voxel-based extraction, …) throw an Error naming the key. Keys that have no effect
 * without resampling or filters (`interpolator`, `preCrop: true`, `additionalInfo`, `correctMask`)
 * are accepted and reported in `notes`; `resampledPixelSpacing: null` and `padDistance` (only used
 * around filters) are accepted silently since they describe exactly what the engine does.
 */
export function resolveSettings(
  input: Record<string, unknown> | Partial<RadiomicsSettings> | undefined,
  notes: string[] = [],
): RadiomicsSettings {
  const s: RadiomicsSettings = { ...DEFAULT_SETTINGS, distances: [...DEFAULT_SETTINGS.distances] };
  if (!input) return s;
  const entries = Object.entries(input as Record<string, unknown>);
  for (const [key, v] of entries) {
    if (v === undefined) continue;
    switch (key) {
      case 'binWidth':
        s.binWidth = num(key, v, { gt: 0 });
        break;
      case 'binCount':
        s.binCount = v === null ? null : num(key, v, { int: true, min: 1 });
        break;
      case 'normalize':
        s.normalize = bool(key, v);
        break;
      case 'normalizeScale':
        s.normalizeScale = num(key, v, { gt: 0 });
        break;
      case 'removeOutliers':
        s.removeOutliers = v === null ? null : num(key, v, { gt: 0 });
        break;
      case 'voxelArrayShift':
        s.voxelArrayShift = num(key, v);
        break;
      case 'label':
        s.label = num(key, v, { int: true });
        break;
      case 'distances': {
        if (!Array.isArray(v) || v.length === 0) fail(key, 'radiomics.setting.distances');
        s.distances = v.map((d) => num(key, d, { int: true, min: 1 }));
        break;
      }
      case 'symmetricalGLCM':
        s.symmetricalGLCM = bool(key, v);
        break;
      case 'weightingNorm':
        if (v !== null && v !== 'manhattan' && v !== 'euclidean' && v !== 'infinity' && v !== 'no_weighting')
          fail(key, 'radiomics.setting.choice', {
            choices: "null, 'manhattan', 'euclidean', 'infinity', 'no_weighting'",
            value: shown(v),
          });
        s.weightingNorm = v;
        break;
      case 'gldm_a':
        s.gldm_a = num(key, v, { int: true, min: 0 });
        break;
      case 'minimumROIDimensions':
        s.minimumROIDimensions = num(key, v, { int: true, min: 1 });
        if (s.minimumROIDimensions > 3)
          fail(key, 'radiomics.setting.choice', { choices: '1, 2, 3', value: shown(v) });
        break;
      case 'minimumROISize':
        s.minimumROISize = v === null ? null : num(key, v, { int: true, min: 1 });
        break;
      case 'resegmentRange': {
        if (v === null) {
          s.resegmentRange = null;
          break;
        }
        if (!Array.isArray(v) || v.length < 1 || v.length > 2) fail(key, 'radiomics.setting.resegmentRange');
        s.resegmentRange = v.map((t) => num(key, t));
        break;
      }
      case 'resegmentMode':
        if (v !== 'absolute' && v !== 'relative' && v !== 'sigma')
          fail(key, 'radiomics.setting.choice', {
            choices: "'absolute', 'relative', 'sigma'",
            value: shown(v),
          });
        s.resegmentMode = v;
        break;
      case 'resegmentShape':
        s.resegmentShape = bool(key, v);
        break;
      case 'force2D':
        s.force2D = bool(key, v);
        break;
      case 'force2Ddimension':
        s.force2Ddimension = num(key, v, { int: true, min: 0 });
        if (s.force2Ddimension > 2)
          fail(key, 'radiomics.setting.choice', { choices: '0, 1, 2', value: shown(v) });
        break;
      case 'preCrop':
        s.preCrop = bool(key, v);
        if (s.preCrop) notes.push('preCrop has no effect on the features without resampling or filters');
        break;
      case 'padDistance':
        s.padDistance = num(key, v, { int: true, min: 0 });
        break;
      case 'additionalInfo':
        bool(key, v);
        notes.push('additionalInfo: diagnostics are always reported');
        break;
      case 'resampledPixelSpacing':
        if (v !== null) fail(key, 'radiomics.setting.resampling');
        break;
      case 'correctMask':
        bool(key, v);
        notes.push('correctMask: the mask must be given on the image grid (resample it beforehand)');
        break;
      case 'interpolator':
        if (v !== null && !(typeof v === 'string' && INTERPOLATORS.has(v)) && typeof v !== 'number')
          fail(key, 'radiomics.setting.interpolator', { value: shown(v) });
        notes.push(`interpolator ${JSON.stringify(v)} has no effect: the engine does not resample`);
        break;
      default:
        fail(key, 'radiomics.setting.unsupported', {
          supported:
            Object.keys(DEFAULT_SETTINGS).join(', ') +
            ', additionalInfo, correctMask, resampledPixelSpacing: null, interpolator',
        });
    }
  }
  if (s.binCount !== null && entries.some(([k, v]) => k === 'binWidth' && v !== undefined)) {
    // PyRadiomics lets binCount win; say so instead of silently ignoring binWidth.
    notes.push('binCount is set, binWidth is ignored (as in PyRadiomics)');
  }
  return s;
}

/** Result of {@link parseParams}. */
export interface ParsedParams {
  /** Full settings (defaults merged with the file's `setting` section). */
  settings: RadiomicsSettings;
  /** Enabled classes, each with its enabled features (all of the class when the file gives none). */
  featureClasses: Record<string, string[]>;
  /** Enabled image types (only 'Original' is supported). */
  imageTypes: string[];
  /** Keys accepted although they have no effect (e.g. interpolator without resampling). */
  notes: string[];
}

/**
 * Validates a `featureClass` mapping ({class: [features] | null}); empty or null lists enable all
 * features of the class. Unknown classes or features throw.
 */
export function resolveFeatureClasses(input: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [cls, list] of Object.entries(input)) {
    if (!(FEATURE_CLASSES as readonly string[]).includes(cls))
      throw new MessageError('radiomics.featureClass.unsupported', {
        featureClass: cls,
        supported: FEATURE_CLASSES.join(', '),
      });
    const known = FEATURE_NAMES[cls as FeatureClassName];
    if (list === null || list === undefined || (Array.isArray(list) && list.length === 0)) {
      out[cls] = [...known];
      continue;
    }
    if (!Array.isArray(list)) throw new MessageError('radiomics.featureClass.notList', { featureClass: cls });
    for (const f of list) {
      if (typeof f !== 'string' || !known.includes(f))
        throw new MessageError('radiomics.featureClass.unknownFeature', {
          featureClass: cls,
          feature: shown(f),
          known: known.join(', '),
        });
    }
    // Keep PyRadiomics' order (alphabetical within the class), drop duplicates.
    out[cls] = known.filter((f) => (list as string[]).includes(f));
  }
  return out;
}

/**
 * Parses a PyRadiomics parameter file. `format` 'yaml' (YAML is a superset of JSON, so JSON text works
 * too) or 'json'. Sections: `setting`, `imageType` (only `Original`), `featureClass`; a missing
 * `featureClass` enables the 7 default classes, a missing `imageType` enables `Original`.
 * Throws an Error naming the offending key for anything the engine does not support.
 */
export function parseParams(text: string, format: 'yaml' | 'json' = 'yaml'): ParsedParams {
  let doc: unknown;
  try {
    doc = format === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new MessageError(
      'radiomics.params.invalid',
      { format: format.toUpperCase(), detail: e instanceof Error ? e.message : String(e) },
      { cause: e },
    );
  }
  if (doc === null || doc === undefined) doc = {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new MessageError('radiomics.params.notMapping');
  const notes: string[] = [];
  const root = doc as Record<string, unknown>;
  for (const key of Object.keys(root)) {
    if (key !== 'setting' && key !== 'imageType' && key !== 'featureClass')
      throw new MessageError('radiomics.params.unknownSection', { section: key });
  }
  const section = (name: string): Record<string, unknown> | null => {
    const v = root[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'object' || Array.isArray(v))
      throw new MessageError('radiomics.params.sectionNotMapping', { section: name });
    return v as Record<string, unknown>;
  };
  const settings = resolveSettings(section('setting') ?? undefined, notes);
  const imageTypeSection = section('imageType');
  const imageTypes: string[] = [];
  if (imageTypeSection === null) imageTypes.push('Original');
  else {
    for (const [type, custom] of Object.entries(imageTypeSection)) {
      if (type !== 'Original') throw new MessageError('radiomics.params.imageType', { imageType: type });
      if (custom !== null && (typeof custom !== 'object' || Object.keys(custom as object).length > 0))
        throw new MessageError('radiomics.params.imageTypeCustom');
      imageTypes.push(type);
    }
    if (imageTypes.length === 0) throw new MessageError('radiomics.params.imageTypeEmpty');
  }
  const fcSection = section('featureClass');
  const featureClasses = resolveFeatureClasses(
    fcSection ?? Object.fromEntries(DEFAULT_FEATURE_CLASSES.map((c) => [c, null])),
  );
  return { settings, featureClasses, imageTypes, notes };
}
