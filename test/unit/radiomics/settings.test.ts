import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CLASSES,
  DEFAULT_SETTINGS,
  FEATURE_NAMES,
  parseParams,
  resolveSettings,
  STUDY_PRESET,
} from '../../../src/radiomics/settings';

describe('settings defaults', () => {
  it('holds PyRadiomics defaults', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
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
  });

  it('has the study preset and the 107 default features in 7 classes', () => {
    expect(STUDY_PRESET).toEqual({
      normalize: true,
      normalizeScale: 100,
      voxelArrayShift: 300,
      binWidth: 25,
    });
    expect(DEFAULT_FEATURE_CLASSES).toEqual([
      'shape',
      'firstorder',
      'glcm',
      'glrlm',
      'glszm',
      'gldm',
      'ngtdm',
    ]);
    const counts = DEFAULT_FEATURE_CLASSES.map((c) => FEATURE_NAMES[c].length);
    expect(counts).toEqual([14, 18, 24, 16, 16, 14, 5]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(107);
    expect(FEATURE_NAMES.shape2D).toHaveLength(9);
  });

  it('merges partial settings over the defaults without sharing arrays', () => {
    const s = resolveSettings(STUDY_PRESET);
    expect(s.normalize).toBe(true);
    expect(s.normalizeScale).toBe(100);
    expect(s.voxelArrayShift).toBe(300);
    expect(s.binWidth).toBe(25);
    expect(s.minimumROIDimensions).toBe(2);
    s.distances.push(2);
    expect(DEFAULT_SETTINGS.distances).toEqual([1]);
  });

  it('rejects invalid values and unsupported keys, naming the key', () => {
    expect(() => resolveSettings({ binWidth: 0 })).toThrow(/binWidth.*> 0/);
    expect(() => resolveSettings({ binCount: 2.5 } as never)).toThrow(/binCount.*integer/);
    expect(() => resolveSettings({ distances: [] })).toThrow(/distances/);
    expect(() => resolveSettings({ weightingNorm: 'cosine' } as never)).toThrow(/weightingNorm/);
    expect(() => resolveSettings({ resegmentMode: 'percent' } as never)).toThrow(/resegmentMode/);
    expect(() => resolveSettings({ resampledPixelSpacing: [2, 2, 2] } as never)).toThrow(
      /resampledPixelSpacing.*resampling is not supported/,
    );
    expect(() => resolveSettings({ sigma: [1, 2] } as never)).toThrow(/Setting 'sigma': not supported/);
    expect(() => resolveSettings({ kernelRadius: 1 } as never)).toThrow(/kernelRadius/);
  });

  it('accepts inert keys and reports them in notes', () => {
    const notes: string[] = [];
    resolveSettings(
      {
        interpolator: 'sitkBSpline',
        resampledPixelSpacing: null,
        additionalInfo: true,
        correctMask: true,
      } as never,
      notes,
    );
    expect(notes.join('\n')).toMatch(/interpolator/);
    expect(notes.join('\n')).toMatch(/correctMask/);
  });
});

describe('parseParams', () => {
  it('reads a YAML parameter file like PyRadiomics', () => {
    const yaml = [
      '# study settings',
      'imageType:',
      '  Original: {}',
      'featureClass:',
      '  shape:',
      '  glcm: [Correlation, Autocorrelation]',
      'setting:',
      '  normalize: true',
      '  normalizeScale: 100',
      '  voxelArrayShift: 300',
      '  binWidth: 25',
      '  label: 1',
      '  resampledPixelSpacing:',
      '  distances: [1, 2]',
      '  weightingNorm: euclidean',
    ].join('\n');
    const p = parseParams(yaml, 'yaml');
    expect(p.settings).toMatchObject({
      ...STUDY_PRESET,
      label: 1,
      distances: [1, 2],
      weightingNorm: 'euclidean',
    });
    expect(p.imageTypes).toEqual(['Original']);
    expect(p.featureClasses.shape).toEqual(FEATURE_NAMES.shape);
    // PyRadiomics' order within the class, not the file's
    expect(p.featureClasses.glcm).toEqual(['Autocorrelation', 'Correlation']);
  });

  it('reads JSON and enables the 7 default classes when featureClass is absent', () => {
    const p = parseParams(JSON.stringify({ setting: { binCount: 64 } }), 'json');
    expect(p.settings.binCount).toBe(64);
    expect(Object.keys(p.featureClasses)).toEqual([...DEFAULT_FEATURE_CLASSES]);
    expect(p.imageTypes).toEqual(['Original']);
  });

  it('throws a specific error for every unsupported element', () => {
    expect(() => parseParams('imageType:\n  LoG: {sigma: [1.0]}\n')).toThrow(
      /imageType 'LoG' is not supported/,
    );
    expect(() => parseParams('imageType:\n  Original: {binWidth: 5}\n')).toThrow(/custom settings/);
    expect(() => parseParams('featureClass:\n  wavelet: []\n')).toThrow(/featureClass 'wavelet'/);
    expect(() => parseParams('featureClass:\n  glcm: [SumVariance]\n')).toThrow(
      /"SumVariance" is not supported/,
    );
    expect(() => parseParams('setting:\n  resampledPixelSpacing: [1, 1, 1]\n')).toThrow(
      /resampledPixelSpacing/,
    );
    expect(() => parseParams('setting:\n  interpolator: sitkFoo\n')).toThrow(/interpolator/);
    expect(() => parseParams('voxelSetting:\n  kernelRadius: 2\n')).toThrow(/section 'voxelSetting'/);
    expect(() => parseParams('{ not json', 'json')).toThrow(/not valid JSON/);
    expect(() => parseParams('- a\n- b\n')).toThrow(/must be a mapping/);
  });
});
