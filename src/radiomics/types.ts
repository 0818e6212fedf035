/**
 * Shared types of the PyRadiomics-compatible engine. Pure TypeScript, no DOM.
 * Axis order everywhere is PyRadiomics' numpy order: (z, y, x), x fastest in memory.
 */

/** (z, y, x) triple. */
export type Vec3 = [number, number, number];

/** A scalar image volume; a 2-D image is a volume of depth 1. */
export interface ImageVolume {
  /** Voxel values, index = (z * ny + y) * nx + x. */
  data: ArrayLike<number>;
  /** (nz, ny, nx). */
  size: Vec3;
  /** Voxel spacing (z, y, x) in mm (or pixels when uncalibrated). */
  spacing: Vec3;
  /** Physical position of voxel (0,0,0) in (z, y, x); defaults to 0. */
  origin?: Vec3;
}

/** A label volume on the same grid as the image. */
export interface MaskVolume {
  data: ArrayLike<number>;
  size: Vec3;
  spacing: Vec3;
  origin?: Vec3;
}

/**
 * Input of the texture classes (GLCM, GLRLM, GLSZM, GLDM, NGTDM), made by extract.ts after
 * normalisation, resegmentation and discretisation, cropped to the ROI's bounding box.
 */
export interface TextureInput {
  /** Bounding-box size (nz, ny, nx). */
  size: Vec3;
  /**
   * Discretised grey level (PyRadiomics bin index, >= 1) of every voxel in the bounding box,
   * index (z * ny + y) * nx + x; 0 for voxels outside the ROI.
   */
  levels: Int32Array;
  /** Sorted distinct grey levels present in the ROI (PyRadiomics coefficients['grayLevels']). */
  grayLevels: Int32Array;
  /** Ng = max(grayLevels). */
  Ng: number;
  /** Number of ROI voxels (Np). */
  Np: number;
  /**
   * Neighbour offsets (dz, dy, dx) as PyRadiomics' imageoperations.generateAngles(size,
   * distances, force2D, force2Ddimension) returns them: one of each +/- pair, in its order.
   */
  angles: Vec3[];
  /** Settings the class may read (symmetricalGLCM, weightingNorm, gldm_a, distances, spacing). */
  settings: RadiomicsSettings;
  /** Voxel spacing (z, y, x), for weightingNorm. */
  spacing: Vec3;
}

/** Feature values of one class, keyed by PyRadiomics' short feature name (e.g. 'Correlation'). */
export type FeatureValues = Record<string, number>;

/** PyRadiomics settings, with PyRadiomics' names. See settings.ts for defaults and parsing. */
export interface RadiomicsSettings {
  binWidth: number;
  binCount: number | null;
  normalize: boolean;
  normalizeScale: number;
  removeOutliers: number | null;
  voxelArrayShift: number;
  label: number;
  distances: number[];
  symmetricalGLCM: boolean;
  weightingNorm: 'manhattan' | 'euclidean' | 'infinity' | 'no_weighting' | null;
  gldm_a: number;
  minimumROIDimensions: number;
  minimumROISize: number | null;
  resegmentRange: number[] | null;
  resegmentMode: 'absolute' | 'relative' | 'sigma';
  resegmentShape: boolean;
  force2D: boolean;
  force2Ddimension: number;
  preCrop: boolean;
  padDistance: number;
}
