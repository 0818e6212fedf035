/**
 * Every message code used in src/ and workers/ has a text in English and in Chinese (`code.<code>` of
 * en.ts and zh.ts). Codes are found where they are made — the first argument of `message(…)`,
 * `MessageError(…)` or an error class built on it (`BackupError(…)`; every string literal in it, e.g.
 * both sides of a conditional) — and as string literals elsewhere that name a code namespace (e.g. a
 * code chosen into a variable first). A code built from a template literal cannot be checked and is
 * refused. Where a call gives its code and its params as literals (`new MessageError('a.b', { x, y })`),
 * the params are exactly the placeholders of the English text.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';

const ROOT = path.resolve(__dirname, '../../..');
const SRC = path.join(ROOT, 'src');
const WORKERS = path.join(ROOT, 'workers');
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

const sources = [...files(SRC), ...files(WORKERS)]
  .filter((f) => !f.startsWith(path.join(SRC, 'i18n') + path.sep))
  .map((f) => ({ file: path.relative(ROOT, f), text: readFileSync(f, 'utf8') }));
const namespaces = Object.keys(en.code);
const LITERAL = /'([a-z][\w-]*(?:\.[\w-]+)+)'|"([a-z][\w-]*(?:\.[\w-]+)+)"/g;
/** The calls that make a message: message(…), new MessageError(…) and the error classes built on it. */
const MAKERS = ['message', 'MessageError', 'BackupError'];
const CALL = new RegExp(`\\b(?:${MAKERS.join('|')})\\(\\s*([^,)]*)`, 'g');

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

/** The source from the bracket at `open` to its matching close (strings and comments skipped), or null. */
function balanced(text: string, open: number): string | null {
  const pairs: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if (c === '/' && text[i + 1] === '/') {
      i = text.indexOf('\n', i);
      if (i < 0) return null;
    } else if (c === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i) + 1;
      if (i <= 0) return null;
    } else if (pairs[c]) stack.push(pairs[c]);
    else if (c === '}' || c === ')' || c === ']') {
      if (stack.pop() !== c) return null;
      if (stack.length === 0) return text.slice(open, i + 1);
    }
  }
  return null;
}

/**
 * The property names of an object literal's source (`{ a, b: f(x, y), 'c': 1 }` → a, b, c); null when
 * they cannot be read off the source (a spread or a computed key).
 */
function objectKeys(src: string): string[] | null {
  const body = src.slice(1, -1);
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < body.length && body[i] !== c; i++) if (body[i] === '\\') i++;
    } else if ('{(['.includes(c)) depth++;
    else if ('})]'.includes(c)) depth--;
    else if (c === ',' && depth === 0) {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(body.slice(start));
  const keys: string[] = [];
  for (const part of parts.map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^(?:([A-Za-z_$][\w$]*)|'([^']+)'|"([^"]+)")\s*(?::|$)/.exec(part);
    if (!m) return null; // a spread (...x) or a computed key
    keys.push(m[1] ?? m[2] ?? m[3]);
  }
  return keys;
}

/** A call that gives its code as a literal: the params it passes (null when not a literal object). */
interface LiteralCall {
  file: string;
  code: string;
  params: string[] | null;
}

function literalCalls(): LiteralCall[] {
  const calls: LiteralCall[] = [];
  const re = new RegExp(
    `\\b(?:${MAKERS.join('|')})\\(\\s*(?:'([a-z][\\w-]*(?:\\.[\\w-]+)+)'|"([a-z][\\w-]*(?:\\.[\\w-]+)+)")\\s*([,)])`,
    'g',
  );
  for (const { file, text } of sources) {
    for (const m of text.matchAll(re)) {
      const code = m[1] ?? m[2];
      let params: string[] | null = [];
      if (m[3] === ',') {
        let i = m.index + m[0].length;
        while (/\s/.test(text[i])) i++;
        if (text[i] === ')') params = [];
        else if (text[i] === '{') {
          const obj = balanced(text, i);
          params = obj === null ? null : objectKeys(obj);
        } else params = null; // params from a variable or a call: not checked here
      }
      calls.push({ file, code, params });
    }
  }
  return calls;
}

const placeholders = (s: string) =>
  [...new Set([...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]))].sort();

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
      .filter(({ text }) => new RegExp(`\\b(?:${MAKERS.join('|')})\\(\\s*\``).test(text))
      .map((s) => s.file);
    expect(built).toEqual([]);
  });

  it('are found in workers/ and in the engine too', () => {
    for (const code of [
      'engine.noImage',
      'radiomics.maskEmpty',
      'radiomics.setting.notNumber',
      'backup.notZip',
    ])
      expect([...used.keys()]).toContain(code);
    expect([...used.values()].some((file) => file.startsWith('workers' + path.sep))).toBe(true);
  });

  it('are given exactly the params their English text has placeholders for (where both are literal)', () => {
    const calls = literalCalls();
    // the scan works: many calls, most with literal params, some with none
    expect(calls.length).toBeGreaterThan(150);
    expect(calls.filter((c) => c.params !== null && c.params.length > 0).length).toBeGreaterThan(60);
    const wrong: string[] = [];
    for (const { file, code, params } of calls) {
      const text = lookup(en.code as unknown as Tree, code);
      if (typeof text !== 'string' || params === null) continue; // a missing text fails the test above
      const want = placeholders(text);
      const got = [...new Set(params)].sort();
      if (JSON.stringify(want) !== JSON.stringify(got))
        wrong.push(`${code} (${file}): passes {${got.join(', ')}}, the text needs {${want.join(', ')}}`);
    }
    expect(wrong).toEqual([]);
  });

  it('reads params off the source as the check above needs', () => {
    expect(objectKeys("{ a, b: f(x, { y }), 'c': [1, 2], d: `${e}, f` }")).toEqual(['a', 'b', 'c', 'd']);
    expect(objectKeys('{ ...rest, a }')).toBeNull();
    expect(objectKeys('{}')).toEqual([]);
    expect(balanced("x({ a: ')' , b: g(1) }) tail", 1)).toBe("({ a: ')' , b: g(1) })");
  });

  it('include the generic code for errors that are not MessageErrors', () => {
    expect(typeof en.code.error.unexpected).toBe('string');
    expect(typeof zh.code.error.unexpected).toBe('string');
  });
});
