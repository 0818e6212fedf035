#!/usr/bin/env node
/**
 * `npm test`: typecheck → lint → unit + conformance tests → production build → browser tests.
 * Stops at the first failing stage, exits non-zero, and always ends with one summary line
 * "N passed, N failed" counted from vitest's JSON reports.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, 'test-results');
mkdirSync(out, { recursive: true });
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const stages = [
  ['typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']],
  // The engine folders without the DOM library (tsconfig.core.json).
  ['typecheck-core', bin('tsc'), ['-p', 'tsconfig.core.json', '--noEmit']],
  ['lint', bin('eslint'), ['.']],
  ['format', bin('prettier'), ['--check', '.']],
  [
    'unit',
    bin('vitest'),
    [
      'run',
      '--project',
      'unit',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}/unit.json`,
    ],
  ],
  ['demo', bin('tsx'), ['scripts/build-demo.ts']],
  ['build', bin('vite'), ['build']],
  [
    'browser',
    bin('vitest'),
    [
      'run',
      '--project',
      'browser',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}/browser.json`,
    ],
  ],
];

let passed = 0;
let failed = 0;
let failedStage = null;
for (const [name, cmd, args] of stages) {
  const jsonFile = name === 'unit' || name === 'browser' ? path.join(out, `${name}.json`) : null;
  if (jsonFile && existsSync(jsonFile)) rmSync(jsonFile);
  const t0 = Date.now();
  process.stdout.write(`\n=== ${name} ===\n`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  process.stdout.write(
    `=== ${name}: ${r.status === 0 ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s ===\n`,
  );
  if (jsonFile && existsSync(jsonFile)) {
    const j = JSON.parse(readFileSync(jsonFile, 'utf8'));
    passed += j.numPassedTests ?? 0;
    failed += j.numFailedTests ?? 0;
    // A file that failed to load or whose hooks failed has no failed test of its own: count it once.
    for (const file of j.testResults ?? []) {
      const failedInFile = (file.assertionResults ?? []).filter((a) => a.status === 'failed').length;
      if (file.status === 'failed' && failedInFile === 0) failed += 1;
    }
  }
  if (r.status !== 0) {
    failedStage = name;
    if (!jsonFile) failed += 1;
    break;
  }
}
if (failedStage) process.stdout.write(`\nnpm test: stage "${failedStage}" failed\n`);
process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failedStage ? 1 : 0);
