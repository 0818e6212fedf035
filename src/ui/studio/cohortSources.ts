/**
 * Where a Model Studio cohort comes from: the embedded demo cohort CSV, an imported cohort CSV, or the
 * saved cases that have an outcome. Also reads a user-defined split from a `set` column.
 */
import type { CaseRecord } from '../../store/storage';
import { parseCohortCsv, type Cohort } from '../../model/cohort';
import { STUDY_EXTRACTION_SETTINGS, type ExtractionSettings } from '../../model/modelFile';
import type { IndexSplit } from '../../model/split';
import { STUDY_FEATURE_NAMES } from '../../radiomics/extract';
import { message, MessageError, type Message, type StoredMessage } from '../../util/message';

export interface StudioCohort {
  cohort: Cohort;
  /** Where it came from, for the report header (a file name is shown as it is). */
  label: StoredMessage;
  /** Settings the features were extracted with (written into the model). */
  extraction: ExtractionSettings;
  /** Remarks shown with the cohort summary (cases left out and why). */
  notes: Message[];
}

/** A cohort CSV's text → cohort (errors name the line and column). */
export function cohortFromCsv(
  text: string,
  label: string,
  extraction = STUDY_EXTRACTION_SETTINGS,
): StudioCohort {
  return { cohort: parseCohortCsv(text, { what: label }), label, extraction, notes: [] };
}

const SET_COLUMN = /^(?:set|split)$/i;
const TRAIN = /^(?:train|training)$/i;
const VALIDATION = /^(?:validation|valid|test)$/i;

/**
 * The split given by a `set` (or `split`) column with values train/training and validation/test.
 * @returns null when the cohort has no such column.
 * @throws Error naming the case with another value.
 */
export function splitFromSetColumn(cohort: Cohort): IndexSplit | null {
  const col = cohort.clinical.find((v) => SET_COLUMN.test(v.name));
  if (!col) return null;
  const split: IndexSplit = { train: [], test: [] };
  col.values.forEach((v, i) => {
    const s = String(v ?? '').trim();
    if (TRAIN.test(s)) split.train.push(i);
    else if (VALIDATION.test(s)) split.test.push(i);
    else {
      throw new MessageError('cohort.badSetValue', { column: col.name, id: cohort.ids[i], value: s });
    }
  });
  return split;
}

/** The cohort without its second-reader features (the ICC filter then does not run). */
export function withoutReader2(cohort: Cohort): Cohort {
  return { ...cohort, reader2: null };
}

/** The cohort without the split column among its clinical variables (it is not a baseline variable). */
export function withoutSetColumn(cohort: Cohort): Cohort {
  return { ...cohort, clinical: cohort.clinical.filter((v) => !SET_COLUMN.test(v.name)) };
}

/**
 * Builds a cohort from saved cases: those with an outcome, features and a miR-34a value. Cases whose
 * features were extracted with other settings than the majority are left out (with a note).
 * @throws Error when fewer than 10 cases qualify.
 */
export function cohortFromCases(records: CaseRecord[]): StudioCohort {
  const notes: Message[] = [];
  const usable = records.filter((r) => {
    const why = !r.outcome
      ? null
      : !r.features
        ? 'cohort.leftOutNoFeatures'
        : r.qpcrResult?.relativeExpression == null
          ? 'cohort.leftOutNoMir'
          : '';
    if (why) notes.push(message(why, { id: r.patientId || r.id }));
    return why === '';
  });
  const key = (r: CaseRecord) => JSON.stringify(r.features!.extraction);
  const counts = new Map<string, number>();
  for (const r of usable) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  const majority = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const cases = usable.filter((r) => {
    if (key(r) === majority) return true;
    notes.push(message('cohort.leftOutSettings', { id: r.patientId || r.id }));
    return false;
  });
  const withOutcome = records.filter((r) => r.outcome).length;
  if (cases.length < 10) {
    throw new MessageError('cohort.tooFewCases', { n: cases.length, withOutcome });
  }
  const names = STUDY_FEATURE_NAMES.filter((n) => cases.every((r) => Number.isFinite(r.features!.values[n])));
  const cohort: Cohort = {
    ids: cases.map((r) => r.patientId || r.id),
    featureNames: names,
    features: cases.map((r) => names.map((n) => r.features!.values[n])),
    mir34a: cases.map((r) => r.qpcrResult!.relativeExpression as number),
    pcr: cases.map((r) => (r.outcome!.pcr ? 1 : 0)),
    reader2: null,
    clinical: [],
  };
  return {
    cohort,
    label: message('cohort.savedCohort', { n: cases.length }),
    extraction: cases[0].features!.extraction,
    notes,
  };
}
