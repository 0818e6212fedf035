import { describe, expect, it } from 'vitest';
import { cholesky, choleskySolve, inverseSPD, matVec, solveSPD } from '../../../src/model/linalg';

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
    expect(() =>
      cholesky([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(/not positive definite/);
    expect(() => cholesky([[1, 2]])).toThrow(/must be square/);
    expect(() => cholesky([])).toThrow(/must not be empty/);
    expect(() => cholesky([[NaN]])).toThrow(/not finite/);
    expect(() => solveSPD(A, [1, 2])).toThrow(/right-hand side has length 2/);
    expect(() => matVec(A, [1])).toThrow(/row 0 has length 3/);
  });
});
