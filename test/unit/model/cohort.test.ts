import { describe, expect, it } from 'vitest';
import {
  isPyRadiomicsFeatureName,
  parseCohortCsv,
  parseCsv,
  parseNumberCell,
} from '../../../src/model/cohort';
import { thrownMessage } from '../../fixtures/thrownMessage';
import { englishThrown } from '../../fixtures/englishError';

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
    expect(thrownMessage(() => parseCsv('a,b\n1,2\n3'))).toEqual({
      code: 'model.csv.cellCount',
      params: { file: 'CSV', line: 3, cells: 1, columns: 2 },
    });
    expect(thrownMessage(() => parseCsv('a,b\n"1,2\n', 't.csv'))).toEqual({
      code: 'model.csv.openQuote',
      params: { file: 't.csv', line: 2 },
    });
    expect(thrownMessage(() => parseCsv('a,a\n1,2'))).toEqual({
      code: 'model.csv.duplicateHeader',
      params: { file: 'CSV', line: 1, name: 'a', first: 1, second: 2 },
    });
    expect(thrownMessage(() => parseCsv('a,,c\n1,2,3'))).toEqual({
      code: 'model.csv.emptyHeader',
      params: { file: 'CSV', line: 1, column: 2 },
    });
    expect(thrownMessage(() => parseCsv('  \n'))).toEqual({
      code: 'model.csv.empty',
      params: { file: 'CSV' },
    });
    expect(englishThrown(() => parseCsv('a,b\n1,2\n3', 'cohort.csv'))).toMatch(
      /^cohort\.csv: line 3: 1 cells, but the header has 2 columns\. /,
    );
  });
  it('parses numbers strictly', () => {
    expect(parseNumberCell(' 1.5e-3 ', 'x')).toBe(0.0015);
    expect(parseNumberCell('0,44', 'x', true)).toBe(0.44);
    expect(parseNumberCell('', 'x')).toBeNull();
    expect(thrownMessage(() => parseNumberCell('1.2.3', 'here'))).toEqual({
      code: 'model.csv.notNumber',
      params: { where: 'here', value: '1.2.3' },
    });
    expect(thrownMessage(() => parseNumberCell(' Infinity ', 'here'))).toEqual({
      code: 'model.csv.notNumber',
      params: { where: 'here', value: 'Infinity' },
    });
    expect(thrownMessage(() => parseNumberCell('1e999', 'here'))).toEqual({
      code: 'model.csv.tooLarge',
      params: { where: 'here', value: '1e999' },
    });
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
    const file = { code: 'model.csv.cohortFile' };
    const where = (line: number, column: string) => ({
      code: 'model.csv.cell',
      params: { file, line, column },
    });
    expect(thrownMessage(() => parseCohortCsv(`${header}\nP1,abc,0.8,0.44,0,50,x`))).toEqual({
      code: 'model.csv.notNumber',
      params: { where: where(2, 'original_glcm_Contrast'), value: 'abc' },
    });
    expect(thrownMessage(() => parseCohortCsv(`${header}\nP1,1,,0.44,0,50,x`))).toEqual({
      code: 'model.csv.emptyCell',
      params: { where: where(2, 'original_shape_Elongation') },
    });
    expect(thrownMessage(() => parseCohortCsv(`${header}\nP1,1,1,0.44,2,50,x`))).toEqual({
      code: 'model.cohort.pcrNotBinary',
      params: { where: where(2, 'pCR'), value: '2' },
    });
    expect(thrownMessage(() => parseCohortCsv(`${header}\nP1,1,1,-0.4,1,50,x`))).toEqual({
      code: 'model.cohort.mirNotPositive',
      params: { where: where(2, 'miR34a'), value: -0.4 },
    });
    expect(thrownMessage(() => parseCohortCsv(`${header}\nP1,1,1,0.4,1,50,x\nP1,1,1,0.4,0,50,x`))).toEqual({
      code: 'model.cohort.duplicateId',
      params: { where: where(3, 'id'), id: 'P1', line: 2 },
    });
    expect(thrownMessage(() => parseCohortCsv(`${header}\n,1,1,0.4,1,50,x`))).toEqual({
      code: 'model.cohort.emptyId',
      params: { where: where(2, 'id') },
    });
    // The cell's place is rendered inside the message, in English as before.
    expect(
      englishThrown(() => parseCohortCsv(`${header}\nP1,abc,0.8,0.44,0,50,x`, { what: 'c.csv' })),
    ).toMatch(/^c\.csv: line 2, column "original_glcm_Contrast": "abc" is not a number\. /);
    expect(englishThrown(() => parseCohortCsv(`${header}\nP1,1,,0.44,0,50,x`))).toMatch(
      /^cohort CSV: line 2, column "original_shape_Elongation": the cell is empty\. /,
    );
  });
  it('rejects files missing required columns', () => {
    const file = { code: 'model.csv.cohortFile' };
    expect(thrownMessage(() => parseCohortCsv('original_glcm_Contrast,pCR\n1,0'))).toEqual({
      code: 'model.cohort.noMir',
      params: { file },
    });
    expect(
      thrownMessage(() => parseCohortCsv('original_glcm_Contrast,miR34a\n1,0.5', { what: 'x.csv' })),
    ).toEqual({
      code: 'model.cohort.noPcr',
      params: { file: 'x.csv' },
    });
    expect(thrownMessage(() => parseCohortCsv('miR34a,pCR\n0.5,1'))).toEqual({
      code: 'model.cohort.noFeatures',
      params: { file },
    });
    expect(
      thrownMessage(() => parseCohortCsv('original_glcm_Contrast,miR34a,miR-34a,pCR\n1,0.5,0.5,1')),
    ).toEqual({
      code: 'model.cohort.severalMir',
      params: { file, columns: '"miR34a", "miR-34a"' },
    });
    expect(
      thrownMessage(() =>
        parseCohortCsv('original_glcm_Contrast,reader2_original_glcm_Idm,miR34a,pCR\n1,1,0.5,1'),
      ),
    ).toEqual({
      code: 'model.cohort.reader2Orphan',
      params: { file, column: 'reader2_original_glcm_Idm', name: 'original_glcm_Idm' },
    });
    expect(thrownMessage(() => parseCohortCsv('original_glcm_Contrast,miR34a,pCR\n'))).toEqual({
      code: 'model.cohort.noRows',
      params: { file },
    });
  });
  it('recognises PyRadiomics feature names', () => {
    expect(isPyRadiomicsFeatureName('original_firstorder_10Percentile')).toBe(true);
    expect(isPyRadiomicsFeatureName('wavelet-LHL_glszm_ZoneEntropy')).toBe(true);
    expect(isPyRadiomicsFeatureName('log-sigma-1-0-mm-3D_glcm_Idm')).toBe(true);
    expect(isPyRadiomicsFeatureName('original_foo_Bar')).toBe(false);
    expect(isPyRadiomicsFeatureName('age')).toBe(false);
  });
});
