/**
 * Codes of the radiomics features in SR measurement reports: the IBSI identifier (coding scheme
 * "IBSI", Image Biomarker Standardisation Initiative reference manual) where PyRadiomics computes
 * the IBSI-defined feature, else a private code (scheme "99SONOMIR").
 *
 * Must stay true (codes are stored in PACS objects; never change a shipped code):
 * - An IBSI code is given only where the PyRadiomics definition equals the IBSI one. Private are:
 *   firstorder Kurtosis (PyRadiomics' is not the IBSI excess kurtosis: +3), Energy and RootMeanSquared
 *   (PyRadiomics adds voxelArrayShift — 300 in the study preset — before squaring; IBSI does not),
 *   TotalEnergy (scaled by the voxel volume, no IBSI feature), glcm MCC, the shape Maximum2DDiameter* features and the shape2D
 *   class (IBSI morphology is defined for 3-D ROIs).
 * - Every code value has at most 16 characters (SH); each feature has exactly one code and each code
 *   one feature (unit-tested).
 */
import { FEATURE_CLASSES, FEATURE_NAMES } from '../radiomics/settings';

export const IBSI_SCHEME = 'IBSI';
export const PRIVATE_SCHEME = '99SONOMIR';

export interface FeatureCode {
  /** PyRadiomics name, e.g. 'original_glcm_Correlation'. */
  name: string;
  scheme: typeof IBSI_SCHEME | typeof PRIVATE_SCHEME;
  value: string;
  /** Code Meaning (≤ 64 characters): the IBSI name, or the PyRadiomics name for private codes. */
  meaning: string;
}

/** `class_Feature` → [IBSI code, IBSI name]. */
const IBSI: Record<string, [string, string]> = {
  shape_MeshVolume: ['RNU0', 'Volume'],
  shape_VoxelVolume: ['YEKZ', 'Approximate volume'],
  shape_SurfaceArea: ['C0JK', 'Surface area'],
  shape_SurfaceVolumeRatio: ['2PR5', 'Surface to volume ratio'],
  shape_Sphericity: ['QCFX', 'Sphericity'],
  shape_Maximum3DDiameter: ['L0JK', 'Maximum 3D diameter'],
  shape_MajorAxisLength: ['TDIC', 'Major axis length'],
  shape_MinorAxisLength: ['P9VJ', 'Minor axis length'],
  shape_LeastAxisLength: ['7J51', 'Least axis length'],
  shape_Elongation: ['Q3CK', 'Elongation'],
  shape_Flatness: ['N17B', 'Flatness'],
  firstorder_Mean: ['Q4LE', 'Mean'],
  firstorder_Variance: ['ECT3', 'Variance'],
  firstorder_Skewness: ['KE2A', 'Skewness'],
  firstorder_Median: ['Y12H', 'Median'],
  firstorder_Minimum: ['1GSF', 'Minimum grey level'],
  firstorder_10Percentile: ['QG58', '10th percentile'],
  firstorder_90Percentile: ['8DWT', '90th percentile'],
  firstorder_Maximum: ['84IY', 'Maximum grey level'],
  firstorder_InterquartileRange: ['SALO', 'Interquartile range'],
  firstorder_Range: ['2OJQ', 'Range'],
  firstorder_MeanAbsoluteDeviation: ['4FUA', 'Mean absolute deviation'],
  firstorder_RobustMeanAbsoluteDeviation: ['1128', 'Robust mean absolute deviation'],
  firstorder_Entropy: ['TLU2', 'Intensity histogram entropy'],
  firstorder_Uniformity: ['BJ5W', 'Intensity histogram uniformity'],
  glcm_Autocorrelation: ['QWB0', 'Autocorrelation'],
  glcm_JointAverage: ['60VM', 'Joint average'],
  glcm_ClusterProminence: ['AE86', 'Cluster prominence'],
  glcm_ClusterShade: ['7NFM', 'Cluster shade'],
  glcm_ClusterTendency: ['DG8W', 'Cluster tendency'],
  glcm_Contrast: ['ACUI', 'Contrast'],
  glcm_Correlation: ['NI2N', 'Correlation'],
  glcm_DifferenceAverage: ['TF7R', 'Difference average'],
  glcm_DifferenceEntropy: ['NTRS', 'Difference entropy'],
  glcm_DifferenceVariance: ['D3YU', 'Difference variance'],
  glcm_Id: ['IB1Z', 'Inverse difference'],
  glcm_Idm: ['WF0Z', 'Inverse difference moment'],
  glcm_Idmn: ['1QCO', 'Normalised inverse difference moment'],
  glcm_Idn: ['NDRX', 'Normalised inverse difference'],
  glcm_Imc1: ['R8DG', 'First measure of information correlation'],
  glcm_Imc2: ['JN9H', 'Second measure of information correlation'],
  glcm_InverseVariance: ['E8JP', 'Inverse variance'],
  glcm_JointEnergy: ['8ZQL', 'Angular second moment'],
  glcm_JointEntropy: ['TU9B', 'Joint entropy'],
  glcm_MaximumProbability: ['GYBY', 'Joint maximum'],
  glcm_SumAverage: ['ZGXS', 'Sum average'],
  glcm_SumEntropy: ['P6QZ', 'Sum entropy'],
  glcm_SumSquares: ['UR99', 'Joint variance'],
  glrlm_ShortRunEmphasis: ['22OV', 'Short runs emphasis'],
  glrlm_LongRunEmphasis: ['W4KF', 'Long runs emphasis'],
  glrlm_LowGrayLevelRunEmphasis: ['V3SW', 'Low grey level run emphasis'],
  glrlm_HighGrayLevelRunEmphasis: ['G3QZ', 'High grey level run emphasis'],
  glrlm_ShortRunLowGrayLevelEmphasis: ['HTZT', 'Short run low grey level emphasis'],
  glrlm_ShortRunHighGrayLevelEmphasis: ['GD3A', 'Short run high grey level emphasis'],
  glrlm_LongRunLowGrayLevelEmphasis: ['IVPO', 'Long run low grey level emphasis'],
  glrlm_LongRunHighGrayLevelEmphasis: ['3KUM', 'Long run high grey level emphasis'],
  glrlm_GrayLevelNonUniformity: ['R5YN', 'Grey level non-uniformity (GLRLM)'],
  glrlm_GrayLevelNonUniformityNormalized: ['OVBL', 'Normalised grey level non-uniformity (GLRLM)'],
  glrlm_RunLengthNonUniformity: ['W92Y', 'Run length non-uniformity'],
  glrlm_RunLengthNonUniformityNormalized: ['IC23', 'Normalised run length non-uniformity'],
  glrlm_RunPercentage: ['9ZK5', 'Run percentage'],
  glrlm_GrayLevelVariance: ['8CE5', 'Grey level variance (GLRLM)'],
  glrlm_RunVariance: ['SXLW', 'Run length variance'],
  glrlm_RunEntropy: ['HJ9O', 'Run entropy'],
  glszm_SmallAreaEmphasis: ['5QRC', 'Small zone emphasis'],
  glszm_LargeAreaEmphasis: ['48P8', 'Large zone emphasis'],
  glszm_LowGrayLevelZoneEmphasis: ['XMSY', 'Low grey level zone emphasis'],
  glszm_HighGrayLevelZoneEmphasis: ['5GN9', 'High grey level zone emphasis'],
  glszm_SmallAreaLowGrayLevelEmphasis: ['5RAI', 'Small zone low grey level emphasis'],
  glszm_SmallAreaHighGrayLevelEmphasis: ['HW1V', 'Small zone high grey level emphasis'],
  glszm_LargeAreaLowGrayLevelEmphasis: ['YH51', 'Large zone low grey level emphasis'],
  glszm_LargeAreaHighGrayLevelEmphasis: ['J17V', 'Large zone high grey level emphasis'],
  glszm_GrayLevelNonUniformity: ['JNSA', 'Grey level non-uniformity (GLSZM)'],
  glszm_GrayLevelNonUniformityNormalized: ['Y1RO', 'Normalised grey level non-uniformity (GLSZM)'],
  glszm_SizeZoneNonUniformity: ['4JP3', 'Zone size non-uniformity'],
  glszm_SizeZoneNonUniformityNormalized: ['VB3A', 'Normalised zone size non-uniformity'],
  glszm_ZonePercentage: ['P30P', 'Zone percentage'],
  glszm_GrayLevelVariance: ['BYLV', 'Grey level variance (GLSZM)'],
  glszm_ZoneVariance: ['3NSA', 'Zone size variance'],
  glszm_ZoneEntropy: ['GU8N', 'Zone size entropy'],
  gldm_SmallDependenceEmphasis: ['SODN', 'Low dependence emphasis'],
  gldm_LargeDependenceEmphasis: ['IMOQ', 'High dependence emphasis'],
  gldm_LowGrayLevelEmphasis: ['TL9H', 'Low grey level count emphasis'],
  gldm_HighGrayLevelEmphasis: ['OAE7', 'High grey level count emphasis'],
  gldm_SmallDependenceLowGrayLevelEmphasis: ['EQ3F', 'Low dependence low grey level emphasis'],
  gldm_SmallDependenceHighGrayLevelEmphasis: ['JA6D', 'Low dependence high grey level emphasis'],
  gldm_LargeDependenceLowGrayLevelEmphasis: ['NBZI', 'High dependence low grey level emphasis'],
  gldm_LargeDependenceHighGrayLevelEmphasis: ['9QMG', 'High dependence high grey level emphasis'],
  gldm_GrayLevelNonUniformity: ['FP8K', 'Grey level non-uniformity (NGLDM)'],
  gldm_DependenceNonUniformity: ['Z87G', 'Dependence count non-uniformity'],
  gldm_DependenceNonUniformityNormalized: ['OKJI', 'Dependence count non-uniformity normalised'],
  gldm_GrayLevelVariance: ['1PFV', 'Grey level variance (NGLDM)'],
  gldm_DependenceVariance: ['DNX2', 'Dependence count variance'],
  gldm_DependenceEntropy: ['FCBV', 'Dependence count entropy'],
  ngtdm_Coarseness: ['QCDE', 'Coarseness'],
  ngtdm_Contrast: ['65HE', 'Contrast (NGTDM)'],
  ngtdm_Busyness: ['NQ30', 'Busyness'],
  ngtdm_Complexity: ['HDEZ', 'Complexity'],
  ngtdm_Strength: ['1X9X', 'Strength'],
};

/** Short class prefixes of private codes (with the feature's index in FEATURE_NAMES). */
const PREFIX: Record<string, string> = {
  shape: 'SHAPE',
  shape2D: 'SHAPE2D',
  firstorder: 'FO',
  glcm: 'GLCM',
  glrlm: 'GLRLM',
  glszm: 'GLSZM',
  gldm: 'GLDM',
  ngtdm: 'NGTDM',
};

const BY_NAME = new Map<string, FeatureCode>();
const BY_CODE = new Map<string, FeatureCode>();
for (const cls of FEATURE_CLASSES) {
  FEATURE_NAMES[cls].forEach((feature, index) => {
    const name = `original_${cls}_${feature}`;
    const ibsi = IBSI[`${cls}_${feature}`];
    const code: FeatureCode = ibsi
      ? { name, scheme: IBSI_SCHEME, value: ibsi[0], meaning: ibsi[1] }
      : { name, scheme: PRIVATE_SCHEME, value: `${PREFIX[cls]}-${index + 1}`, meaning: name };
    BY_NAME.set(name, code);
    BY_CODE.set(`${code.scheme}:${code.value}`, code);
  });
}

/** Every feature's code, in FEATURE_CLASSES / FEATURE_NAMES order. */
export function allFeatureCodes(): FeatureCode[] {
  return [...BY_NAME.values()];
}

/** The code of a PyRadiomics feature name ('original_<class>_<Feature>'), or undefined. */
export function featureCode(name: string): FeatureCode | undefined {
  return BY_NAME.get(name);
}

/** The feature a (scheme, code value) designates, or undefined. */
export function featureOfCode(scheme: string, value: string): FeatureCode | undefined {
  return BY_CODE.get(`${scheme}:${value}`);
}
