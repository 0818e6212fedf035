import { describe, expect, it } from 'vitest';
import {
  isPyRadiomicsFeatureName,
  parseCohortCsv,
  parseCsv,
  parseNumberCell,
} from '../../../src/model/cohort';

const header = 'id,original_glcm_Contrast,original_shape_Elongation,miR34a,pCR,age,subtype';

describe('parseCsv', () => {
  it('handles BOM, quotes with escaped quotes and newlines, CRLF, blank lines', () => {
    const t = parseCsv('\uFEFFa,b\r\n"x, ""y""",2\r\n\r\n"multi\nline",3\n');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      ['x, "y"', '2'],
      ['multi\nline', '3'],
    ]);
    expect(t.lines).toEqual([2, 4]);
    expect(t.delimiter).toBe(',');
  });
  it('detects the semicolon delimiter', () => {
    expect(parseCsv('a;b;c\n1,5;2;3').delimiter).toBe(';');
  });
  it('names the line for ragged rows, unterminated quotes and duplicated headers', () => {
    expect(() => parseCsv('a,b\n1,2\n3')).toThrow(/line 3: 1 cells, but the header has 2 columns/);
    expect(() => parseCsv('a,b\n"1,2\n')).toThrow(/line 2: a quoted cell is never closed/);
    expect(() => parseCsv('a,a\n1,2')).toThrow(/"a" appears twice \(columns 1 and 2\)/);
    expect(() => parseCsv('  \n')).toThrow(/empty/);
  });
  it('parses numbers strictly', () => {
    expect(parseNumberCell(' 1.5e-3 ', 'x')).toBe(0.0015);
    expect(parseNumberCell('0,44', 'x', true)).toBe(0.44);
    expect(parseNumberCell('', 'x')).toBeNull();
    expect(() => parseNumberCell('1.2.3', 'here')).toThrow(/here: "1.2.3" is not a number/);
    expect(() => parseNumberCell('Infinity', 'here')).toThrow(/not a number/);
  });
});

describe('parseCohortCsv', () => {
  it('parses features, miR34a, pCR, ids and clinical variables', () => {
    const c = parseCohortCsv(
      `${header}\nP1,1.5,0.8,0.44,0,50,luminal\nP2,2.5,0.7,0.77,1,,HER2\n"P3",3,0.6,0.8,1,61,"TN"\n`,
    );
    expect(c.ids).toEqual(['P1', 'P2', 'P3']);
    expect(c.featureNames).toEqual(['original_glcm_Contrast', 'original_shape_Elongation']);
    expect(c.features).toEqual([
      [1.5, 0.8],
      [2.5, 0.7],
      [3, 0.6],
    ]);
    expect(c.mir34a).toEqual([0.44, 0.77, 0.8]);
    expect(c.pcr).toEqual([0, 1, 1]);
    expect(c.reader2).toBeNull();
    expect(c.clinical).toEqual([
      { name: 'age', kind: 'numeric', values: [50, null, 61] },
      { name: 'subtype', kind: 'categorical', values: ['luminal', 'HER2', 'TN'] },
    ]);
  });
  it('reads semicolon files with decimal commas, case_id, second-reader columns, ignores diagnostics', () => {
    const c = parseCohortCsv(
      '\uFEFFcase_id;original_glcm_Contrast;reader2_original_glcm_Contrast;diagnostics_Versions_PyRadiomics;miR-34a;pCR\n' +
        'a;1,5;1,4;v3;0,5;1\nb;2;2,1;v3;0,4;0\n',
    );
    expect(c.ids).toEqual(['a', 'b']);
    expect(c.features).toEqual([[1.5], [2]]);
    expect(c.mir34a).toEqual([0.5, 0.4]);
    expect(c.reader2).toEqual({ featureNames: ['original_glcm_Contrast'], features: [[1.4], [2.1]] });
    expect(c.clinical).toEqual([]);
  });
  it('uses row numbers as ids when the file has no id column; outcome optional for prediction', () => {
    const c = parseCohortCsv('original_glcm_Contrast,miR34a\n1,0.5\n', { requireOutcome: false });
    expect(c.ids).toEqual(['row 2']);
    expect(c.pcr).toBeNull();
  });
  it('every cell error names the line and the column', () => {
    expect(() => parseCohortCsv(`${header}\nP1,abc,0.8,0.44,0,50,x`)).toThrow(
      /line 2, column "original_glcm_Contrast": "abc" is not a number/,
    );
    expect(() => parseCohortCsv(`${header}\nP1,1,,0.44,0,50,x`)).toThrow(
      /line 2, column "original_shape_Elongation": the cell is empty/,
    );
    expect(() => parseCohortCsv(`${header}\nP1,1,1,0.44,2,50,x`)).toThrow(
      /line 2, column "pCR": "2" is not 0/,
    );
    expect(() => parseCohortCsv(`${header}\nP1,1,1,-0.4,1,50,x`)).toThrow(/line 2, column "miR34a": .*> 0/);
    expect(() => parseCohortCsv(`${header}\nP1,1,1,0.4,1,50,x\nP1,1,1,0.4,0,50,x`)).toThrow(
      /line 3, column "id": case id "P1" already used on line 2/,
    );
    expect(() => parseCohortCsv(`${header}\n,1,1,0.4,1,50,x`)).toThrow(
      /line 2, column "id": the case id is empty/,
    );
  });
  it('rejects files missing required columns', () => {
    expect(() => parseCohortCsv('original_glcm_Contrast,pCR\n1,0')).toThrow(/no miR34a column/);
    expect(() => parseCohortCsv('original_glcm_Contrast,miR34a\n1,0.5')).toThrow(/no pCR column/);
    expect(() => parseCohortCsv('miR34a,pCR\n0.5,1')).toThrow(/no radiomics feature column/);
    expect(() =>
      parseCohortCsv('original_glcm_Contrast,reader2_original_glcm_Idm,miR34a,pCR\n1,1,0.5,1'),
    ).toThrow(/"reader2_original_glcm_Idm" has no first-reader column "original_glcm_Idm"/);
    expect(() => parseCohortCsv('original_glcm_Contrast,miR34a,pCR\n')).toThrow(/no case rows/);
  });
  it('recognises PyRadiomics feature names', () => {
    expect(isPyRadiomicsFeatureName('original_firstorder_10Percentile')).toBe(true);
    expect(isPyRadiomicsFeatureName('wavelet-LHL_glszm_ZoneEntropy')).toBe(true);
    expect(isPyRadiomicsFeatureName('log-sigma-1-0-mm-3D_glcm_Idm')).toBe(true);
    expect(isPyRadiomicsFeatureName('original_foo_Bar')).toBe(false);
    expect(isPyRadiomicsFeatureName('age')).toBe(false);
  });
});
