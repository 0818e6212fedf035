/**
 * The model subcommands of the `sonomir` command line: `train`, `predict` and `evaluate`.
 * Each is a function of its arguments and an injectable I/O object, so tests run them in-process;
 * `src/cli/main.ts` wires them to the real console and file system. Each returns the exit code
 * (0 success, 1 bad input or failure, 2 usage error) and writes errors to `io.stderr`.
 *
 *   sonomir train --cohort cohort.csv --out model.json [--seed N] [--k auto|7] [--boot 2000]
 *                 [--settings extraction.json]
 *   sonomir predict --model model.json --features cases.csv [--kind combined|clinical|radiomics]
 *                   [--settings extraction.json]
 *   sonomir evaluate --data file.csv --label COL --positive VALUE --score COL [--compare COL]
 */
import { englishError, renderEnglish } from '../i18n/render';
import { message, MessageError, toMessage, type Message, type StoredMessage } from '../util/message';
import { FlagError, parseFlags } from './flags';
import { parseCohortCsv, parseCsv, parseNumberCell } from '../model/cohort';
import { decisionCurve } from '../model/dca';
import { delongAuc, delongPaired } from '../model/delong';
import { fitLogistic } from '../model/logistic';
import {
  MODEL_KINDS,
  STUDY_EXTRACTION_SETTINGS,
  extractionSettingsSchema,
  loadModel,
  predict,
  sealModel,
  serializeModel,
} from '../model/modelFile';
import type { ExtractionSettings, ModelDocument, ModelKind, PerformanceSummary } from '../model/modelFile';
import { fitStudyModels } from '../model/pipeline';
import type { StudyResult } from '../model/pipeline';
import type { CliIo } from './io';

export type { CliIo } from './io';

/** A usage error: wrong or missing arguments (exit code 2). */
class UsageError extends Error {}

/** Parses the options (src/cli/flags.ts); every option takes a value. Problems are usage errors. */
function parseArgs(
  argv: readonly string[],
  allowed: readonly string[],
  command: string,
): Map<string, string> {
  try {
    const out = parseFlags(argv, allowed);
    if (out.has('help') && !allowed.includes('help')) throw new FlagError('unknown', '--help', 'help');
    return out;
  } catch (e) {
    if (!(e instanceof FlagError)) throw e;
    const name = `--${e.flag}`;
    throw new UsageError(
      {
        unexpected: `${command}: unexpected argument "${e.arg}"`,
        unknown: `${command}: unknown option ${name} (options: ${allowed.map((o) => `--${o}`).join(', ')})`,
        twice: `${command}: option ${name} given twice`,
        value: `${command}: option ${name} needs a value`,
      }[e.problem],
    );
  }
}

/** A stored reason as a message parameter: old model files hold the English sentence itself. */
function storedMessage(m: StoredMessage): Message {
  return typeof m === 'string' ? message('error.unexpected', { message: m }) : m;
}

/** Returns a required option or throws a usage error. */
function required(args: Map<string, string>, name: string, command: string): string {
  const v = args.get(name);
  if (v === undefined) throw new UsageError(`${command}: --${name} is required`);
  return v;
}

/** Reads a text file (UTF-8), with the path in the error message. */
function readText(io: CliIo, path: string): string {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (e) {
    throw new MessageError('cli.model.cannotRead', { file: path, detail: toMessage(e) });
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** Parses an integer option. */
function intOption(v: string, name: string, command: string, min: number): number {
  if (!/^-?\d+$/.test(v) || Number(v) < min || !Number.isSafeInteger(Number(v))) {
    throw new UsageError(`${command}: --${name} must be an integer ≥ ${min}, got "${v}"`);
  }
  return Number(v);
}

/** Reads and validates an extraction-settings JSON file. */
function readSettings(io: CliIo, path: string): ExtractionSettings {
  let raw: unknown;
  const text = readText(io, path);
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new MessageError('cli.model.inFile', { file: path, detail: toMessage(e) });
  }
  const parsed = extractionSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.') || '(settings)'}: ${i.message}`)
      .join('; ');
    throw new MessageError('cli.model.settingsInvalid', { file: path, issues });
  }
  return parsed.data;
}

/** Runs a command body, mapping errors to exit codes and messages. */
async function run(io: CliIo, command: string, body: () => Promise<void> | void): Promise<number> {
  try {
    await body();
    return 0;
  } catch (e) {
    io.stderr(`sonomir ${command}: ${englishError(e)}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

/** Formats a number with 3 decimals, or "–" for null. */
function f3(v: number | null): string {
  return v === null ? '–' : v.toFixed(3);
}

/** The study's Table 3 (AUC with DeLong CI, sensitivity, specificity, accuracy, precision, F1 at 0.5). */
export function formatTable3(result: StudyResult): string {
  const head = ['set', 'model', 'k', 'AUC (95% CI)', 'Sens', 'Spec', 'Acc', 'Prec', 'F1'];
  const rows: string[][] = [];
  for (const set of ['cv', 'validation'] as const) {
    for (const kind of MODEL_KINDS) {
      const m = result.models[kind];
      if (!m) {
        rows.push([
          set === 'cv' ? 'training (5-fold CV)' : 'validation',
          kind,
          '–',
          'not built',
          '',
          '',
          '',
          '',
          '',
        ]);
        continue;
      }
      const s: PerformanceSummary = m.entry.metrics[set];
      rows.push([
        set === 'cv' ? 'training (5-fold CV)' : 'validation',
        kind,
        String(m.entry.k),
        `${f3(s.auc)} (${f3(s.ci95[0])}-${f3(s.ci95[1])})`,
        f3(s.atHalf.sensitivity),
        f3(s.atHalf.specificity),
        f3(s.atHalf.accuracy),
        f3(s.atHalf.precision),
        f3(s.atHalf.f1),
      ]);
    }
  }
  const widths = head.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
  /** One padded table line. */
  const line = (r: string[]) =>
    r
      .map((c, j) => c.padEnd(widths[j]))
      .join('  ')
      .trimEnd();
  const out = [
    `Table 3. KNN models: n = ${result.split.train.length + result.split.validation.length} (training ${result.split.train.length}, validation ${result.split.validation.length}); metrics at probability > 0.5`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  if (result.comparisons.length) {
    out.push('', 'Paired DeLong tests:');
    for (const c of result.comparisons) {
      out.push(
        `  ${c.set === 'cv' ? 'training CV' : 'validation'}: ${c.a} vs ${c.b}: AUC ${f3(c.aucA)} vs ${f3(c.aucB)}, z = ${c.z.toFixed(3)}, P = ${c.p.toPrecision(3)}`,
      );
    }
  }
  if (result.selected.length) out.push('', `Selected features (LASSO): ${result.selected.join(', ')}`);
  for (const m of result.messages) out.push(`Note: ${renderEnglish(m)}`);
  return `${out.join('\n')}\n`;
}

/**
 * `sonomir train`: fits the study pipeline on a cohort CSV, writes the sealed model file and prints
 * Table 3. Progress goes to stderr.
 */
export async function runTrain(argv: readonly string[], io: CliIo): Promise<number> {
  return run(io, 'train', async () => {
    const args = parseArgs(argv, ['cohort', 'seed', 'k', 'out', 'boot', 'settings'], 'train');
    const cohortPath = required(args, 'cohort', 'train');
    const outPath = required(args, 'out', 'train');
    const seed = args.has('seed') ? intOption(args.get('seed')!, 'seed', 'train', 0) : 42;
    const kArg = args.get('k') ?? 'auto';
    const k = kArg === 'auto' ? 'auto' : intOption(kArg, 'k', 'train', 1);
    const nBoot = args.has('boot') ? intOption(args.get('boot')!, 'boot', 'train', 0) : 2000;
    const extraction = args.has('settings')
      ? readSettings(io, args.get('settings')!)
      : STUDY_EXTRACTION_SETTINGS;
    const cohort = parseCohortCsv(readText(io, cohortPath), { what: cohortPath });
    let lastStage = '';
    const result = fitStudyModels(
      cohort,
      { seed, k, nBoot, extraction, appVersion: io.appVersion ?? 'unknown' },
      (fraction, stage) => {
        const text = renderEnglish(stage);
        if (text !== lastStage) io.stderr(`[${Math.round(fraction * 100)}%] ${text}\n`);
        lastStage = text;
      },
    );
    const doc = await sealModel(result.document);
    io.writeFile(outPath, serializeModel(doc));
    io.stdout(formatTable3(result));
    io.stdout(`\nModel written to ${outPath} (SHA-256 ${doc.hash.value}).\n`);
  });
}

/**
 * `sonomir predict`: loads a model file and prints `id,probability` for every row of a features CSV
 * (PyRadiomics feature columns + miR34a, optional id). Inputs outside ±3 training SDs are reported
 * on stderr.
 */
export async function runPredict(argv: readonly string[], io: CliIo): Promise<number> {
  return run(io, 'predict', async () => {
    const args = parseArgs(argv, ['model', 'features', 'kind', 'settings'], 'predict');
    const modelPath = required(args, 'model', 'predict');
    const featuresPath = required(args, 'features', 'predict');
    let doc: ModelDocument;
    try {
      doc = await loadModel(readText(io, modelPath));
    } catch (e) {
      throw new MessageError('cli.model.inFile', { file: modelPath, detail: toMessage(e) });
    }
    const kindArg = args.get('kind');
    if (kindArg !== undefined && !(MODEL_KINDS as readonly string[]).includes(kindArg)) {
      throw new UsageError(`predict: --kind must be clinical, radiomics or combined, got "${kindArg}"`);
    }
    const kind: ModelKind =
      (kindArg as ModelKind | undefined) ?? (doc.models.combined ? 'combined' : 'clinical');
    if (!doc.models[kind])
      throw new MessageError('cli.model.kindMissing', {
        kind,
        file: modelPath,
        reason: storedMessage(doc.notBuilt[kind] ?? message('modelFile.notBuilt')),
      });
    let extraction: ExtractionSettings;
    if (args.has('settings')) extraction = readSettings(io, args.get('settings')!);
    else {
      extraction = doc.extraction;
      io.stderr(
        `note: assuming the features were extracted with the model's settings (${JSON.stringify(doc.extraction)}); pass --settings to check them\n`,
      );
    }
    const needsMir = doc.models[kind]!.inputs.includes('miR34a');
    const cases = parseCohortCsv(readText(io, featuresPath), {
      requireOutcome: false,
      requireMir34a: needsMir,
      what: featuresPath,
    });
    const lines = ['id,probability'];
    cases.ids.forEach((id, r) => {
      const features = Object.fromEntries(cases.featureNames.map((n, j) => [n, cases.features[r][j]]));
      let pred;
      try {
        [pred] = predict(
          doc,
          { features, mir34a: needsMir ? cases.mir34a[r] : null, extraction },
          { kinds: [kind] },
        );
      } catch (e) {
        throw new MessageError('cli.model.caseFailed', { file: featuresPath, id, detail: toMessage(e) });
      }
      for (const o of pred.outOfRange) {
        io.stderr(
          `warning: case ${id}: ${o.input} = ${o.value} is ${o.z.toFixed(1)} SD from the training mean\n`,
        );
      }
      const quoted = /[",\n]/.test(id) ? `"${id.replace(/"/g, '""')}"` : id;
      lines.push(`${quoted},${pred.probability}`);
    });
    io.stdout(`${lines.join('\n')}\n`);
  });
}

/**
 * `sonomir evaluate`: AUC with DeLong 95 % CI of a score column against a label column; with
 * --compare, the paired DeLong test (score minus compare); and a decision curve at thresholds k/100.
 * Output is JSON on stdout. Scores outside [0, 1] are turned into probabilities for the decision
 * curve by a univariable logistic regression of the label on the score (as rmda's
 * `decision_curve(fitted.risk = FALSE)` does); `dca.score_transform` says which was used.
 */
export async function runEvaluate(argv: readonly string[], io: CliIo): Promise<number> {
  return run(io, 'evaluate', () => {
    const args = parseArgs(argv, ['data', 'label', 'positive', 'score', 'compare'], 'evaluate');
    const dataPath = required(args, 'data', 'evaluate');
    const label = required(args, 'label', 'evaluate');
    const positive = required(args, 'positive', 'evaluate');
    const score = required(args, 'score', 'evaluate');
    const compare = args.get('compare');
    const t = parseCsv(readText(io, dataPath), dataPath);
    /** Index of a named column, or a clear error listing the columns. */
    const col = (name: string) => {
      const j = t.header.indexOf(name);
      if (j < 0)
        throw new MessageError('cli.model.noColumn', { file: dataPath, name, columns: t.header.join(', ') });
      return j;
    };
    const jl = col(label);
    const js = col(score);
    const jc = compare === undefined ? -1 : col(compare);
    const decimalComma = t.delimiter === ';';
    const y: number[] = [];
    const s: number[] = [];
    const c: number[] = [];
    t.rows.forEach((row, r) => {
      const lab = row[jl].trim();
      if (lab === '')
        throw new MessageError('cli.model.labelEmpty', { file: dataPath, line: t.lines[r], column: label });
      y.push(lab === positive ? 1 : 0);
      for (const [j, out] of [
        [js, s],
        [jc, c],
      ] as const) {
        if (j < 0) continue;
        const where = `${dataPath}: line ${t.lines[r]}, column "${t.header[j]}"`;
        const v = parseNumberCell(row[j], where, decimalComma);
        if (v === null)
          throw new MessageError('cli.model.scoreEmpty', {
            file: dataPath,
            line: t.lines[r],
            column: t.header[j],
          });
        out.push(v);
      }
    });
    const nPos = y.filter((v) => v === 1).length;
    if (nPos === 0) {
      const seen = [...new Set(t.rows.map((row) => row[jl].trim()))].join(', ');
      throw new MessageError('cli.model.noPositive', { file: dataPath, label, positive, values: seen });
    }
    if (nPos === y.length)
      throw new MessageError('cli.model.noNegative', { file: dataPath, label, positive });
    const d = delongAuc(y, s);
    const out: Record<string, unknown> = { auc: d.auc, ci95: d.ci, n_pos: nPos, n_neg: y.length - nPos };
    if (compare !== undefined) {
      const pr = delongPaired(y, s, c);
      Object.assign(out, { auc_compare: pr.auc2, z: pr.z, p: pr.p, ci95_diff: pr.ci });
    }
    const isProbability = s.every((v) => v >= 0 && v <= 1);
    let probs: number[] | null = s;
    if (!isProbability) {
      try {
        probs = fitLogistic(
          s.map((v) => [v]),
          y,
        ).fittedProbability;
      } catch (e) {
        probs = null;
        out.dca = null;
        out.dca_note = `the score is not a probability and could not be calibrated by logistic regression: ${englishError(e)}`;
      }
    }
    if (probs) {
      const dca = decisionCurve(y, probs);
      out.dca = {
        score_transform: isProbability ? 'none' : 'logistic',
        prevalence: dca.prevalence,
        points: dca.pt.map((pt, i) => ({
          threshold: pt,
          net_benefit: dca.netBenefitModel[i],
          treat_all: dca.netBenefitTreatAll[i],
        })),
      };
    }
    io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  });
}
