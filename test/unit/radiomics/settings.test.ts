import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FEATURE_CLASSES,
  DEFAULT_SETTINGS,
  FEATURE_NAMES,
  parseParams,
  resolveSettings,
  STUDY_PRESET,
} from '../../../src/radiomics/settings';
import { thrownMessage } from '../../fixtures/thrownMessage';

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
    const refused = (input: Record<string, unknown>) => thrownMessage(() => resolveSettings(input));
    expect(refused({ binWidth: 0 })).toEqual({
      code: 'radiomics.setting.notAbove',
      params: { key: 'binWidth', bound: 0, value: 0 },
    });
    expect(refused({ binCount: 2.5 })).toEqual({
      code: 'radiomics.setting.notInteger',
      params: { key: 'binCount', value: 2.5 },
    });
    expect(refused({ distances: [] })).toEqual({
      code: 'radiomics.setting.distances',
      params: { key: 'distances' },
    });
    expect(refused({ weightingNorm: 'cosine' })).toMatchObject({
      code: 'radiomics.setting.choice',
      params: { key: 'weightingNorm', value: '"cosine"' },
    });
    expect(refused({ resegmentMode: 'percent' })).toMatchObject({
      code: 'radiomics.setting.choice',
      params: { key: 'resegmentMode', value: '"percent"' },
    });
    expect(refused({ resampledPixelSpacing: [2, 2, 2] })).toEqual({
      code: 'radiomics.setting.resampling',
      params: { key: 'resampledPixelSpacing' },
    });
    expect(refused({ sigma: [1, 2] })).toMatchObject({
      code: 'radiomics.setting.unsupported',
      params: { key: 'sigma' },
    });
    expect(refused({ kernelRadius: 1 })).toMatchObject({
      code: 'radiomics.setting.unsupported',
      params: { key: 'kernelRadius' },
    });
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
    const refused = (text: string, format?: 'json') => thrownMessage(() => parseParams(text, format));
    expect(refused('imageType:\n  LoG: {sigma: [1.0]}\n')).toEqual({
      code: 'radiomics.params.imageType',
      params: { imageType: 'LoG' },
    });
    expect(refused('imageType:\n  Original: {binWidth: 5}\n').code).toBe('radiomics.params.imageTypeCustom');
    expect(refused('featureClass:\n  wavelet: []\n')).toMatchObject({
      code: 'radiomics.featureClass.unsupported',
      params: { featureClass: 'wavelet' },
    });
    expect(refused('featureClass:\n  glcm: [SumVariance]\n')).toMatchObject({
      code: 'radiomics.featureClass.unknownFeature',
      params: { featureClass: 'glcm', feature: '"SumVariance"' },
    });
    expect(refused('setting:\n  resampledPixelSpacing: [1, 1, 1]\n')).toEqual({
      code: 'radiomics.setting.resampling',
      params: { key: 'resampledPixelSpacing' },
    });
    expect(refused('setting:\n  interpolator: sitkFoo\n')).toEqual({
      code: 'radiomics.setting.interpolator',
      params: { key: 'interpolator', value: '"sitkFoo"' },
    });
    expect(refused('voxelSetting:\n  kernelRadius: 2\n')).toEqual({
      code: 'radiomics.params.unknownSection',
      params: { section: 'voxelSetting' },
    });
    expect(refused('{ not json', 'json')).toMatchObject({
      code: 'radiomics.params.invalid',
      params: { format: 'JSON' },
    });
    expect(refused('- a\n- b\n').code).toBe('radiomics.params.notMapping');
  });
});
