/** Records stored in the case database (see schema.ts). */
import type { PixelSpacing } from '../imaging';
import type { QcFlag, QpcrEntry } from '../qpcr/analysis';
import type { StoredMessage } from '../util/message';
import type { Roi } from '../roi/roi';
import type { ExtractionSettings } from '../model/modelFile';
import type { RadiomicsSettings } from '../radiomics/types';

/** Case status shown and searched in the case list. */
export type CaseStatus = 'missing-image' | 'missing-roi' | 'missing-qpcr' | 'ready' | 'predicted' | 'outcome';

export const STATUS_LABEL: Record<CaseStatus, string> = {
  'missing-image': 'Missing image',
  'missing-roi': 'Missing ROI',
  'missing-qpcr': 'Missing qPCR',
  ready: 'Ready to predict',
  predicted: 'Predicted',
  outcome: 'Outcome recorded',
};

/** Spacing calibration drawn over the scale bar of a PNG/JPEG image. */
export interface Calibration {
  /** Line end points in image pixels. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Length typed by the user, in mm. */
  lengthMm: number;
}

export interface CaseImageMeta {
  fileName: string;
  format: string;
  width: number;
  height: number;
  /** Spacing from the file (DICOM) or pixel units. */
  fileSpacing: PixelSpacing;
  calibration: Calibration | null;
  /** Frame (DICOM clip) or page (TIFF) shown, 0-based; null for single-frame files. */
  frame?: number | null;
}

export interface StoredFeatures {
  values: Record<string, number>;
  /** PyRadiomics settings used. */
  settings: RadiomicsSettings;
  /** Settings in the model file's terms (for comparison with the model). */
  extraction: ExtractionSettings;
  /** Spacing (z, y, x) the features were computed with, and its unit. */
  spacing: [number, number, number];
  spacingUnit: 'mm' | 'pixel';
  /** Number of ROI pixels. */
  roiPixels: number;
  computedAt: string;
}

export interface StoredQpcrResult {
  relativeExpression: number | null;
  source: 'ddct' | 'pfaffl' | 'direct' | null;
  deltaDeltaCt: number | null;
  /** QC flags; cases saved before messages became codes hold English sentences (shown as they are). */
  flags: (Omit<QcFlag, 'message'> & { message: StoredMessage })[];
}

export interface StoredPrediction {
  modelHash: string;
  modelName: string;
  createdAt: string;
  /** Probability per model kind. */
  probabilities: Partial<Record<'clinical' | 'radiomics' | 'combined', number>>;
  /** The headline model and its neighbours' outcomes. */
  headline: {
    kind: 'clinical' | 'radiomics' | 'combined';
    probability: number;
    pcrNeighbours: number;
    k: number;
  };
  /** Message codes; cases saved before messages became codes hold English sentences (shown as they are). */
  warnings: StoredMessage[];
}

export interface StoredOutcome {
  /** Miller–Payne grade 1–5; pCR = grade 4–5. */
  millerPayne: 1 | 2 | 3 | 4 | 5;
  pcr: boolean;
  recordedAt: string;
}

export interface CaseRecord {
  id: string;
  /** Pseudonymous patient ID (never a name). */
  patientId: string;
  createdAt: string;
  updatedAt: string;
  status: CaseStatus;
  image: CaseImageMeta | null;
  roi: Roi | null;
  /** Optional second reader's ROI on the same image. */
  roi2: Roi | null;
  features: StoredFeatures | null;
  featureUnit: 'mm' | 'pixel';
  qpcr: QpcrEntry;
  qpcrResult: StoredQpcrResult | null;
  prediction: StoredPrediction | null;
  outcome: StoredOutcome | null;
  /**
   * Save counter (schema version 2): incremented by every save; a save whose record carries another
   * revision than the stored one is a conflict (another tab saved in between). Absent = 0.
   */
  revision?: number;
  /** Present while the passphrase lock is on: the encrypted rest of the record (src/security/records.ts). */
  sealed?: { iv: string; data: string };
}

export interface ImageRecord {
  caseId: string;
  blob: Blob;
  fileName: string;
  /** Present while the passphrase lock is on: `blob` is AES-GCM ciphertext with this IV (base64); name = [fileName, type]. */
  sealed?: { iv: string; name: { iv: string; data: string } };
}

export interface CalibratorRun {
  name: string;
  savedAt: string;
  cts: QpcrEntry['cts']['calibrator'];
}

/** A key/value app setting (schema version 2). */
export interface MetaRecord {
  key: string;
  value: unknown;
}

/** One step of the migration log kept in `meta` under 'migrations'. */
export interface MigrationLogEntry {
  from: number;
  to: number;
  at: string;
  /** Records the step changed. */
  records: number;
}
