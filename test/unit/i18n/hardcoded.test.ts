/**
 * Source scan: no hard-coded user-visible English in the UI's JSX. Every text node and every
 * user-visible attribute (aria-label, title, placeholder, alt, label, and chart series names) of
 * src/ui/**\/*.tsx must come from the i18n resources (t('…')), except the symbols, units and
 * feature names of ALLOWED below.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const UI = path.resolve(__dirname, '../../../src/ui');

/**
 * Allow-list: tokens that are the same in every language, removed before looking for letters.
 * Keep it small and commented.
 */
const ALLOWED: RegExp[] = [
  // The product's name.
  /\bSonoMiR\b/g,
  // Gene / miRNA symbols and qPCR notation.
  /\b(?:miR-34a|miR-16|cel-miR-39|miRNA-34a|U6|Ct|ΔΔCt|ΔCt)\b/g,
  // Statistics symbols and abbreviations used unchanged in Chinese clinical papers.
  /\b(?:AUC|ROC|ROI|pCR|SD|CI|ICC|LASSO|KNN|DeLong|Brier|F1|SHA-256|MP)\b/g,
  // Single-letter statistical symbols (k neighbours, n cases, z, P, r) and the version prefix v.
  /\b[knzPrv]\b/g,
  // Units.
  /\b(?:mm|px|cm|s|ms|MB|kB)\b/g,
  // File formats.
  /\b(?:CSV|JSON|HTML|PNG|JPEG|TIFF|DICOM)\b/g,
  // PyRadiomics feature-name prefixes and classes (feature names are shown verbatim).
  /\b(?:original|firstorder|glcm|glrlm|glszm|gldm|ngtdm|shape2D|shape)_\w*/g,
];

/** JSX attributes whose string values users read or hear. */
const VISIBLE_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
]);
/** On components (capitalised tags), `name` is a visible series name (Recharts legend). */
const COMPONENT_VISIBLE_ATTRIBUTES = new Set(['name', 'fallback']);

function hasEnglish(text: string): boolean {
  let t = text.replace(/&[a-z]+;/gi, ' ');
  for (const re of ALLOWED) t = t.replace(re, ' ');
  return /[A-Za-z]/.test(t);
}

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Hard-coded English of one TSX source (exported for the scanner's own test below). */
export function scanSource(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const report = (node: ts.Node, text: string) => {
    if (!hasEnglish(text)) return;
    const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    findings.push({ file, line: line + 1, text: text.trim() });
  };
  // A string that ends up as visible text: literals, templates, and the branches of ?:, &&, ||, ??.
  const checkExpression = (e: ts.Expression | undefined): void => {
    if (!e) return;
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) report(e, e.text);
    else if (ts.isTemplateExpression(e))
      report(e, [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(' '));
    else if (ts.isParenthesizedExpression(e)) checkExpression(e.expression);
    else if (ts.isConditionalExpression(e)) {
      checkExpression(e.whenTrue);
      checkExpression(e.whenFalse);
    } else if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken) checkExpression(e.right);
      else if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        checkExpression(e.left);
        checkExpression(e.right);
      } else if (op === ts.SyntaxKind.PlusToken) {
        checkExpression(e.left);
        checkExpression(e.right);
      }
    }
  };
  // Text hoisted into UPPER_CASE constants (const LOADING_TEXT = 'Loading…', const TEXT = { a: '…' }):
  // multi-word strings, directly or as (nested) object values.
  const constantText = (node: ts.Node, text: string) => {
    // Words with a space, read as a sentence or label (a capital first letter or final punctuation),
    // not CSS classes or ids.
    const words = /[A-Za-z]{2,}[^\sA-Za-z]*\s+\S*[A-Za-z]/.test(text);
    if (words && (/^[A-Z]/.test(text) || /[.…:?!]$/.test(text))) report(node, text);
  };
  const checkConstant = (e: ts.Expression): void => {
    if (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e))
      checkConstant(e.expression);
    else if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) constantText(e, e.text);
    else if (ts.isTemplateExpression(e))
      constantText(e, [e.head.text, ...e.templateSpans.map((x) => x.literal.text)].join(' '));
    else if (ts.isObjectLiteralExpression(e)) {
      for (const p of e.properties) if (ts.isPropertyAssignment(p)) checkConstant(p.initializer);
    } else if (ts.isArrayLiteralExpression(e)) e.elements.forEach(checkConstant);
    else if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      checkConstant(e.left);
      checkConstant(e.right);
    } else if (ts.isArrowFunction(e) && !ts.isBlock(e.body)) checkConstant(e.body);
  };
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      /^[A-Z][A-Z0-9_]*$/.test(node.name.text) &&
      node.initializer
    )
      checkConstant(node.initializer);
    if (ts.isJsxText(node)) report(node, node.text);
    else if (ts.isJsxExpression(node) && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)))
      checkExpression(node.expression);
    else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      const tag = node.parent.parent.tagName.getText(sf);
      const visible =
        VISIBLE_ATTRIBUTES.has(name) || (/^[A-Z]/.test(tag) && COMPONENT_VISIBLE_ATTRIBUTES.has(name));
      if (visible && node.initializer) {
        if (ts.isStringLiteral(node.initializer)) report(node.initializer, node.initializer.text);
        else if (ts.isJsxExpression(node.initializer)) {
          const e = node.initializer.expression;
          // Recharts axis titles: label={{ value: '…' }}.
          if (e && ts.isObjectLiteralExpression(e)) {
            for (const p of e.properties)
              if (ts.isPropertyAssignment(p) && p.name.getText(sf) === 'value')
                checkExpression(p.initializer);
          } else checkExpression(e);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

/**
 * Files written while the two languages were introduced and not converted yet (the Backup & security
 * screens). Each is checked below to still need it; remove a file here once it uses t().
 */
const PENDING: string[] = [];

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return tsxFiles(p);
    return d.name.endsWith('.tsx') ? [p] : [];
  });
}

describe('no hard-coded user-visible English in src/ui', () => {
  it('the scanner finds text nodes, visible attributes and string branches, and ignores t() keys', () => {
    const src = `
      const LOADING_TEXT = 'Loading the viewer…';
      const CSS_CLASS = 'panel wide';
      const TEXT = { title: 'Print report', key: 'p', long: 'Keyboard: focus ' + 'the image.', at: (x: number) => \`Cursor at \${x}\` } as const;
      export function X({ busy }: { busy: boolean }) {
        return (
          <div title="Hover text">
            Hello world
            <input placeholder={'Type here'} aria-label={\`Open \${name}\`} />
            {busy ? 'Loading…' : t('demo.load')}
            <Line name="Treat all" />
            <XAxis label={{ value: 'Net benefit', angle: -90 }} />
            <p>{t('app.title')} AUC (95 % CI) miR-34a 2<sup>−ΔΔCt</sup> k = {k}</p>
            <img alt={t('x.y')} className="not-checked" />
          </div>
        );
      }`;
    const texts = scanSource('x.tsx', src).map((f) => f.text);
    expect(texts).toEqual([
      'Loading the viewer…',
      'Print report',
      'Keyboard: focus',
      'the image.',
      'Cursor at',
      'Hover text',
      'Hello world',
      'Type here',
      'Open',
      'Loading…',
      'Treat all',
      'Net benefit',
    ]);
  });

  it('every .tsx file under src/ui takes its visible text from the i18n resources', () => {
    const files = tsxFiles(UI);
    expect(files.length).toBeGreaterThan(10);
    const findings = files
      .map((f) => path.relative(UI, f))
      .filter((f) => !PENDING.includes(f))
      .flatMap((f) => scanSource(f, readFileSync(path.join(UI, f), 'utf8')));
    expect(findings.map((f) => `${f.file}:${f.line}: ${f.text}`)).toEqual([]);
  });

  it('lists as pending only files that still hold hard-coded English', () => {
    for (const f of PENDING) {
      const findings = scanSource(f, readFileSync(path.join(UI, f), 'utf8'));
      expect(findings.length, `${f} has no hard-coded English left: remove it from PENDING`).toBeGreaterThan(
        0,
      );
    }
  });
});
