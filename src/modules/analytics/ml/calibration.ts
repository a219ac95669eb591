/**
 * Probability calibration, fitted on out-of-fold predictions (never on the predictions of the rows a
 * model was trained on, which are over-confident).
 *
 * - Platt scaling (Platt 1999): p' = σ(a · logit(p) + b), a and b by Newton's method on the log-loss,
 *   with Platt's smoothed targets (n₊ + 1)/(n₊ + 2) and 1/(n₋ + 2) against over-fitting.
 * - Isotonic regression: the non-decreasing step function of p closest to y in squared error (pool
 *   adjacent violators), interpolated linearly between the blocks' mean predictions and held
 *   constant outside them (as scikit-learn does).
 */
import { sigmoid } from './logistic-regression.js';

export interface PlattCalibration {
  readonly method: 'platt';
  readonly a: number;
  readonly b: number;
}

export interface IsotonicCalibration {
  readonly method: 'isotonic';
  /** Increasing prediction knots and their calibrated (non-decreasing) values. */
  readonly x: readonly number[];
  readonly y: readonly number[];
}

export type Calibration = PlattCalibration | IsotonicCalibration;

const EPS = 1e-12;

function logit(p: number): number {
  const q = Math.min(Math.max(p, EPS), 1 - EPS);
  return Math.log(q / (1 - q));
}

export function fitPlatt(p: ArrayLike<number>, y: ArrayLike<number>): PlattCalibration {
  const n = y.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (n - positives + 2);
  const s = new Float64Array(n);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s[i] = logit(p[i]);
    t[i] = y[i] === 1 ? hi : lo;
  }
  let a = 1;
  let b = 0;
  const loss = (a1: number, b1: number): number => {
    let l = 0;
    for (let i = 0; i < n; i++) {
      const z = a1 * s[i] + b1;
      l += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - t[i] * z;
    }
    return l;
  };
  let current = loss(a, b);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < n; i++) {
      const q = sigmoid(a * s[i] + b);
      const r = q - t[i];
      const v = q * (1 - q);
      ga += r * s[i];
      gb += r;
      haa += v * s[i] * s[i];
      hab += v * s[i];
      hbb += v;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let accepted = false;
    for (let k = 0; k < 30; k++) {
      const next = loss(a - step * da, b - step * db);
      if (next <= current) {
        a -= step * da;
        b -= step * db;
        accepted = current - next > 1e-12 * Math.max(1, current);
        current = next;
        break;
      }
      step /= 2;
    }
    if (!accepted || Math.max(Math.abs(step * da), Math.abs(step * db)) < 1e-10) break;
  }
  return { method: 'platt', a, b };
}

export function fitIsotonic(p: ArrayLike<number>, y: ArrayLike<number>): IsotonicCalibration {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => p[i] - p[j]);
  // Blocks: sum of y, weight, sum of p; equal predictions start in one block.
  const sumY: number[] = [];
  const weight: number[] = [];
  const sumP: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const last = weight.length - 1;
    if (last >= 0 && p[order[k - 1]] === p[i]) {
      sumY[last] += y[i];
      weight[last] += 1;
      sumP[last] += p[i];
    } else {
      sumY.push(y[i]);
      weight.push(1);
      sumP.push(p[i]);
    }
    // Pool adjacent violators.
    while (sumY.length > 1) {
      const m = sumY.length - 1;
      if (sumY[m - 1] / weight[m - 1] <= sumY[m] / weight[m]) break;
      sumY[m - 1] += sumY[m];
      weight[m - 1] += weight[m];
      sumP[m - 1] += sumP[m];
      sumY.pop();
      weight.pop();
      sumP.pop();
    }
  }
  const x = sumP.map((s, k) => s / weight[k]);
  const values = sumY.map((s, k) => s / weight[k]);
  return { method: 'isotonic', x, y: values };
}

export function fitCalibration(method: 'platt' | 'isotonic', p: ArrayLike<number>, y: ArrayLike<number>): Calibration {
  return method === 'platt' ? fitPlatt(p, y) : fitIsotonic(p, y);
}

/** The calibrated probability of a raw probability. */
export function applyCalibration(calibration: Calibration, p: number): number {
  if (calibration.method === 'platt') return sigmoid(calibration.a * logit(p) + calibration.b);
  const { x, y } = calibration;
  if (x.length === 0) return p;
  if (p <= x[0]) return y[0];
  const last = x.length - 1;
  if (p >= x[last]) return y[last];
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= p) lo = mid;
    else hi = mid;
  }
  const span = x[hi] - x[lo];
  return span > 0 ? y[lo] + ((p - x[lo]) / span) * (y[hi] - y[lo]) : y[hi];
}
