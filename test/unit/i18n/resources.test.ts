/** Both languages' resources: the same keys, no empty values, the same {{placeholders}}. */
import { describe, expect, it } from 'vitest';
import { en } from '../../../src/i18n/en';
import { zh } from '../../../src/i18n/zh';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  const enFlat = flatten(en as Tree);
  const zhFlat = flatten(zh as Tree);

  it('have a substantial number of keys', () => {
    expect(enFlat.size).toBeGreaterThan(150);
  });

  it('have exactly the same keys in English and Chinese', () => {
    expect([...zhFlat.keys()].sort()).toEqual([...enFlat.keys()].sort());
  });

  it('have no empty values', () => {
    const empty = [...enFlat, ...zhFlat].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('use the same interpolation placeholders in both languages', () => {
    const differ = [...enFlat.keys()].filter(
      (k) =>
        JSON.stringify(placeholders(enFlat.get(k)!)) !== JSON.stringify(placeholders(zhFlat.get(k) ?? '')),
    );
    expect(differ).toEqual([]);
  });

  it('translate prose: a Chinese value with Latin words must also contain Chinese', () => {
    // Values that are only symbols, units or domain names (pCR, SHA-256, F1, z) may be equal.
    const untranslated = [...enFlat.keys()].filter((k) => {
      const v = zhFlat.get(k)!;
      const latinWords = v.replace(/\{\{[^}]*\}\}/g, '').match(/[A-Za-z]{4,}/g) ?? [];
      const words = latinWords.filter(
        (w) =>
          !/^(SonoMiR|PyRadiomics|LASSO|DeLong|Brier|Bootstrap|Miller|Payne|Worker|miRNA|original_glcm_Correlation|training|validation|reader2_|calibration|large|miR34a|qPCR)$/i.test(
            w,
          ),
      );
      return words.length > 0 && !/[\u4e00-\u9fff]/.test(v);
    });
    expect(untranslated).toEqual([]);
  });
});
