/**
 * The codes of the app layers and the CLI (engine.*, lock.*, store.*, stored.*, backup.*, demo.*, browser.*,
 * cli.*) render in Chinese and in English with every placeholder filled. Their use — the code and the
 * params of each call — is checked by codes.test.ts and by the tests of the modules throwing them
 * (test/unit/db, test/unit/security, test/unit/demo, test/unit/cli, test/unit/app).
 */
import { describe, expect, it } from 'vitest';
import { expectTranslated } from '../../fixtures/translated';
import { en } from '../../../src/i18n/en';
import type { Message } from '../../../src/util/message';

type Tree = { [k: string]: string | Tree };
const NAMESPACES = ['engine', 'lock', 'store', 'stored', 'backup', 'demo', 'browser', 'cli'] as const;

/** Every code below `prefix` with its English text. */
function texts(tree: Tree, prefix: string): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]): [string, string][] =>
    typeof v === 'string' ? [[`${prefix}.${k}`, v]] : texts(v, `${prefix}.${k}`),
  );
}

describe('app and CLI message codes', () => {
  const all = NAMESPACES.flatMap((ns) => texts((en.code as unknown as Tree)[ns] as Tree, ns));

  it('exist under code.* of the resources', () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it('render in both languages with every placeholder filled', () => {
    const messages: Message[] = all.map(([code, text]) => ({
      code,
      params: Object.fromEntries([...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => [m[1], 7])),
    }));
    expectTranslated(messages);
  });
});
