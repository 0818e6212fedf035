/**
 * Every message code used in src has a text in English and in Chinese (`code.<code>` of en.ts and
 * zh.ts). Codes are found where they are made — the first argument of `message(…)`/`MessageError(…)`
 * (every string literal in it, e.g. both sides of a conditional) — and as string literals elsewhere in
 * src that name a code namespace (e.g. a code chosen into a variable first). A code built from a
 * template literal cannot be checked and is refused.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';

const SRC = path.resolve(__dirname, '../../../src');
type Tree = { [k: string]: string | Tree };

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return files(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

function lookup(tree: Tree, key: string): string | Tree | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return node;
}

const sources = files(SRC)
  .filter((f) => !f.startsWith(path.join(SRC, 'i18n') + path.sep))
  .map((f) => ({ file: path.relative(SRC, f), text: readFileSync(f, 'utf8') }));
const namespaces = Object.keys(en.code);
const LITERAL = /'([a-z][\w-]*(?:\.[\w-]+)+)'|"([a-z][\w-]*(?:\.[\w-]+)+)"/g;
const CALL = /\b(?:message|MessageError)\(\s*([^,)]*)/g;

function usedCodes(): Map<string, string> {
  const used = new Map<string, string>();
  for (const { file, text } of sources) {
    for (const call of text.matchAll(CALL)) {
      for (const lit of call[1].matchAll(LITERAL)) used.set(lit[1] ?? lit[2], file);
    }
    for (const lit of text.matchAll(LITERAL)) {
      const code = lit[1] ?? lit[2];
      const ns = code.split('.')[0];
      // A top-level resource key (t('case.heading')) or a file name ('cohort.csv') is not a code.
      if (/\.(csv|json|png|html|txt)$/.test(code)) continue;
      if (namespaces.includes(ns) && lookup(en as unknown as Tree, code) === undefined) used.set(code, file);
    }
  }
  return used;
}

describe('message codes', () => {
  const used = usedCodes();

  it('are found in the domain modules (the scan works)', () => {
    for (const code of [
      'qpcr.qc.sd',
      'prediction.outOfRange',
      'case.gone',
      'save.failed',
      'cohort.tooFewCases',
    ])
      expect([...used.keys()]).toContain(code);
    expect(used.size).toBeGreaterThan(40);
  });

  it('each have a text in English and in Chinese', () => {
    const missing: string[] = [];
    for (const [code, file] of used) {
      for (const [lang, res] of [
        ['en', en],
        ['zh', zh],
      ] as const) {
        if (typeof lookup(res.code as unknown as Tree, code) !== 'string')
          missing.push(`${lang} ${code} (${file})`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('are never built from template literals', () => {
    const built = sources
      .filter(({ text }) => /\b(?:message|MessageError)\(\s*`/.test(text))
      .map((s) => s.file);
    expect(built).toEqual([]);
  });

  it('include the generic code for errors that are not MessageErrors', () => {
    expect(typeof en.code.error.unexpected).toBe('string');
    expect(typeof zh.code.error.unexpected).toBe('string');
  });
});
