/** Numeric helpers shared by the texture feature classes (one home; PyRadiomics' conventions). */

/** ε of PyRadiomics' logarithms and divisions: numpy.spacing(1) = 2⁻⁵² = 2.220446049250313e-16. */
export const EPS = Number.EPSILON;

/** Mean over angles ignoring NaN (numpy.nanmean); NaN when no finite value. */
export function nanMean(v: Float64Array): number {
  let s = 0,
    c = 0;
  for (let k = 0; k < v.length; k++) {
    if (!Number.isNaN(v[k])) {
      s += v[k];
      c++;
    }
  }
  return c === 0 ? NaN : s / c;
}
