/**
 * `sonomir` — the command-line face of SonoMiR: the same feature engine and statistics as the app.
 * Each sub-command lives in its own module and receives argv and an injectable I/O object.
 */
import { englishError } from '../i18n/render';
import { readFileSync, writeFileSync } from 'node:fs';
import { runBatch, runExtract } from './extract-commands';
import { runEvaluate, runPredict, runTrain } from './model-commands';
import { runSegment } from './segment-command';
import type { CliIo } from './io';
import { APP_VERSION } from '../version';

const HELP = `sonomir — PyRadiomics-compatible features and pCR models, offline

Usage:
  sonomir extract --image I --mask M [--label L] [--params P.yaml] [--format csv|json]
  sonomir batch   --input cases.csv --out features.csv [-j N]
  sonomir train   --cohort cohort.csv [--seed N] [--k auto|7] --out model.json
  sonomir predict --model model.json --features case.csv
  sonomir evaluate --data file.csv --label COL --positive VALUE --score COL [--compare COL]
  sonomir segment --image IMG --box x0,y0,x1,y1 [--fg x,y,r]… [--bg x,y,r]… --out mask.png
`;

const io: CliIo = {
  stdout: (s: string) => process.stdout.write(s),
  stderr: (s: string) => process.stderr.write(s),
  readFile: (p: string) => new Uint8Array(readFileSync(p)),
  writeFile: (p: string, d: Uint8Array | string) => writeFileSync(p, d),
  appVersion: APP_VERSION,
};

type Command = (argv: string[], io: CliIo) => Promise<number | void> | number | void;
const commands: Record<string, Command> = {
  extract: runExtract,
  batch: runBatch,
  train: runTrain,
  predict: runPredict,
  evaluate: runEvaluate,
  segment: runSegment,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(HELP);
    return name ? 0 : 2;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.stderr(`sonomir: unknown command "${name}".\n\n${HELP}`);
    return 2;
  }
  try {
    return (await cmd(rest, io)) ?? 0;
  } catch (e) {
    io.stderr(`sonomir ${name}: ${englishError(e)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
