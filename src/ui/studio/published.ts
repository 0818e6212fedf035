/**
 * The study's published numbers, shown beside a site's own results for orientation only.
 *
 * Source: /work/shared/spec/study-summary.md (the project's summary of the paper "Predictive ability of
 * ultrasound radiomics features combined with miRNA-34a expression levels for pathological complete
 * response in breast cancer patients receiving neoadjuvant chemotherapy"), sections "Cohort",
 * "Molecular arm", "Imaging arm" and "Evaluation reported (Table 3)". Copied verbatim (and "Evaluation reported": the GLCM Contrast–miR-34a correlation); the paper's
 * Table 3 row labels appear swapped (the wide-CI rows fit the 18-case validation set), so the rows are
 * given here under the labels the summary argues are correct, with the paper's label alongside.
 */
import type { ModelKind } from '../../model/modelFile';

export interface PublishedRow {
  auc: number;
  ci95: [number, number];
  sensitivity: number;
  specificity: number;
  accuracy: number;
  precision: number;
  f1: number;
}

export interface PublishedValues {
  cohort: { n: number; pcr: number; nonPcr: number; nTrain: number; nValidation: number };
  /** miR-34a relative expression, mean ± SD (Table 2). */
  mir34a: {
    training: { pcr: [number, number]; nonPcr: [number, number] };
    validation: { pcr: [number, number]; nonPcr: [number, number] };
  };
  /** Published Rad-score (z-scored features). */
  radScore: { intercept: number; coefficients: { name: string; coefficient: number }[] };
  /** Table 3: cross-validated training rows (the paper labels them "validation"). */
  table3Cv: Record<ModelKind, PublishedRow>;
  /** Table 3: validation-set rows (n = 18; the paper labels them "training"). */
  table3Validation: Record<ModelKind, PublishedRow>;
  /** DeLong test on the validation set. */
  delong: { combinedVsClinical: number; combinedVsRadiomics: number };
  /** GLCM Contrast vs miR-34a, Pearson r; the paper gives only "P < 0.01". */
  contrastMir34a: { feature: string; r: number; p: string };
}

export const PUBLISHED: PublishedValues = {
  cohort: { n: 93, pcr: 54, nonPcr: 39, nTrain: 75, nValidation: 18 },
  mir34a: {
    training: { pcr: [0.77, 0.13], nonPcr: [0.44, 0.1] },
    validation: { pcr: [0.8, 0.15], nonPcr: [0.43, 0.17] },
  },
  radScore: {
    intercept: 0.5806451612903225,
    coefficients: [
      { name: 'original_glcm_Correlation', coefficient: 0.025709 },
      { name: 'original_glrlm_ShortRunEmphasis', coefficient: -0.044043 },
      { name: 'original_glszm_GrayLevelNonUniformity', coefficient: 0.06553 },
      { name: 'original_ngtdm_Contrast', coefficient: -0.033418 },
      { name: 'original_shape_Elongation', coefficient: 0.189714 },
    ],
  },
  table3Cv: {
    clinical: {
      auc: 0.764,
      ci95: [0.64, 0.888],
      sensitivity: 0.886,
      specificity: 0.71,
      accuracy: 0.813,
      precision: 0.812,
      f1: 0.848,
    },
    radiomics: {
      auc: 0.806,
      ci95: [0.711, 0.901],
      sensitivity: 0.727,
      specificity: 0.677,
      accuracy: 0.707,
      precision: 0.762,
      f1: 0.744,
    },
    combined: {
      auc: 0.875,
      ci95: [0.792, 0.959],
      sensitivity: 0.864,
      specificity: 0.774,
      accuracy: 0.827,
      precision: 0.844,
      f1: 0.854,
    },
  },
  table3Validation: {
    clinical: {
      auc: 0.787,
      ci95: [0.547, 1.0],
      sensitivity: 0.6,
      specificity: 0.875,
      accuracy: 0.722,
      precision: 0.857,
      f1: 0.706,
    },
    radiomics: {
      auc: 0.806,
      ci95: [0.605, 1.0],
      sensitivity: 0.3,
      specificity: 1.0,
      accuracy: 0.611,
      precision: 1.0,
      f1: 0.462,
    },
    combined: {
      auc: 0.875,
      ci95: [0.712, 1.0],
      sensitivity: 0.6,
      specificity: 1.0,
      accuracy: 0.778,
      precision: 1.0,
      f1: 0.75,
    },
  },
  delong: { combinedVsClinical: 0.015, combinedVsRadiomics: 0.057 },
  contrastMir34a: { feature: 'original_glcm_Contrast', r: 0.38, p: '< 0.01' },
};
