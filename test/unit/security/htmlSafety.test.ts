/**
 * Imported text (CSV cells, DICOM tags, model names, restored backups) is never interpreted as HTML:
 * React escapes all text it renders, so the only risk is an HTML sink. None may exist in src/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(__dirname, '../../../src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|js|jsx|mjs)$/.test(name) ? [p] : [];
  });
}

/** Ways to turn a string into markup or code. */
const SINKS: [string, RegExp][] = [
  ['dangerouslySetInnerHTML', /dangerouslySetInnerHTML/],
  ['innerHTML/outerHTML assignment', /\b(inner|outer)HTML\s*(\+?=)(?!=)/],
  ['insertAdjacentHTML', /insertAdjacentHTML/],
  ['document.write', /document\.write(ln)?\s*\(/],
  ['createContextualFragment', /createContextualFragment/],
  ['DOMParser', /\bDOMParser\b|parseFromString/],
  ['iframe srcdoc', /srcdoc/i],
  ['eval', /(^|[^.\w])eval\s*\(/],
  ['new Function', /new\s+Function\s*\(/],
];

/**
 * Reads of innerHTML that only serialise the app's own DOM (text nodes come out escaped), with why.
 * Anything else mentioning innerHTML fails the test.
 */
const INNER_HTML_READS: Record<string, string> = {
  'ui/studio/printable.ts': 'serialises a clone of the rendered report for the printable file (output only)',
};

describe('no HTML sinks in src/', () => {
  const all = files(SRC);
  it('finds the source files', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  it.each(SINKS)('nothing uses %s', (_name, re) => {
    const hits = all.filter((f) => re.test(readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    expect(hits).toEqual([]);
  });

  it('innerHTML appears only where the DOM is serialised for output', () => {
    const hits = all
      .filter((f) => /innerHTML/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f).split(path.sep).join('/'));
    expect(hits.filter((h) => !(h in INNER_HTML_READS))).toEqual([]);
  });
});
