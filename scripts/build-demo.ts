/**
 * Builds the embedded demonstration cohort and model into public/demo/ (served as demo/ by Vite and
 * copied into dist/). Run with `npx tsx scripts/build-demo.ts` (npm hooks: predev, prebuild).
 *
 * Cached: the artifacts carry a key (SHA-256 of the generator, engine, imaging, qPCR, ROI and model
 * sources and of the app version); when public/demo/manifest.json has the current key the build is
 * skipped. `--force` rebuilds anyway. Output is deterministic for a given seed (`--seed N`).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDemoArtifacts, type DemoManifest } from '../src/demo/build';
import { DEMO_SEED } from '../src/demo/generator';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'public', 'demo');
const SOURCE_DIRS = [
  'src/demo',
  'src/radiomics',
  'src/imaging',
  'src/model',
  'src/qpcr',
  'src/roi',
  'src/util',
];

function sourceKey(seed: number): string {
  const h = createHash('sha256');
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  h.update(`seed=${seed};version=${pkg.version};`);
  for (const dir of SOURCE_DIRS) {
    const abs = path.join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs)
      .filter((n) => n.endsWith('.ts'))
      .sort()) {
      h.update(`${dir}/${f}\n`);
      h.update(readFileSync(path.join(abs, f)));
    }
  }
  return h.digest('hex');
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const seedText = argValue('--seed');
  const seed = seedText === undefined ? DEMO_SEED : Number(seedText);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got ${seedText}`);
  const force = process.argv.includes('--force');
  const key = sourceKey(seed);
  const manifestPath = path.join(OUT, 'manifest.json');
  if (!force && existsSync(manifestPath) && existsSync(path.join(OUT, 'model.json'))) {
    const old = JSON.parse(readFileSync(manifestPath, 'utf8')) as DemoManifest;
    if (old.sourceKey === key) {
      console.log(
        `demo: public/demo is up to date (model ${old.modelHash.slice(0, 12)}…); use --force to rebuild`,
      );
      return;
    }
  }
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const t0 = performance.now();
  const art = await buildDemoArtifacts({
    seed,
    appVersion: pkg.version,
    sourceKey: key,
    onProgress: (done, total) => {
      if (process.stdout.isTTY) process.stdout.write(`\rdemo: features of ${done}/${total} patients`);
    },
  });
  if (process.stdout.isTTY) process.stdout.write('\n');
  const tmp = `${OUT}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(path.join(tmp, 'cases'), { recursive: true });
  for (const [name, content] of art.files) writeFileSync(path.join(tmp, name), content);
  rmSync(OUT, { recursive: true, force: true });
  renameSync(tmp, OUT);
  const m = art.manifest;
  const fmt = (k: keyof DemoManifest['auc']) =>
    m.auc[k] ? `${k} ${m.auc[k].validation.toFixed(3)}` : `${k} not built`;
  console.log(
    `demo: ${m.patients} patients (${m.pcr} pCR / ${m.nonPcr} non-pCR), ${m.selectedFeatures.length} features selected, ` +
      `validation AUC ${fmt('clinical')}, ${fmt('radiomics')}, ${fmt('combined')}; ` +
      `model ${m.modelHash.slice(0, 12)}… in ${((performance.now() - t0) / 1000).toFixed(1)} s → public/demo/`,
  );
}

main().catch((e: unknown) => {
  console.error(`demo build failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
