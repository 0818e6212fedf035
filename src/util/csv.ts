/**
 * The one CSV tokenizer (RFC 4180: quoted cells, doubled quotes, CRLF or LF, optional BOM): records
 * with the line each starts on; blank lines are skipped. The cohort reader (src/model/cohort.ts) adds
 * a header and strict checks on top; the CLI's batch reader reports ragged rows itself.
 */

export interface CsvRecord {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
}

/** `;` when the first line (outside quotes) has more semicolons than commas, else `,`. */
export function detectDelimiter(text: string): ',' | ';' {
  let inQuotes = false;
  let commas = 0;
  let semis = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === '\n' || ch === '\r')) break;
    else if (!inQuotes && ch === ',') commas++;
    else if (!inQuotes && ch === ';') semis++;
  }
  return semis > commas ? ';' : ',';
}

/**
 * The records of `text`. `openQuoteLine` is the line of a quote never closed (the rest of the text is
 * then its last cell), else null.
 */
export function csvRecords(
  text: string,
  delimiter: ',' | ';' = ',',
): { records: CsvRecord[]; openQuoteLine: number | null } {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 0;
  /** Closes the current record (blank lines are skipped). */
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === '')) records.push({ cells, line: recordLine });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"') {
      inQuotes = true;
      quoteLine = line;
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else cell += ch;
  }
  const openQuoteLine = inQuotes ? quoteLine : null;
  if (cell !== '' || cells.length > 0) endRecord();
  return { records, openQuoteLine };
}
