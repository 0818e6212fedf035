/**
 * Eigenvalues of a small dense real (non-symmetric) matrix: Householder reduction to upper Hessenberg
 * form followed by the shifted double-step Francis QR iteration (the EISPACK orthes/hqr scheme).
 * Used by GLCM MCC, whose Q matrix is not symmetric. Pure TypeScript.
 */
import { EPS } from './numeric';
import { MessageError } from '../util/message';

/** Real and imaginary parts of the eigenvalues. */
export interface Eigenvalues {
  re: Float64Array;
  im: Float64Array;
}

/**
 * Eigenvalues of the n×n matrix `a` (row-major, copied, not modified).
 * @throws when the QR iteration does not converge (more than 60·n iterations).
 */
export function eigenvalues(a: Float64Array, n: number): Eigenvalues {
  const H = Float64Array.from(a);
  const ort = new Float64Array(n);

  // Householder reduction to Hessenberg form
  for (let m = 1; m <= n - 2; m++) {
    let scale = 0;
    for (let i = m; i < n; i++) scale += Math.abs(H[i * n + m - 1]);
    if (scale === 0) continue;
    let h = 0;
    for (let i = n - 1; i >= m; i--) {
      ort[i] = H[i * n + m - 1] / scale;
      h += ort[i] * ort[i];
    }
    let g = Math.sqrt(h);
    if (ort[m] > 0) g = -g;
    h -= ort[m] * g;
    ort[m] -= g;
    for (let j = m; j < n; j++) {
      let f = 0;
      for (let i = n - 1; i >= m; i--) f += ort[i] * H[i * n + j];
      f /= h;
      for (let i = m; i < n; i++) H[i * n + j] -= f * ort[i];
    }
    for (let i = 0; i < n; i++) {
      let f = 0;
      for (let j = n - 1; j >= m; j--) f += ort[j] * H[i * n + j];
      f /= h;
      for (let j = m; j < n; j++) H[i * n + j] -= f * ort[j];
    }
    ort[m] *= scale;
    H[m * n + m - 1] = scale * g;
  }

  // Francis double-shift QR on the Hessenberg matrix
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const eps = EPS;
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(H[i * n + j]);
  let hi = n - 1;
  let exshift = 0;
  let iter = 0;
  let total = 0;
  let p = 0,
    q = 0,
    r = 0,
    s = 0,
    z = 0,
    w = 0,
    x = 0,
    y = 0;
  while (hi >= 0) {
    let l = hi;
    while (l > 0) {
      s = Math.abs(H[(l - 1) * n + l - 1]) + Math.abs(H[l * n + l]);
      if (s === 0) s = norm;
      if (Math.abs(H[l * n + l - 1]) < eps * s) break;
      l--;
    }
    if (l === hi) {
      re[hi] = H[hi * n + hi] + exshift;
      im[hi] = 0;
      hi--;
      iter = 0;
    } else if (l === hi - 1) {
      w = H[hi * n + hi - 1] * H[(hi - 1) * n + hi];
      p = (H[(hi - 1) * n + hi - 1] - H[hi * n + hi]) / 2;
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      x = H[hi * n + hi] + exshift;
      if (q >= 0) {
        z = p >= 0 ? p + z : p - z;
        re[hi - 1] = x + z;
        re[hi] = z !== 0 ? x - w / z : x + z;
        im[hi - 1] = 0;
        im[hi] = 0;
      } else {
        re[hi - 1] = x + p;
        re[hi] = x + p;
        im[hi - 1] = z;
        im[hi] = -z;
      }
      hi -= 2;
      iter = 0;
    } else {
      x = H[hi * n + hi];
      y = 0;
      w = 0;
      if (l < hi) {
        y = H[(hi - 1) * n + hi - 1];
        w = H[hi * n + hi - 1] * H[(hi - 1) * n + hi];
      }
      if (iter === 10) {
        exshift += x;
        for (let i = 0; i <= hi; i++) H[i * n + i] -= x;
        s = Math.abs(H[hi * n + hi - 1]) + Math.abs(H[(hi - 1) * n + hi - 2]);
        x = y = 0.75 * s;
        w = -0.4375 * s * s;
      }
      if (iter === 30) {
        s = (y - x) / 2;
        s = s * s + w;
        if (s > 0) {
          s = Math.sqrt(s);
          if (y < x) s = -s;
          s = x - w / ((y - x) / 2 + s);
          for (let i = 0; i <= hi; i++) H[i * n + i] -= s;
          exshift += s;
          x = y = w = 0.964;
        }
      }
      iter++;
      if (++total > 60 * n)
        throw new MessageError('radiomics.internal', {
          what: `eigenvalue iteration did not converge for a ${n}x${n} matrix`,
        });

      let m = hi - 2;
      while (m >= l) {
        z = H[m * n + m];
        r = x - z;
        s = y - z;
        p = (r * s - w) / H[(m + 1) * n + m] + H[m * n + m + 1];
        q = H[(m + 1) * n + m + 1] - z - r - s;
        r = H[(m + 2) * n + m + 1];
        s = Math.abs(p) + Math.abs(q) + Math.abs(r);
        p /= s;
        q /= s;
        r /= s;
        if (m === l) break;
        if (
          Math.abs(H[m * n + m - 1]) * (Math.abs(q) + Math.abs(r)) <
          eps *
            (Math.abs(p) *
              (Math.abs(H[(m - 1) * n + m - 1]) + Math.abs(z) + Math.abs(H[(m + 1) * n + m + 1])))
        )
          break;
        m--;
      }
      for (let i = m + 2; i <= hi; i++) {
        H[i * n + i - 2] = 0;
        if (i > m + 2) H[i * n + i - 3] = 0;
      }
      for (let k = m; k <= hi - 1; k++) {
        const notlast = k !== hi - 1;
        if (k !== m) {
          p = H[k * n + k - 1];
          q = H[(k + 1) * n + k - 1];
          r = notlast ? H[(k + 2) * n + k - 1] : 0;
          x = Math.abs(p) + Math.abs(q) + Math.abs(r);
          if (x === 0) continue;
          p /= x;
          q /= x;
          r /= x;
        }
        s = Math.sqrt(p * p + q * q + r * r);
        if (p < 0) s = -s;
        if (s !== 0) {
          if (k !== m) H[k * n + k - 1] = -s * x;
          else if (l !== m) H[k * n + k - 1] = -H[k * n + k - 1];
          p += s;
          x = p / s;
          y = q / s;
          z = r / s;
          q /= p;
          r /= p;
          for (let j = k; j <= hi; j++) {
            p = H[k * n + j] + q * H[(k + 1) * n + j];
            if (notlast) {
              p += r * H[(k + 2) * n + j];
              H[(k + 2) * n + j] -= p * z;
            }
            H[k * n + j] -= p * x;
            H[(k + 1) * n + j] -= p * y;
          }
          const iMax = Math.min(hi, k + 3);
          for (let i = l; i <= iMax; i++) {
            p = x * H[i * n + k] + y * H[i * n + k + 1];
            if (notlast) {
              p += z * H[i * n + k + 2];
              H[i * n + k + 2] -= p * r;
            }
            H[i * n + k] -= p;
            H[i * n + k + 1] -= p * q;
          }
        }
      }
    }
  }
  return { re, im };
}
