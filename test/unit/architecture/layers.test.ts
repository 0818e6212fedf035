/**
 * The layer rules are checks, not conventions: ESLint (eslint.config.js) refuses an import across the
 * layers and a DOM global in the engine folders, and tsconfig.core.json compiles the engine without
 * the DOM library. Each rule is shown failing on a deliberate violation, and passing on the real tree's
 * pattern. Tests import fixtures from test/fixtures, never from bench/.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: root });

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('layer rules (ESLint)', () => {
  it('a UI component importing src/db fails; through src/store it passes', async () => {
    expect(
      await ruleIds(`import { listCases } from '../../db/cases';\nvoid listCases;\n`, 'src/ui/case/X.tsx'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        `import { listCases } from '../../store/storage';\nvoid listCases;\n`,
        'src/ui/case/X.tsx',
      ),
    ).toEqual([]);
  });

  it('the UI may not reach src/security either', async () => {
    expect(
      await ruleIds(
        `import { sessionKey } from '../../security/session';\nvoid sessionKey;\n`,
        'src/ui/settings/X.tsx',
      ),
    ).toContain('no-restricted-imports');
  });

  it('db and security form no cycle: security may not import db (types only)', async () => {
    expect(
      await ruleIds(`import { getDb } from '../db/schema';\nvoid getDb;\n`, 'src/security/x.ts'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds(
        `import type { CaseRecord } from '../db/types';\nexport type X = CaseRecord;\n`,
        'src/security/x.ts',
      ),
    ).toEqual([]);
    expect(
      await ruleIds(
        `import { useCaseStore } from '../store/caseStore';\nvoid useCaseStore;\n`,
        'src/db/x.ts',
      ),
    ).toContain('no-restricted-imports');
  });

  it('engine folders import no app layer and no language resources', async () => {
    for (const [code, file] of [
      [`import { useCaseStore } from '../store/caseStore';\nvoid useCaseStore;\n`, 'src/radiomics/x.ts'],
      [`import { getDb } from '../db/schema';\nvoid getDb;\n`, 'src/imaging/x.ts'],
      [`import { en } from '../i18n/en';\nvoid en;\n`, 'src/qpcr/x.ts'],
      [`import { LockedError } from '../security/records';\nvoid LockedError;\n`, 'src/model/x.ts'],
      [`import { App } from '../ui/App';\nvoid App;\n`, 'src/roi/x.ts'],
    ]) {
      expect(await ruleIds(code, file), file).toContain('no-restricted-imports');
    }
  });

  it('a DOM global in an engine folder fails; the same code in the UI passes', async () => {
    const code = `export const w = document.createElement('canvas').width + window.innerWidth;\n`;
    const engine = await ruleIds(code, 'src/imaging/x.ts');
    expect(engine.filter((r) => r === 'no-restricted-globals')).toHaveLength(2);
    expect(await ruleIds(code, 'src/ui/x.ts')).toEqual([]);
  });
});

describe('engine without the DOM library (tsconfig.core.json)', () => {
  const tsc = path.join(root, 'node_modules', '.bin', 'tsc');

  it('refuses a DOM type in an engine file and accepts pure code', () => {
    const dir = mkdtempSync(path.join(root, 'src', 'util', '.tmp-core-'));
    try {
      const config = path.join(dir, 'tsconfig.json');
      writeFileSync(
        config,
        JSON.stringify({ extends: '../../../tsconfig.core.json', include: ['*.ts', '../portable.d.ts'] }),
      );
      writeFileSync(path.join(dir, 'pure.ts'), 'export const half = (x: number): number => x / 2;\n');
      execFileSync(tsc, ['-p', config, '--noEmit'], { cwd: root, encoding: 'utf8' });
      writeFileSync(
        path.join(dir, 'dom.ts'),
        'export const canvas = (): HTMLCanvasElement => document.createElement("canvas");\n',
      );
      let out = '';
      try {
        execFileSync(tsc, ['-p', config, '--noEmit'], { cwd: root, encoding: 'utf8' });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout);
      }
      expect(out).toMatch(/Cannot find name 'HTMLCanvasElement'/);
      expect(out).toMatch(/Cannot find name 'document'/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('covers the engine folders and runs in the typecheck stage', () => {
    const core = JSON.parse(readFileSync(path.join(root, 'tsconfig.core.json'), 'utf8')) as {
      compilerOptions: { lib: string[]; types: string[] };
      include: string[];
    };
    expect(core.compilerOptions.lib).toEqual(['ES2023']);
    expect(core.compilerOptions.types).toEqual([]);
    for (const f of ['radiomics', 'imaging', 'roi', 'qpcr', 'model'])
      expect(core.include).toContain(`src/${f}`);
    expect(readFileSync(path.join(root, 'scripts', 'test.mjs'), 'utf8')).toContain('tsconfig.core.json');
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.typecheck).toContain('tsconfig.core.json');
  });
});

describe('test fixtures', () => {
  function files(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const p = path.join(dir, name);
      return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(name) ? [p] : [];
    });
  }

  it('tests import nothing from bench/', () => {
    const offenders = files(path.join(root, 'test')).filter((f) =>
      /from '(\.\.\/)+bench\//.test(readFileSync(f, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
