/**
 * Raster helpers of the lesion segmentation (pure, deterministic, no DOM): area resampling of a crop
 * onto a small working grid, median and Gaussian smoothing, connected components, hole filling and the
 * exact Euclidean distance transform.
 *
 * Must stay true: every function is a pure function of its inputs (same input → bit-identical output),
 * so a segmentation is reproducible across runs, machines, the worker and the CLI.
 */

/** Per-output-sample source taps of a 1-D area resampling: indices and weights (summing to 1). */
interface Taps {
  start: Int32Array;
  count: Int32Array;
  index: Int32Array;
  weight: Float64Array;
}

/**
 * Taps that average the source interval [origin + i·step, origin + (i + 1)·step) for output i (the
 * overlap of each source pixel [k, k + 1) with that interval). For step < 1 this is a blend of at most
 * two neighbours; for step > 1 the mean over the footprint, so downsampling does not alias speckle.
 */
function areaTaps(origin: number, step: number, n: number, limit: number): Taps {
  const start = new Int32Array(n);
  const count = new Int32Array(n);
  const index: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = origin + i * step;
    const b = a + step;
    start[i] = index.length;
    let total = 0;
    const k0 = Math.max(0, Math.floor(a));
    const k1 = Math.min(limit - 1, Math.ceil(b) - 1);
    for (let k = k0; k <= k1; k++) {
      const w = Math.min(b, k + 1) - Math.max(a, k);
      if (w > 0) {
        index.push(k);
        weight.push(w);
        total += w;
      }
    }
    if (total === 0) {
      index.push(Math.min(limit - 1, Math.max(0, Math.floor(a))));
      weight.push(1);
      total = 1;
    }
    for (let t = start[i]; t < index.length; t++) weight[t] /= total;
    count[i] = index.length - start[i];
  }
  return { start, count, index: Int32Array.from(index), weight: Float64Array.from(weight) };
}

/**
 * Area-resamples the rectangle [x0, x0 + gw·fx) × [y0, y0 + gh·fy) of a row-major image onto a gw × gh
 * grid (each grid pixel the mean of the source area it covers).
 */
export function resampleArea(
  data: ArrayLike<number>,
  width: number,
  height: number,
  x0: number,
  y0: number,
  fx: number,
  fy: number,
  gw: number,
  gh: number,
): Float64Array {
  const tx = areaTaps(x0, fx, gw, width);
  const ty = areaTaps(y0, fy, gh, height);
  // Rows first: only the source rows the grid touches.
  const rowLo = ty.index.reduce((m, v) => Math.min(m, v), height);
  const rowHi = ty.index.reduce((m, v) => Math.max(m, v), 0);
  const tmp = new Float64Array((rowHi - rowLo + 1) * gw);
  for (let y = rowLo; y <= rowHi; y++) {
    const src = y * width;
    const dst = (y - rowLo) * gw;
    for (let i = 0; i < gw; i++) {
      let s = 0;
      for (let t = tx.start[i], e = t + tx.count[i]; t < e; t++) s += tx.weight[t] * data[src + tx.index[t]];
      tmp[dst + i] = s;
    }
  }
  const out = new Float64Array(gw * gh);
  for (let j = 0; j < gh; j++) {
    const dst = j * gw;
    for (let t = ty.start[j], e = t + ty.count[j]; t < e; t++) {
      const w = ty.weight[t];
      const src = (ty.index[t] - rowLo) * gw;
      for (let i = 0; i < gw; i++) out[dst + i] += w * tmp[src + i];
    }
  }
  return out;
}

/**
 * Median over the (2r + 1)² window (edges replicated) — exactly the middle value of the sorted window.
 * Along a row the sorted window slides: each step removes the sorted column that leaves and merges in
 * the one that enters (each row's columns of m = 2r + 1 values sorted once). The values must be finite.
 */
export function medianFilter(src: Float64Array, w: number, h: number, r: number): Float64Array {
  const out = new Float64Array(w * h);
  const m = 2 * r + 1;
  const n = m * m;
  const cols = new Float64Array(w * m);
  let win = new Float64Array(n);
  let next = new Float64Array(n);
  const colAt = (x: number) => Math.min(w - 1, Math.max(0, x)) * m;
  for (let y = 0; y < h; y++) {
    // Sorted column x: src[clamp(y + dy), x] for dy in −r … r, at cols[x·m …].
    for (let x = 0; x < w; x++) {
      const c = x * m;
      for (let k = 0; k < m; k++) {
        const v = src[Math.min(h - 1, Math.max(0, y + k - r)) * w + x];
        let i = c + k;
        while (i > c && cols[i - 1] > v) {
          cols[i] = cols[i - 1];
          i--;
        }
        cols[i] = v;
      }
    }
    // The first window of the row: insertion sort.
    for (let k = 0; k < n; k++) {
      const v = cols[colAt((k % m) - r) + Math.floor(k / m)];
      let i = k;
      while (i > 0 && win[i - 1] > v) {
        win[i] = win[i - 1];
        i--;
      }
      win[i] = v;
    }
    out[y * w] = win[n >> 1];
    for (let x = 1; x < w; x++) {
      const leave = colAt(x - r - 1);
      const enter = colAt(x + r);
      if (leave !== enter) {
        // next = (win − the leaving column) ∪ the entering column, all sorted.
        let a = 0;
        let l = leave;
        const lEnd = leave + m;
        let e = enter;
        const eEnd = enter + m;
        let k = 0;
        while (k < n) {
          if (a < n && l < lEnd && win[a] === cols[l]) {
            a++;
            l++;
          } else if (e >= eEnd || (a < n && win[a] <= cols[e])) next[k++] = win[a++];
          else next[k++] = cols[e++];
        }
        const t = win;
        win = next;
        next = t;
      }
      out[y * w + x] = win[n >> 1];
    }
  }
  return out;
}

/** Separable Gaussian blur of standard deviation `sigma` (kernel ±3σ, edges replicated). */
export function gaussianBlur(src: Float64Array, w: number, h: number, sigma: number): Float64Array {
  if (!(sigma > 0)) return src.slice();
  const r = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += k[i + r] = Math.exp(-(i * i) / (2 * sigma * sigma));
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  const tmp = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r] * src[row + Math.min(w - 1, Math.max(0, x + i))];
      tmp[row + x] = s;
    }
  }
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let i = -r; i <= r; i++) s += k[i + r] * tmp[Math.min(h - 1, Math.max(0, y + i)) * w + x];
      out[y * w + x] = s;
    }
  }
  return out;
}

/**
 * Labels the 4-connected components of the non-zero pixels (labels 1…n, 0 = background, numbered in
 * raster order of their first pixel). Returns the label image and each component's size (index = label).
 */
export function labelComponents(
  mask: Uint8Array,
  w: number,
  h: number,
): { labels: Int32Array; sizes: number[] } {
  const labels = new Int32Array(w * h);
  const sizes = [0];
  const stack = new Int32Array(w * h);
  for (let s = 0; s < w * h; s++) {
    if (!mask[s] || labels[s]) continue;
    const id = sizes.length;
    let top = 0;
    let size = 0;
    stack[top++] = s;
    labels[s] = id;
    while (top > 0) {
      const p = stack[--top];
      size++;
      const x = p % w;
      if (x > 0 && mask[p - 1] && !labels[p - 1]) {
        labels[p - 1] = id;
        stack[top++] = p - 1;
      }
      if (x < w - 1 && mask[p + 1] && !labels[p + 1]) {
        labels[p + 1] = id;
        stack[top++] = p + 1;
      }
      if (p >= w && mask[p - w] && !labels[p - w]) {
        labels[p - w] = id;
        stack[top++] = p - w;
      }
      if (p + w < w * h && mask[p + w] && !labels[p + w]) {
        labels[p + w] = id;
        stack[top++] = p + w;
      }
    }
    sizes.push(size);
  }
  return { labels, sizes };
}

/** Sets (in place) every background pixel not 4-connected to the image edge through background: holes. */
export function fillHoles(mask: Uint8Array, w: number, h: number): void {
  const outside = new Uint8Array(w * h);
  const stack = new Int32Array(w * h);
  let top = 0;
  const seed = (p: number) => {
    if (!mask[p] && !outside[p]) {
      outside[p] = 1;
      stack[top++] = p;
    }
  };
  for (let x = 0; x < w; x++) {
    seed(x);
    seed((h - 1) * w + x);
  }
  for (let y = 0; y < h; y++) {
    seed(y * w);
    seed(y * w + w - 1);
  }
  while (top > 0) {
    const p = stack[--top];
    const x = p % w;
    if (x > 0) seed(p - 1);
    if (x < w - 1) seed(p + 1);
    if (p >= w) seed(p - w);
    if (p + w < w * h) seed(p + w);
  }
  for (let p = 0; p < w * h; p++) if (!outside[p]) mask[p] = 1;
}

/** Exact 1-D squared distance transform of f (Felzenszwalb & Huttenlocher), written to d. */
function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    if (f[q] === Infinity) continue;
    if (f[v[k]] === Infinity) {
      v[k] = q;
      continue;
    }
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (f[v[0]] === Infinity) {
    for (let q = 0; q < n; q++) d[q] = Infinity;
    return;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    d[q] = (q - v[k]) * (q - v[k]) + f[v[k]];
  }
}

/**
 * Squared Euclidean distance of every pixel of the region (non-zero) to the nearest pixel outside it;
 * pixels beyond the image edge count as outside. 0 outside the region.
 */
export function distanceInside(mask: Uint8Array, w: number, h: number): Float64Array {
  // Pad by one pixel of background so the image edge is an edge of the region.
  const W = w + 2;
  const H = h + 2;
  const g = new Float64Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const inside = x > 0 && y > 0 && x <= w && y <= h && mask[(y - 1) * w + x - 1] !== 0;
      g[y * W + x] = inside ? Infinity : 0;
    }
  const n = Math.max(W, H);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < W; x++) {
    for (let y = 0; y < H; y++) f[y] = g[y * W + x];
    edt1d(f, H, d, v, z);
    for (let y = 0; y < H; y++) g[y * W + x] = d[y];
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) f[x] = g[y * W + x];
    edt1d(f, W, d, v, z);
    for (let x = 0; x < W; x++) g[y * W + x] = d[x];
  }
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) out[y * w + x] = g[(y + 1) * W + x + 1];
  return out;
}
