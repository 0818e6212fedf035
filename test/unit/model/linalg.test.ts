import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve, inverseSPD, matVec, solveSPD } from '../../../src/model/linalg';
import { thrownMessage } from '../../fixtures/thrownMessage';

const A = [
  [4, 12, -16],
  [12, 37, -43],
  [-16, -43, 98],
];

describe('SPD linear algebra', () => {
  it('Cholesky reproduces the textbook factor', () => {
    // A = L Lᵀ with L = [[2,0,0],[6,1,0],[-8,5,3]].
    expect(cholesky(A)).toEqual([
      [2, 0, 0],
      [6, 1, 0],
      [-8, 5, 3],
    ]);
  });
  it('solve and inverse satisfy A x = b and A A⁻¹ = I', () => {
    const b = [1, -2, 3];
    const x = solveSPD(A, b);
    matVec(A, x).forEach((v, i) => expect(v).toBeCloseTo(b[i], 10));
    expect(choleskySolve(cholesky(A), b)).toEqual(x);
    const inv = inverseSPD(A);
    for (let i = 0; i < 3; i++) {
      const row = matVec(
        A,
        inv.map((r) => r[i]),
      );
      row.forEach((v, j) => expect(v).toBeCloseTo(i === j ? 1 : 0, 10));
      for (let j = 0; j < 3; j++) expect(inv[i][j]).toBe(inv[j][i]);
    }
  });
  it('rejects non-SPD, non-square and mismatched input', () => {
    expect(
      thrownMessage(() =>
        cholesky([
          [1, 2],
          [2, 1],
        ]),
      ),
    ).toEqual({ code: 'stats.notPositiveDefinite', params: { fn: 'cholesky', pivot: 1, value: -3 } });
    expect(thrownMessage(() => cholesky([[1, 2]]))).toEqual({
      code: 'stats.rowLength',
      params: { fn: 'cholesky', what: 'A', i: 0, n: 2, expected: 1 },
    });
    expect(thrownMessage(() => cholesky([]))).toEqual({
      code: 'stats.tooFewRows',
      params: { fn: 'cholesky', what: 'A', n: 0, min: 1 },
    });
    expect(thrownMessage(() => cholesky([[NaN]]))).toEqual({
      code: 'stats.notFinite',
      params: { fn: 'cholesky', what: 'A[0][0]', value: NaN },
    });
    expect(thrownMessage(() => solveSPD(A, [1, 2]))).toEqual({
      code: 'stats.lengthMismatch',
      params: { fn: 'choleskySolve', what: 'b, L', a: 2, b: 3 },
    });
    expect(thrownMessage(() => matVec(A, [1]))).toEqual({
      code: 'stats.rowLength',
      params: { fn: 'matVec', what: 'A', i: 0, n: 3, expected: 1 },
    });
  });
});
