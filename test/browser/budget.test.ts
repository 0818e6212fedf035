/**
 * Performance budget of the production build (dist/): the JavaScript a browser must load before the
 * Case screen starts — the entry script, its static imports (transitively) and any modulepreload links
 * of index.html — is under 300 KB gzip, and none of it is recharts, dicom-parser or the Model Studio,
 * which load on demand.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DIST } from './harness';

const BUDGET_GZIP_BYTES = 300 * 1024;

/** Code that must only load on demand, recognised by strings that survive minification. */
const ON_DEMAND: { what: string; markers: string[] }[] = [
  { what: 'recharts', markers: ['recharts-wrapper', 'recharts-surface'] },
  { what: 'dicom-parser', markers: ['readPart10Header', 'dicomParser'] },
  { what: 'Model Studio', markers: ['studio-screen', 'studio-form'] },
];

/** Script URLs of index.html that load at start-up: module entry scripts and modulepreload links. */
function entryScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) out.push(m[1]);
  return out;
}

/** Relative specifiers of a chunk's static imports and re-exports (never `import(…)`). */
function staticImports(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/\bfrom\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) out.push(m[1]);
  for (const m of code.matchAll(/\bimport\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g)) out.push(m[1]);
  return out;
}

/** Every file (absolute path) loaded before the app starts, following static imports transitively. */
function initialChunks(): string[] {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const queue = entryScripts(html).map((src) => path.resolve(DIST, src));
  const seen = new Set<string>();
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const spec of staticImports(code)) queue.push(path.resolve(path.dirname(file), spec));
  }
  return [...seen];
}

describe('performance budget of the production build', () => {
  const chunks = initialChunks();
  const sizes = chunks.map((file) => {
    const code = readFileSync(file);
    return { file: path.relative(DIST, file), raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
  });

  it('finds the entry script and follows its static imports', () => {
    expect(chunks.length).toBeGreaterThanOrEqual(1);
    expect(sizes[0].file).toMatch(/^assets\/index-[\w-]+\.js$/);
    // The parser recognises the build's import syntax: the entry imports at least one shared chunk here.
    expect(staticImports(readFileSync(chunks[0], 'utf8')).length).toBeGreaterThan(0);
  });

  it('loads under 300 KB of gzipped JavaScript before the Case screen starts', () => {
    const total = sizes.reduce((a, s) => a + s.gzip, 0);
    console.log(
      `initial JavaScript: ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB gzip`).join(', ')}; ` +
        `total ${(total / 1024).toFixed(1)} KB gzip`,
    );
    expect(total).toBeLessThan(BUDGET_GZIP_BYTES);
  });

  it.each(ON_DEMAND)('keeps $what out of the initial JavaScript (loaded on demand)', ({ markers }) => {
    for (const file of chunks) {
      const code = readFileSync(file, 'utf8');
      for (const marker of markers) expect(code.includes(marker), `${marker} in ${file}`).toBe(false);
    }
    // The markers are real: the code is in the build, in a chunk loaded later.
    const assets = readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    const lazy = assets.filter((f) => {
      const code = readFileSync(path.join(DIST, 'assets', f), 'utf8');
      return markers.some((m) => code.includes(m));
    });
    expect(lazy.length).toBeGreaterThan(0);
    for (const f of lazy) expect(chunks).not.toContain(path.join(DIST, 'assets', f));
  });
});
