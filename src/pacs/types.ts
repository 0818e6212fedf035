/**
 * Types shared by the PACS modules (DICOMweb client, SR writer/reader, outbox) and the store layer.
 * Pure TypeScript, no DOM. Every problem is reported as a `MessageError` with a `pacs.*` code (texts in
 * src/i18n/en.ts and zh.ts under `code.pacs`).
 *
 * Codes (params in braces):
 * - `pacs.notConfigured`  no DICOMweb root URL is configured (nothing is contacted).
 * - `pacs.badUrl` {url}   the root URL is not an http(s) URL or a same-origin path.
 * - `pacs.unreachable` {url}  network error / timeout / proxy answered 502–504: the PACS cannot be reached.
 * - `pacs.unavailable` {status}  HTTP 503 (server busy or starting): try again later (kept in the outbox).
 * - `pacs.unauthorized`   HTTP 401: credentials missing or wrong (ask again).
 * - `pacs.forbidden`      HTTP 403: the account may not do this (ask again / ask the PACS administrator).
 * - `pacs.notFound` {what}  HTTP 404 or an empty retrieve: study/series/instance absent.
 * - `pacs.rejected` {reason, count}  STOW-RS: the server refused the object(s) (FailedSOPSequence,
 *   FailureReason in hex, e.g. "A700"/"C000"); permanent, kept in the outbox for the user to decide.
 * - `pacs.notKept` {listed}  STOW-RS answered (listing the instance as stored or not) but QIDO-RS
 *   does not find it: a server rule filtered it out (Orthanc's ReceivedInstanceFilter). Kept, rejected.
 * - `pacs.conflict` {reason}  STOW-RS HTTP 409 with no per-instance detail.
 * - `pacs.badResponse` {detail}  the server's answer is not what DICOMweb specifies.
 * - `pacs.httpError` {status}  any other HTTP error status.
 * - `pacs.nonAsciiQuery` {field}  a QIDO value with non-ASCII characters (Orthanc 1.10 does not
 *   percent-decode query values: search patients by Patient ID instead of name).
 * - `pacs.notDicomSource`  the case's image is not a DICOM instance (nothing to reference).
 * - `pacs.noAnalysis` {missing}  nothing to store yet (ROI / features / prediction missing).
 * - `pacs.notSonomirSr`   a DICOM object that is not a SonoMiR measurement report.
 * - `pacs.badSr` {detail}  a SonoMiR SR that cannot be read back (damaged / unexpected content).
 */
import type { Roi } from '../roi/roi';

/** How requests to the PACS authenticate. Secrets live in memory only (never in localStorage). */
export type PacsAuth =
  | { kind: 'none' }
  | { kind: 'basic'; user: string; password: string }
  /** `getToken` is called for every request (a token that rotates is picked up at once). */
  | { kind: 'bearer'; getToken: () => string | Promise<string> };

/** Configuration of a DICOMweb client. */
export interface DicomwebConfig {
  /**
   * DICOMweb root, e.g. `/dicom-web` (same origin, through the hospital's reverse proxy — the
   * default and what the CSP allows) or an absolute `https://…/dicom-web` URL. No trailing slash needed.
   */
  root: string;
  auth: PacsAuth;
  /** fetch implementation (tests, Node); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Per-request timeout in ms (default 30 000); a timeout is `pacs.unreachable`. */
  timeoutMs?: number;
}

/** QIDO-RS study search. Values must be ASCII (see `pacs.nonAsciiQuery`). Empty fields are not sent. */
export interface StudyQuery {
  patientId?: string;
  accessionNumber?: string;
  /** Study date range, YYYYMMDD (either end may be absent). */
  dateFrom?: string;
  dateTo?: string;
  /** ModalitiesInStudy; default 'US'. Pass '' to search every modality. */
  modality?: string;
  /** Maximum number of studies (default 100). */
  limit?: number;
}

/** One study of a QIDO-RS answer (names decoded from the DICOM JSON, i.e. Unicode). */
export interface StudySummary {
  studyInstanceUid: string;
  patientName: string;
  patientId: string;
  /** YYYYMMDD or ''. */
  studyDate: string;
  studyTime: string;
  accessionNumber: string;
  studyDescription: string;
  modalities: string[];
  numberOfSeries: number | null;
  numberOfInstances: number | null;
}

export interface SeriesSummary {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  modality: string;
  seriesNumber: number | null;
  seriesDescription: string;
  numberOfInstances: number | null;
}

export interface InstanceSummary {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  instanceNumber: number | null;
  numberOfFrames: number | null;
  rows: number | null;
  columns: number | null;
}

/** One instance the server stored (STOW-RS ReferencedSOPSequence item). */
export interface StoredInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  retrieveUrl: string;
}

/** One instance the server refused (STOW-RS FailedSOPSequence item). */
export interface FailedInstance {
  sopClassUid: string;
  sopInstanceUid: string;
  /** FailureReason (0008,1197) as 4 hex digits, e.g. 'A700', 'C000', '0110'; '' when absent. */
  reason: string;
}

/** Outcome of a STOW-RS request that the server answered with a response message. */
export interface StoreResult {
  /** HTTP status (200 all stored, 202 some stored / warnings, 409 none stored). */
  status: number;
  stored: StoredInstance[];
  failed: FailedInstance[];
}

/** The patient/study context copied from the source image into the SR (same patient, same study). */
export interface StudyContext {
  /** Patient's Name in Unicode (decoded with the source's SpecificCharacterSet). */
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  patientSex: string;
  studyInstanceUid: string;
  studyDate: string;
  studyTime: string;
  studyId: string;
  accessionNumber: string;
  referringPhysicianName: string;
  studyDescription: string;
  /** The image the analysis was made on. */
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  /** Number of frames of the source (1 for single-frame). */
  frames: number;
}

/** Model probabilities by kind (fractions 0–1). */
export type ModelProbabilities = Partial<Record<'clinical' | 'radiomics' | 'combined', number>>;

/** What a SonoMiR measurement report holds (written by writeSonomirSr, restored by readSonomirSr). */
export interface SonomirAnalysis {
  context: StudyContext;
  /** 0-based frame of the source the ROI was drawn on (null for single-frame sources). */
  frame: number | null;
  /** The ROI on the source's pixel grid. */
  roi: Roi;
  /** PyRadiomics feature name (e.g. 'original_glcm_Correlation') → value. */
  features: Record<string, number>;
  /** Unit the features were computed in ('mm' calibrated or 'pixel'). */
  featureUnit: 'mm' | 'pixel';
  /** miR-34a relative expression (2^-ΔΔCt), or null when not measured. */
  mir34a: number | null;
  probabilities: ModelProbabilities;
  model: { name: string; version: string; sha256: string };
  /** Operator (Person Observer Name), Unicode. */
  operator: string;
  /** When the analysis was made (ISO 8601). */
  analysedAt: string;
  /**
   * The app's own records for an exact restore (extraction settings, spacing, prediction headline…),
   * stored as JSON in a private TEXT item; the DICOM-coded items above are the interoperable content.
   * The store layer fills and reads it (`features` = StoredFeatures, `prediction` = StoredPrediction,
   * `qpcrResult` = StoredQpcrResult of src/db/types.ts).
   */
  details?: Record<string, unknown>;
}

/** A SonoMiR SR's identity on the PACS. */
export interface SrIdentity {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** ContentDate + ContentTime as ISO 8601 (UTC offset of the writer). */
  contentDateTime: string;
}
