/**
 * `sonomir extract` and `sonomir batch`: PyRadiomics-style feature extraction from the command line,
 * with the same decoders (src/imaging) and engine (src/radiomics) as the app.
 *
 * - extract: one image + mask → CSV (name,value rows, diagnostics first, like PyRadiomics' CLI) or JSON.
 * - batch: PyRadiomics' batch CSV (columns Image, Mask, optional Label, others passed through) →
 *   one output row per case; bad rows are reported on stderr and skipped; `-j N` runs N worker threads.
 *
 * Without `--params` the study's settings (STUDY_PRESET: normalize, normalizeScale 100,
 * voxelArrayShift 300, binWidth 25) and the 7 default classes are used; a parameter file replaces them
 * (merged over PyRadiomics' defaults, as PyRadiomics does).
 */
import { englishError, renderEnglish } from '../i18n/render';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { csvRecords } from '../util/csv';
import { message, MessageError, toMessage } from '../util/message';
import { FlagError, parseFlags } from './flags';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { decodeImage, decodeMask } from '../imaging';
import { extractFeatures } from '../radiomics/extract';
import { withMemoryMessage } from '../radiomics/memory';
import { parseParams, STUDY_PRESET } from '../radiomics/settings';
import type { RadiomicsSettings } from '../radiomics/types';
import type { CliIo } from './io';

/** Usage of `sonomir extract`. */
const EXTRACT_USAGE = `Usage: sonomir extract --image I --mask M [--label L] [--params P.yaml] [--format csv|json] [--frame N]
  --image   image file (PNG, JPEG, BMP, TIFF, DICOM, NRRD, NIfTI)
  --mask    mask file (non-zero = ROI for 2-D images; label values for NRRD/NIfTI)
  --label   ROI label (default: the parameter file's label, else 1)
  --params  PyRadiomics parameter file (.yaml/.yml/.json); default: the study's settings
  --format  csv (name,value rows; default) or json
  --frame   zero-based frame of a multi-frame DICOM image
`;

/** Usage of `sonomir batch`. */
const BATCH_USAGE = `Usage: sonomir batch --input cases.csv --out features.csv [-j N] [--params P.yaml] [--label L]
  --input   CSV with columns Image, Mask and optional Label; other columns are copied to the output;
            relative paths are resolved against the CSV's folder
  --out     output CSV: the input columns, then diagnostics and features, one row per case
  -j        number of worker threads (default 1)
  --params  PyRadiomics parameter file; default: the study's settings
  --label   default ROI label for rows without a Label value
Rows that fail are reported on stderr (row number and reason) and left out of the output.
Exit code 0 when every row succeeded, 3 when some failed, 1 when none succeeded.
`;

/** Parsed command-line options: flag name → value (flags without value → 'true'). */
type Flags = Record<string, string>;

/** Parses the options (src/cli/flags.ts), worded with this command's usage; `repeated`: see parseFlags. */
export function parseOptions(
  argv: string[],
  allowed: string[],
  usage: string,
  repeated: Record<string, string[]> = {},
): Flags {
  try {
    return Object.fromEntries(parseFlags(argv, allowed, repeated));
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    // Usage errors stay English: they are only ever printed by the CLI, next to its English usage text.
    const text = {
      unexpected: `unexpected argument "${e.arg}".`,
      unknown: `unknown option "${e.arg}".`,
      twice: `option "${e.arg}" is given twice.`,
      value: `option "${e.arg}" needs a value.`,
    }[e.problem];
    throw new Error(`${text}\n${usage}`);
  }
}

/** Parses an integer option, with a clear message when it is not one (a usage error: English, CLI only). */
function intFlag(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, got "${value}".`);
  return n;
}

/** Formats a number as Python's repr of a float would (3.0, 1e-07, nan, inf). */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return v.toFixed(1);
  return String(v).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Quotes a CSV field when needed. */
function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Settings and classes for an extraction, from a parameter file or the study preset. */
interface ExtractionConfig {
  settings: Partial<RadiomicsSettings>;
  featureClasses?: Record<string, string[]>;
  /** Label of the parameter file's settings (PyRadiomics' default 1 when the file sets none). */
  paramsLabel?: number;
  notes: string[];
}

/** Reads the parameter file (YAML or JSON by extension) or returns the study's settings. */
function loadConfig(paramsPath: string | undefined, io: CliIo): ExtractionConfig {
  if (paramsPath === undefined) return { settings: { ...STUDY_PRESET }, notes: [] };
  const text = new TextDecoder().decode(readOrExplain(io, paramsPath, 'params'));
  const parsed = parseParams(text, /\.json$/i.test(paramsPath) ? 'json' : 'yaml');
  return {
    settings: parsed.settings,
    featureClasses: parsed.featureClasses,
    paramsLabel: parsed.settings.label,
    notes: parsed.notes,
  };
}

/** The files the CLI reads, as named in its messages. */
const FILE_KINDS = {
  params: message('cli.file.params'),
  image: message('cli.file.image'),
  mask: message('cli.file.mask'),
  batch: message('cli.file.batch'),
};

/** Reads a file through `io`, turning a missing file into a clear message (`cli.cannotRead`). */
function readOrExplain(io: CliIo, file: string, what: keyof typeof FILE_KINDS): Uint8Array {
  try {
    return io.readFile(file);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reason =
      code === 'ENOENT'
        ? message('cli.reason.missing')
        : code === 'EISDIR'
          ? message('cli.reason.folder')
          : toMessage(e);
    throw new MessageError('cli.cannotRead', { what: FILE_KINDS[what], file, reason }, { cause: e });
  }
}

/** The outcome of one extraction. */
interface CaseResult {
  features: Array<[string, number]>;
  diagnostics: Array<[string, string]>;
  warnings: string[];
}

/** Work for one case: file bytes and names, label, config. Structured-clone friendly (for workers). */
interface CaseJob {
  imageBytes: Uint8Array;
  imageName: string;
  maskBytes: Uint8Array;
  maskName: string;
  label?: number;
  frame?: number;
  config: ExtractionConfig;
}

/** Centre (column x, row y) of the bounding box of the pixels equal to `label` in a 2-D mask, or null. */
export function roiCentre(
  data: ArrayLike<number>,
  width: number,
  label: number,
): { x: number; y: number } | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (data[i] !== label) continue;
    const x = i % width;
    const y = (i - x) / width;
    x0 = Math.min(x0, x);
    x1 = Math.max(x1, x);
    y0 = Math.min(y0, y);
    y1 = Math.max(y1, y);
  }
  return x0 <= x1 ? { x: Math.round((x0 + x1) / 2), y: Math.round((y0 + y1) / 2) } : null;
}

/**
 * Decodes image and mask and runs the engine. The ROI label is the job's label, else the parameter
 * file's, else 1; 2-D raster masks are binarised by the decoder (label 1).
 * @throws Error when decoding fails, the grids differ or the engine rejects the ROI
 */
function runCase(job: CaseJob): CaseResult {
  const warnings: string[] = [];
  const wantedLabel = job.label ?? job.config.paramsLabel;
  let img = decodeImage(job.imageBytes, job.imageName, { frame: job.frame });
  const msk = decodeMask(job.maskBytes, job.maskName, { label: wantedLabel, frame: job.frame });
  const source = img.info.spacing.source;
  if (
    img.info.format === 'dicom' &&
    typeof source !== 'string' &&
    source.code === 'imaging.source.usRegion'
  ) {
    // Calibrate with the ultrasound region that holds the ROI, not merely the largest one.
    const point = roiCentre(msk.mask.data, msk.mask.size[2], msk.label);
    if (point !== null)
      img = decodeImage(job.imageBytes, job.imageName, { frame: job.frame, roiPoint: point });
  }
  warnings.push(
    ...img.info.warnings.map((w) => `image: ${renderEnglish(w)}`),
    ...msk.warnings.map((w) => `mask: ${renderEnglish(w)}`),
  );
  const [iz, iy, ix] = img.image.size;
  const [mz, my, mx] = msk.mask.size;
  if (iz !== mz || iy !== my || ix !== mx) {
    const fmt = (z: number, y: number, x: number): string => (z === 1 ? `${x} × ${y}` : `${x} × ${y} × ${z}`);
    throw new MessageError('cli.maskSize', { mask: fmt(mz, my, mx), image: fmt(iz, iy, ix) });
  }
  // A 2-D mask takes the image's geometry (its own file usually carries no calibration).
  const mask = iz === 1 ? { ...msk.mask, spacing: img.image.spacing, origin: img.image.origin } : msk.mask;
  const result = withMemoryMessage(() =>
    extractFeatures(img.image, mask, {
      settings: { ...job.config.settings, label: msk.label },
      featureClasses: job.config.featureClasses,
    }),
  );
  warnings.push(...result.notes);
  return { features: result.features, diagnostics: result.diagnostics, warnings };
}

/**
 * `sonomir extract`: features of one image/mask pair on stdout.
 * @returns exit code (0 success, 2 usage error); other failures throw with a clear message
 */
export function runExtract(argv: string[], io: CliIo): number {
  const flags = parseOptions(argv, ['image', 'mask', 'label', 'params', 'format', 'frame'], EXTRACT_USAGE);
  if (flags.help) {
    io.stdout(EXTRACT_USAGE);
    return 0;
  }
  if (flags.image === undefined || flags.mask === undefined) {
    io.stderr(`sonomir extract: --image and --mask are required.\n${EXTRACT_USAGE}`);
    return 2;
  }
  const format = flags.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') {
    io.stderr(`sonomir extract: --format must be csv or json, got "${format}".\n`);
    return 2;
  }
  const config = loadConfig(flags.params, io);
  const result = runCase({
    imageBytes: readOrExplain(io, flags.image, 'image'),
    imageName: path.basename(flags.image),
    maskBytes: readOrExplain(io, flags.mask, 'mask'),
    maskName: path.basename(flags.mask),
    label: intFlag(flags.label, 'label', 1),
    frame: intFlag(flags.frame, 'frame', 0),
    config,
  });
  for (const w of result.warnings) io.stderr(`warning: ${w}\n`);
  if (format === 'json') {
    const out: Record<string, string | number | null> = {};
    for (const [k, v] of result.diagnostics) out[k] = v;
    for (const [k, v] of result.features) out[k] = Number.isFinite(v) ? v : null;
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  } else {
    const lines = ['name,value'];
    for (const [k, v] of result.diagnostics) lines.push(`${csvField(k)},${csvField(v)}`);
    for (const [k, v] of result.features) lines.push(`${csvField(k)},${pyFloat(v)}`);
    io.stdout(`${lines.join('\n')}\n`);
  }
  return 0;
}

/** One row of the batch input, resolved. */
interface BatchRow {
  /** 1-based data row number (header excluded). */
  row: number;
  /** Line of the CSV where the row starts. */
  line: number;
  cells: Record<string, string>;
  image: string;
  mask: string;
  label?: number;
}

/** Message from a batch worker. */
type WorkerReply = { id: number; ok: true; result: CaseResult } | { id: number; ok: false; error: string };

/** Marker in workerData that makes this module run as a batch worker. */
const WORKER_ROLE = 'sonomir-batch-worker';

/** Runs jobs in N worker threads (this module, loaded through tsx), in completion order. */
async function runInWorkers(
  jobs: { id: number; make: () => CaseJob }[],
  threads: number,
  onDone: (id: number, outcome: { result?: CaseResult; error?: string }) => void,
): Promise<void> {
  // Each worker registers tsx's loader on its own thread, then imports this module (TypeScript).
  // require.resolve gives the CommonJS build of tsx/esm/api; its ES-module twin sits beside it.
  const tsxApiCjs = createRequire(import.meta.url).resolve('tsx/esm/api');
  const tsxApi = pathToFileURL(tsxApiCjs.replace(/\.cjs$/, '.mjs')).href;
  const boot =
    `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(import.meta.url)}); });`;
  const queue = [...jobs];
  const workers: Worker[] = [];
  try {
    await Promise.all(
      Array.from({ length: Math.min(threads, jobs.length) }, () => {
        const worker = new Worker(boot, { eval: true, workerData: { role: WORKER_ROLE } });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          let current: number | undefined;
          const next = (): void => {
            const job = queue.shift();
            if (job === undefined) {
              current = undefined;
              resolve();
              return;
            }
            current = job.id;
            let payload: CaseJob;
            try {
              payload = job.make();
            } catch (e) {
              onDone(job.id, { error: englishError(e) });
              next();
              return;
            }
            worker.postMessage({ id: job.id, job: payload }, [
              payload.imageBytes.buffer,
              payload.maskBytes.buffer,
            ] as ArrayBuffer[]);
          };
          worker.on('message', (reply: WorkerReply) => {
            onDone(reply.id, reply.ok ? { result: reply.result } : { error: reply.error });
            next();
          });
          worker.on('error', (e) =>
            reject(new MessageError('cli.workerFailed', { detail: e.message }, { cause: e })),
          );
          worker.on('exit', (code) => {
            if (current !== undefined) reject(new MessageError('cli.workerStopped', { exitCode: code }));
          });
          next();
        });
      }),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Worker side: answers each job message with its features or its error. */
function startWorker(): void {
  parentPort?.on('message', (msg: { id: number; job: CaseJob }) => {
    let reply: WorkerReply;
    try {
      reply = { id: msg.id, ok: true, result: runCase(msg.job) };
    } catch (e) {
      reply = { id: msg.id, ok: false, error: englishError(e) };
    }
    parentPort?.postMessage(reply);
  });
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_ROLE) startWorker();

/** Copies bytes into a fresh, exactly sized buffer (safe to transfer to a worker). */
function ownBuffer(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : b.slice();
}

/**
 * `sonomir batch`: features of every case of a PyRadiomics batch CSV.
 * @returns exit code: 0 all rows succeeded, 3 some failed, 1 none succeeded, 2 usage error
 */
export async function runBatch(argv: string[], io: CliIo): Promise<number> {
  const flags = parseOptions(argv, ['input', 'out', 'j', 'params', 'label'], BATCH_USAGE);
  if (flags.help) {
    io.stdout(BATCH_USAGE);
    return 0;
  }
  if (flags.input === undefined || flags.out === undefined) {
    io.stderr(`sonomir batch: --input and --out are required.\n${BATCH_USAGE}`);
    return 2;
  }
  const threads = intFlag(flags.j, 'j', 1) ?? 1;
  const defaultLabel = intFlag(flags.label, 'label', 1);
  const config = loadConfig(flags.params, io);
  const table = csvRecords(new TextDecoder().decode(readOrExplain(io, flags.input, 'batch'))).records;
  if (table.length === 0) throw new MessageError('cli.batchEmpty', { file: flags.input });
  const header = table[0].cells.map((h) => h.trim());
  const col = (name: string): number => header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const [ci, cm, cl] = [col('Image'), col('Mask'), col('Label')];
  if (ci < 0 || cm < 0) {
    throw new MessageError('cli.batchColumns', {
      file: flags.input,
      found: header.join(', ') || message('cli.none'),
    });
  }
  const base = path.dirname(flags.input);
  const failures: string[] = [];
  const fail = (row: number, line: number, reason: string): void => {
    const msg = `row ${row} (line ${line}): ${reason}`;
    failures.push(msg);
    io.stderr(`error: ${msg} — skipped\n`);
  };
  const rows: BatchRow[] = [];
  table.slice(1).forEach((r, k) => {
    const row = k + 1;
    const cells: Record<string, string> = {};
    header.forEach((h, i) => (cells[h] = r.cells[i] ?? ''));
    const image = (r.cells[ci] ?? '').trim();
    const mask = (r.cells[cm] ?? '').trim();
    if (r.cells.length !== header.length) {
      fail(row, r.line, `it has ${r.cells.length} fields but the header has ${header.length}`);
      return;
    }
    if (image === '' || mask === '') {
      fail(row, r.line, 'the Image or Mask cell is empty');
      return;
    }
    let label = defaultLabel;
    const labelText = cl >= 0 ? (r.cells[cl] ?? '').trim() : '';
    if (labelText !== '') {
      const n = Number(labelText);
      if (!Number.isInteger(n) || n < 1) {
        fail(row, r.line, `Label "${labelText}" is not a positive integer`);
        return;
      }
      label = n;
    }
    rows.push({
      row,
      line: r.line,
      cells,
      image: path.resolve(base, image),
      mask: path.resolve(base, mask),
      label,
    });
  });

  const results = new Map<number, CaseResult>();
  const total = rows.length;
  let done = 0;
  const started = Date.now();
  const makeJob = (r: BatchRow): CaseJob => ({
    imageBytes: ownBuffer(readOrExplain(io, r.image, 'image')),
    imageName: path.basename(r.image),
    maskBytes: ownBuffer(readOrExplain(io, r.mask, 'mask')),
    maskName: path.basename(r.mask),
    label: r.label,
    config,
  });
  const finish = (r: BatchRow, outcome: { result?: CaseResult; error?: string }): void => {
    done++;
    const name = path.basename(r.image);
    if (outcome.result) {
      results.set(r.row, outcome.result);
      for (const w of outcome.result.warnings) io.stderr(`warning: row ${r.row}: ${w}\n`);
      io.stderr(`[${done}/${total}] row ${r.row} ${name}: ok\n`);
    } else {
      io.stderr(`[${done}/${total}] row ${r.row} ${name}: failed\n`);
      fail(r.row, r.line, outcome.error ?? 'unknown error');
    }
  };
  if (threads <= 1 || total <= 1) {
    for (const r of rows) {
      try {
        finish(r, { result: runCase(makeJob(r)) });
      } catch (e) {
        finish(r, { error: englishError(e) });
      }
    }
  } else {
    const byId = new Map(rows.map((r) => [r.row, r]));
    await runInWorkers(
      rows.map((r) => ({ id: r.row, make: () => makeJob(r) })),
      threads,
      (id, outcome) => finish(byId.get(id)!, outcome),
    );
  }

  // Output: input columns, then diagnostics and features in the order of the first successful case.
  const names: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const res = results.get(r.row);
    if (!res) continue;
    for (const [k] of [...res.diagnostics, ...res.features]) {
      if (!seen.has(k) && !header.includes(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  const lines = [[...header, ...names].map(csvField).join(',')];
  for (const r of rows) {
    const res = results.get(r.row);
    if (!res) continue;
    const values = new Map<string, string>();
    for (const [k, v] of res.diagnostics) values.set(k, v);
    for (const [k, v] of res.features) values.set(k, pyFloat(v));
    lines.push(
      [...header.map((h) => r.cells[h]), ...names.map((k) => values.get(k) ?? '')].map(csvField).join(','),
    );
  }
  io.writeFile(flags.out, `${lines.join('\n')}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  io.stderr(
    `sonomir batch: ${results.size} of ${table.length - 1} row(s) extracted in ${seconds} s` +
      (failures.length > 0 ? `; ${failures.length} failed (listed above)` : '') +
      ` → ${flags.out}\n`,
  );
  if (failures.length === 0) return 0;
  return results.size > 0 ? 3 : 1;
}
