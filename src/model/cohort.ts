/**
 * Cohort CSV parsing for model training and prediction. Pure TypeScript, no DOM.
 *
 * Accepted layout (one row per case, header in the first line):
 * - radiomics features named as PyRadiomics names them, `<imageType>_<class>_<feature>`
 *   (e.g. `original_glcm_Contrast`, `original_shape_Elongation`);
 * - `miR34a` (also `miR-34a`, `miRNA34a`, `miRNA-34a`, any case): relative expression 2^−ΔΔCt;
 * - `pCR`: 0 (non-pCR) or 1 (pCR) — required for training, optional for prediction;
 * - optional `id` or `case_id`: case identifier (must be unique);
 * - optional second-reader features `reader2_<feature name>` (same feature extracted from the second
 *   reader's ROI), used for the inter-reader ICC filter;
 * - PyRadiomics bookkeeping columns (`diagnostics_*`, `Image`, `Mask`) are ignored;
 * - any other column is kept as a clinical variable (numeric when every non-empty cell is a number,
 *   otherwise categorical) for the baseline table.
 *
 * Text handling: a UTF-8 byte-order mark is removed; the delimiter is `;` or `,`, whichever occurs
 * more often outside quotes in the header line; cells may be quoted with `"` (a doubled `""` inside
 * quotes is one quote, and quoted cells may span lines); CRLF and LF line ends are accepted; blank
 * lines are skipped. With the `;` delimiter a decimal comma (`0,44`) is read as a decimal point, as
 * European spreadsheet exports write it. Every error names the line number and the column.
 */
import { csvRecords, detectDelimiter } from '../util/csv';
import { MessageError, message, type Message } from '../util/message';

/** A parsed CSV table. */
export interface CsvTable {
  /** Header cells, trimmed. */
  header: string[];
  /** Data rows (cells not trimmed), each with header.length cells. */
  rows: string[][];
  /** 1-based line number in the text at which each data row starts. */
  lines: number[];
  /** Detected delimiter. */
  delimiter: ',' | ';';
}

/**
 * Parses CSV text (RFC 4180 quoting, `,` or `;` delimiter, optional BOM).
 * @param what - name of the table used in error messages (a file name, or a Message naming it).
 * @throws MessageError (`model.csv.*`) on an empty text, an unterminated quote, a duplicated or empty
 *   header name, or a row whose cell count differs from the header's.
 */
export function parseCsv(text: string, what: string | Message = 'CSV'): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (src.trim() === '') throw new MessageError('model.csv.empty', { file: what });
  const delimiter = detectDelimiter(src);
  const { records, openQuoteLine } = csvRecords(src, delimiter);
  if (openQuoteLine !== null)
    throw new MessageError('model.csv.openQuote', { file: what, line: openQuoteLine });
  const [head, ...data] = records;
  const header = head.cells.map((h) => h.trim());
  const seen = new Map<string, number>();
  header.forEach((h, j) => {
    if (h === '')
      throw new MessageError('model.csv.emptyHeader', { file: what, line: head.line, column: j + 1 });
    const prev = seen.get(h);
    if (prev !== undefined) {
      throw new MessageError('model.csv.duplicateHeader', {
        file: what,
        line: head.line,
        name: h,
        first: prev + 1,
        second: j + 1,
      });
    }
    seen.set(h, j);
  });
  for (const r of data) {
    if (r.cells.length !== header.length) {
      throw new MessageError('model.csv.cellCount', {
        file: what,
        line: r.line,
        cells: r.cells.length,
        columns: header.length,
      });
    }
  }
  return { header, rows: data.map((r) => r.cells), lines: data.map((r) => r.line), delimiter };
}

/**
 * Reads one numeric cell. Accepts decimal/exponent notation, `NaN`-free; with `decimalComma` a single
 * comma is read as the decimal point.
 * @returns the number, or null for an empty cell.
 * @param where - the cell's place in error messages (`model.csv.cell`, or a caller's own text).
 * @throws MessageError naming the line and column when the cell is not a finite number.
 */
export function parseNumberCell(raw: string, where: string | Message, decimalComma = false): number | null {
  let s = raw.trim();
  if (s === '') return null;
  if (decimalComma && /^[+-]?\d*,\d+(?:[eE][+-]?\d+)?$/.test(s)) s = s.replace(',', '.');
  if (!/^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(s)) {
    throw new MessageError('model.csv.notNumber', { where, value: raw.trim() });
  }
  const v = Number(s);
  if (!Number.isFinite(v)) throw new MessageError('model.csv.tooLarge', { where, value: raw.trim() });
  return v;
}

/** PyRadiomics image types that may prefix a feature name. */
const IMAGE_TYPE =
  /^(?:original|wavelet-[HL]{1,3}|log-sigma-[0-9-]+mm-[23]D|square|squareroot|logarithm|exponential|gradient|lbp-2D|lbp-3D-(?:m[12]|k))$/;
/** PyRadiomics feature classes. */
const FEATURE_CLASSES = new Set([
  'shape',
  'shape2D',
  'firstorder',
  'glcm',
  'glrlm',
  'glszm',
  'gldm',
  'ngtdm',
]);

/** Whether a column name is a PyRadiomics feature name `<imageType>_<class>_<feature>`. */
export function isPyRadiomicsFeatureName(name: string): boolean {
  const parts = name.split('_');
  if (parts.length !== 3) return false;
  return IMAGE_TYPE.test(parts[0]) && FEATURE_CLASSES.has(parts[1]) && /^[A-Za-z0-9]+$/.test(parts[2]);
}

/** Prefix of second-reader feature columns. */
export const READER2_PREFIX = 'reader2_';

/** Whether a column name designates miR-34a. */
export function isMir34aColumn(name: string): boolean {
  return /^mi(?:r|rna)-?34a$/i.test(name.trim());
}

/** A clinical (non-model) variable of the cohort, for the baseline table. */
export interface ClinicalVariable {
  name: string;
  kind: 'numeric' | 'categorical';
  /** Values per case; null where the cell was empty. */
  values: (number | string | null)[];
}

/** A parsed cohort. Row order is the file's row order. */
export interface Cohort {
  /** Case identifiers (from `id`/`case_id`, or `row <line>` when the file has none). */
  ids: string[];
  /** Radiomics feature names in file column order. */
  featureNames: string[];
  /** Feature values, features[case][feature]. */
  features: number[][];
  /** miR-34a relative expression per case (empty when the column is absent and not required). */
  mir34a: number[];
  /** Outcome per case (1 = pCR), or null when the file has no pCR column. */
  pcr: (0 | 1)[] | null;
  /** Second-reader features (subset of featureNames, same order), when present. */
  reader2: { featureNames: string[]; features: number[][] } | null;
  /** Other columns, kept for the baseline table. */
  clinical: ClinicalVariable[];
}

/** Options of {@link parseCohortCsv}. */
export interface ParseCohortOptions {
  /** Require the pCR column (training: true, the default; prediction: false). */
  requireOutcome?: boolean;
  /** Require the miR34a column (default true). */
  requireMir34a?: boolean;
  /** Name used in error messages: the file name (default: `model.csv.cohortFile`, "cohort CSV"). */
  what?: string | Message;
}

/** PyRadiomics bookkeeping columns that carry no case data. */
function isIgnoredColumn(name: string): boolean {
  return name.startsWith('diagnostics_') || name === 'Image' || name === 'Mask';
}

/**
 * Parses a cohort CSV (see the module comment for the layout).
 * @throws MessageError (`model.csv.*`, `model.cohort.*`) naming the line and column for any bad cell (missing or non-numeric feature,
 *   miR34a ≤ 0 or missing, pCR other than 0/1, empty or duplicated id), and for missing required
 *   columns, a second-reader column without its first-reader feature, or a file with no feature.
 */
export function parseCohortCsv(text: string, options: ParseCohortOptions = {}): Cohort {
  const { requireOutcome = true, requireMir34a = true, what = message('model.csv.cohortFile') } = options;
  const t = parseCsv(text, what);
  const decimalComma = t.delimiter === ';';
  const idCol = t.header.findIndex((h) => /^(?:id|case_id)$/i.test(h));
  const mirCols = t.header.flatMap((h, j) => (isMir34aColumn(h) ? [j] : []));
  if (mirCols.length > 1) {
    throw new MessageError('model.cohort.severalMir', {
      file: what,
      columns: mirCols.map((j) => `"${t.header[j]}"`).join(', '),
    });
  }
  const mirCol = mirCols.length ? mirCols[0] : -1;
  const pcrCol = t.header.findIndex((h) => /^pcr$/i.test(h));
  if (requireMir34a && mirCol < 0) throw new MessageError('model.cohort.noMir', { file: what });
  if (requireOutcome && pcrCol < 0) throw new MessageError('model.cohort.noPcr', { file: what });
  const featCols: number[] = [];
  const r2Cols: number[] = [];
  const clinCols: number[] = [];
  t.header.forEach((h, j) => {
    if (j === idCol || j === mirCol || j === pcrCol || isIgnoredColumn(h)) return;
    if (isPyRadiomicsFeatureName(h)) featCols.push(j);
    else if (h.startsWith(READER2_PREFIX) && isPyRadiomicsFeatureName(h.slice(READER2_PREFIX.length)))
      r2Cols.push(j);
    else clinCols.push(j);
  });
  if (featCols.length === 0) {
    throw new MessageError('model.cohort.noFeatures', { file: what });
  }
  const featureNames = featCols.map((j) => t.header[j]);
  const r2Names = r2Cols.map((j) => t.header[j].slice(READER2_PREFIX.length));
  for (const [k, name] of r2Names.entries()) {
    if (!featureNames.includes(name)) {
      throw new MessageError('model.cohort.reader2Orphan', { file: what, column: t.header[r2Cols[k]], name });
    }
  }
  const r2Order = featureNames.flatMap((name) => {
    const k = r2Names.indexOf(name);
    return k >= 0 ? [r2Cols[k]] : [];
  });
  /** Location of a cell in error messages: file, line and column. */
  const where = (r: number, j: number) =>
    message('model.csv.cell', { file: what, line: t.lines[r], column: t.header[j] });
  /** A required numeric cell. */
  const num = (r: number, j: number): number => {
    const v = parseNumberCell(t.rows[r][j], where(r, j), decimalComma);
    if (v === null) throw new MessageError('model.csv.emptyCell', { where: where(r, j) });
    return v;
  };
  const ids: string[] = [];
  const idLine = new Map<string, number>();
  const features: number[][] = [];
  const r2: number[][] = [];
  const mir34a: number[] = [];
  const pcr: (0 | 1)[] = [];
  for (let r = 0; r < t.rows.length; r++) {
    const row = t.rows[r];
    let id = `row ${t.lines[r]}`;
    if (idCol >= 0) {
      id = row[idCol].trim();
      if (id === '') throw new MessageError('model.cohort.emptyId', { where: where(r, idCol) });
      const prev = idLine.get(id);
      if (prev !== undefined)
        throw new MessageError('model.cohort.duplicateId', { where: where(r, idCol), id, line: prev });
      idLine.set(id, t.lines[r]);
    }
    ids.push(id);
    features.push(featCols.map((j) => num(r, j)));
    r2.push(r2Order.map((j) => num(r, j)));
    if (mirCol >= 0) {
      const m = num(r, mirCol);
      if (!(m > 0))
        throw new MessageError('model.cohort.mirNotPositive', { where: where(r, mirCol), value: m });
      mir34a.push(m);
    }
    if (pcrCol >= 0) {
      const s = row[pcrCol].trim();
      if (s !== '0' && s !== '1')
        throw new MessageError('model.cohort.pcrNotBinary', { where: where(r, pcrCol), value: s });
      pcr.push(s === '1' ? 1 : 0);
    }
  }
  if (t.rows.length === 0) throw new MessageError('model.cohort.noRows', { file: what });
  const clinical: ClinicalVariable[] = clinCols.map((j) => {
    const rawValues = t.rows.map((row) => row[j].trim());
    const numeric = rawValues.every((v, r) => {
      if (v === '') return true;
      try {
        return parseNumberCell(v, where(r, j), decimalComma) !== null;
      } catch {
        return false;
      }
    });
    return {
      name: t.header[j],
      kind: numeric ? 'numeric' : 'categorical',
      values: rawValues.map((v, r) =>
        v === '' ? null : numeric ? (parseNumberCell(v, where(r, j), decimalComma) as number) : v,
      ),
    };
  });
  return {
    ids,
    featureNames,
    features,
    mir34a,
    pcr: pcrCol >= 0 ? pcr : null,
    reader2: r2Order.length
      ? { featureNames: r2Order.map((j) => t.header[j].slice(READER2_PREFIX.length)), features: r2 }
      : null,
    clinical,
  };
}
