import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../../src/version';

const root = path.resolve(__dirname, '../../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(name) ? [p] : [];
  });
}

describe('APP_VERSION', () => {
  it('equals the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(APP_VERSION).toBe(pkg.version);
  });

  it('is defined only in src/version.ts (every other module imports it)', () => {
    const defining = sourceFiles(path.join(root, 'src'))
      .filter((f) => /\b(const|let|var)\s+APP_VERSION\b/.test(readFileSync(f, 'utf8')))
      .map((f) => path.relative(root, f).split(path.sep).join('/'));
    expect(defining).toEqual(['src/version.ts']);
  });
});

describe('repository hygiene', () => {
  it('tracks no merge leftovers (*.orig, *.rej) and ignores them', () => {
    const tracked = execFileSync('git', ['ls-files', '*.orig', '*.rej', '**/*.orig', '**/*.rej'], {
      cwd: root,
      encoding: 'utf8',
    }).trim();
    expect(tracked).toBe('');
    const ignore = readFileSync(path.join(root, '.gitignore'), 'utf8').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['*.orig', '*.rej']));
  });
});
