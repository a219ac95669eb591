/**
 * L2-regularised logistic regression, fitted by Newton's method (IRLS) with backtracking.
 *
 * Minimises  Σ wᵢ · logloss(yᵢ, σ(b + zᵢ·β)) + (l2 / 2) · ‖β‖²  over standardised features zᵢ (the
 * model standardises its training matrix itself: means and scales of the rows it is fitted on). The
 * bias b is not penalised. Sample weights wᵢ come from the class weights and are normalised to mean 1,
 * so `l2` is measured in "rows": l2 = 10 pulls every coefficient like ten extra rows would.
 *
 * Prediction folds the standardisation into raw-space weights (β/scale, b − Σ β·mean/scale): one dot
 * product per row, no allocation.
 */
import { fitStandardizer, type Standardizer } from './dataset.js';

export type ClassWeight = 'balanced' | { readonly negative: number; readonly positive: number };

export interface LogisticOptions {
  /** Penalty on the squared coefficients of the standardised features. Default 10. */
  readonly l2: number;
  /** Class weights: 'balanced' weighs each class by n / (2 · n_class). Default none (probabilities stay calibrated). */
  readonly classWeight?: ClassWeight;
  readonly maxIterations: number;
  /** Stop when no coefficient moves by more than this (standardised units). */
  readonly tolerance: number;
}

export const DEFAULT_LOGISTIC_OPTIONS: LogisticOptions = { l2: 10, maxIterations: 50, tolerance: 1e-8 };

export interface LogisticModel {
  readonly kind: 'logistic';
  readonly l2: number;
  /** Standardisation of the training matrix. */
  readonly mean: Float64Array;
  readonly scale: Float64Array;
  /** Coefficients of the standardised features (what the penalty sees, what explanations use). */
  readonly coefficients: Float64Array;
  readonly intercept: number;
  /** Raw-space weights and bias: logit = rawIntercept + Σ rawWeights[j] · x[j]. */
  readonly rawWeights: Float64Array;
  readonly rawIntercept: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Per-row weights from class weights, normalised to mean 1; all ones without class weights. */
export function sampleWeights(y: ArrayLike<number>, classWeight?: ClassWeight): Float64Array {
  const n = y.length;
  const w = new Float64Array(n).fill(1);
  if (!classWeight || n === 0) return w;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += y[i];
  const negatives = n - positives;
  let wPos: number;
  let wNeg: number;
  if (classWeight === 'balanced') {
    wPos = positives > 0 ? n / (2 * positives) : 1;
    wNeg = negatives > 0 ? n / (2 * negatives) : 1;
  } else {
    if (!(classWeight.positive > 0) || !(classWeight.negative > 0)) throw new RangeError('class weights must be positive');
    wPos = classWeight.positive;
    wNeg = classWeight.negative;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) {
    w[i] = y[i] === 1 ? wPos : wNeg;
    sum += w[i];
  }
  const norm = n / sum;
  for (let i = 0; i < n; i++) w[i] *= norm;
  return w;
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Solves A x = b for a symmetric positive definite A (size m, row-major) by Cholesky; A and b are overwritten. */
export function choleskySolve(a: Float64Array, b: Float64Array, m: number): Float64Array {
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let k = 0; k < j; k++) d -= a[j * m + k] * a[j * m + k];
    if (!(d > 0)) d = 1e-12;
    const l = Math.sqrt(d);
    a[j * m + j] = l;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j];
      for (let k = 0; k < j; k++) s -= a[i * m + k] * a[j * m + k];
      a[i * m + j] = s / l;
    }
  }
  for (let i = 0; i < m; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= a[i * m + k] * b[k];
    b[i] = s / a[i * m + i];
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let k = i + 1; k < m; k++) s -= a[k * m + i] * b[k];
    b[i] = s / a[i * m + i];
  }
  return b;
}

/**
 * The working design in compressed sparse rows: binary (0/1) features stay raw, so one-hot columns
 * stay sparse; other features are standardised; every row ends with the bias entry (index p, value 1).
 * The map to the fully standardised features z is z_j = a_j · w_j + c_j (binary: a = 1/scale,
 * c = −mean/scale; standardised: a = 1, c = 0), so Newton's method runs in standardised coordinates
 * (well conditioned, the penalty where it belongs) while sums run over the sparse rows.
 */
interface WorkingDesign {
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  readonly value: Float64Array;
  readonly a: Float64Array;
  readonly c: Float64Array;
}

function workingDesign(x: Float64Array, n: number, p: number, s: Standardizer): WorkingDesign {
  const binary = new Uint8Array(p).fill(1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const v = x[i * p + j];
      if (v !== 0 && v !== 1) binary[j] = 0;
    }
  }
  const a = new Float64Array(p);
  const c = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    a[j] = binary[j] ? 1 / s.scale[j] : 1;
    c[j] = binary[j] ? -s.mean[j] / s.scale[j] : 0;
  }
  const rowStart = new Int32Array(n + 1);
  const columns: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const raw = x[i * p + j];
      const v = binary[j] ? raw : (raw - s.mean[j]) / s.scale[j];
      if (v !== 0) {
        columns.push(j);
        values.push(v);
      }
    }
    columns.push(p);
    values.push(1);
    rowStart[i + 1] = columns.length;
  }
  return { rowStart, column: Int32Array.from(columns), value: Float64Array.from(values), a, c };
}

/** Working-space coefficients γ of standardised-space coefficients θ (both length p + 1). */
function toWorking(theta: Float64Array, d: WorkingDesign, gamma: Float64Array): void {
  const p = d.a.length;
  let bias = theta[p];
  for (let j = 0; j < p; j++) {
    gamma[j] = theta[j] * d.a[j];
    bias += theta[j] * d.c[j];
  }
  gamma[p] = bias;
}

function objective(d: WorkingDesign, n: number, y: ArrayLike<number>, w: Float64Array, theta: Float64Array, l2: number, eta: Float64Array, gamma: Float64Array): number {
  toWorking(theta, d, gamma);
  const { rowStart, column, value } = d;
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let k = rowStart[i]; k < rowStart[i + 1]; k++) e += value[k] * gamma[column[k]];
    eta[i] = e;
    loss += w[i] * (softplus(e) - y[i] * e);
  }
  let penalty = 0;
  for (let j = 0; j < d.a.length; j++) penalty += theta[j] * theta[j];
  return loss + 0.5 * l2 * penalty;
}

/** Newton iterations in standardised coordinates from `theta` (updated in place). */
function newton(
  d: WorkingDesign,
  n: number,
  y: ArrayLike<number>,
  w: Float64Array,
  l2: number,
  theta: Float64Array,
  options: LogisticOptions,
): { iterations: number; converged: boolean } {
  const p = d.a.length;
  const q = p + 1;
  const { rowStart, column, value, a, c } = d;
  const eta = new Float64Array(n);
  const trialEta = new Float64Array(n);
  const gamma = new Float64Array(q);
  const rawHessian = new Float64Array(q * q);
  const rawGradient = new Float64Array(q);
  const hessian = new Float64Array(q * q);
  const step = new Float64Array(q);
  const trial = new Float64Array(q);
  let current = objective(d, n, y, w, theta, l2, eta, gamma);
  for (let iteration = 1; iteration <= options.maxIterations; iteration++) {
    rawHessian.fill(0);
    rawGradient.fill(0);
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(eta[i]);
      const r = w[i] * (prob - y[i]);
      const s = Math.max(w[i] * prob * (1 - prob), 1e-12);
      const end = rowStart[i + 1];
      for (let k = rowStart[i]; k < end; k++) {
        const j = column[k];
        const v = value[k];
        rawGradient[j] += r * v;
        const sv = s * v;
        const hrow = j * q;
        for (let m = k; m < end; m++) rawHessian[hrow + column[m]] += sv * value[m];
      }
    }
    // Upper triangle of the working Hessian → full standardised Hessian H = M A Mᵀ (+ penalty).
    for (let j = 0; j < q; j++) for (let k = j + 1; k < q; k++) rawHessian[k * q + j] = rawHessian[j * q + k];
    const App = rawHessian[p * q + p];
    for (let j = 0; j < p; j++) {
      const Ajp = rawHessian[j * q + p];
      for (let k = j; k < p; k++) {
        const h = a[j] * a[k] * rawHessian[j * q + k] + a[j] * c[k] * Ajp + c[j] * a[k] * rawHessian[k * q + p] + c[j] * c[k] * App;
        hessian[j * q + k] = h;
        hessian[k * q + j] = h;
      }
      const hjp = a[j] * Ajp + c[j] * App;
      hessian[j * q + p] = hjp;
      hessian[p * q + j] = hjp;
      step[j] = a[j] * rawGradient[j] + c[j] * rawGradient[p] + l2 * theta[j];
      hessian[j * q + j] += l2 + 1e-10;
    }
    hessian[p * q + p] = App + 1e-10;
    step[p] = rawGradient[p];
    choleskySolve(hessian, step, q); // step now holds the Newton direction
    let t = 1;
    let accepted = false;
    let next = current;
    for (let halving = 0; halving < 30; halving++) {
      for (let j = 0; j < q; j++) trial[j] = theta[j] - t * step[j];
      next = objective(d, n, y, w, trial, l2, trialEta, gamma);
      if (next <= current + 1e-12 * Math.abs(current)) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) return { iterations: iteration, converged: true }; // no further descent possible
    let maxMove = 0;
    for (let j = 0; j < q; j++) {
      maxMove = Math.max(maxMove, Math.abs(trial[j] - theta[j]));
      theta[j] = trial[j];
    }
    eta.set(trialEta);
    const improvement = current - next;
    current = next;
    if (maxMove < options.tolerance || improvement <= 1e-14 * Math.max(1, Math.abs(current))) return { iterations: iteration, converged: true };
  }
  return { iterations: options.maxIterations, converged: false };
}

function toModel(beta: Float64Array, p: number, s: Standardizer, l2: number, iterations: number, converged: boolean): LogisticModel {
  const coefficients = beta.slice(0, p);
  const intercept = beta[p];
  const rawWeights = new Float64Array(p);
  let rawIntercept = intercept;
  for (let j = 0; j < p; j++) {
    rawWeights[j] = coefficients[j] / s.scale[j];
    rawIntercept -= rawWeights[j] * s.mean[j];
  }
  return { kind: 'logistic', l2, mean: s.mean, scale: s.scale, coefficients, intercept, rawWeights, rawIntercept, iterations, converged };
}

function initialBeta(y: ArrayLike<number>, w: Float64Array, q: number): Float64Array {
  let pos = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    pos += w[i] * y[i];
    total += w[i];
  }
  const rate = Math.min(Math.max(pos / Math.max(total, 1e-12), 1e-6), 1 - 1e-6);
  const beta = new Float64Array(q);
  beta[q - 1] = Math.log(rate / (1 - rate));
  return beta;
}

/**
 * Fits one model per penalty, from the largest penalty to the smallest, each warm-started from the
 * previous one (a regularisation path costs little more than one fit). Returns the models in the
 * order of `l2s`.
 */
export function fitLogisticPath(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  l2s: readonly number[],
  options: Partial<LogisticOptions> = {},
): LogisticModel[] {
  const opts = { ...DEFAULT_LOGISTIC_OPTIONS, ...options };
  if (x.length !== n * p) throw new RangeError(`matrix has ${x.length} values, expected ${n} × ${p}`);
  const s = fitStandardizer(x, n, p);
  const q = p + 1;
  const design = workingDesign(x, n, p, s);
  const w = sampleWeights(y, opts.classWeight);
  const beta = initialBeta(y, w, q);
  const order = l2s.map((l2, index) => ({ l2, index })).sort((a, b) => b.l2 - a.l2);
  const models: LogisticModel[] = new Array(l2s.length);
  for (const { l2, index } of order) {
    if (!(l2 >= 0)) throw new RangeError('l2 must be ≥ 0');
    const { iterations, converged } = newton(design, n, y, w, l2, beta, opts);
    models[index] = toModel(beta, p, s, l2, iterations, converged);
  }
  return models;
}

/** Fits an L2-regularised logistic regression on the row-major matrix x (n × p) and labels y ∈ {0, 1}. */
export function fitLogistic(x: Float64Array, n: number, p: number, y: ArrayLike<number>, options: Partial<LogisticOptions> = {}): LogisticModel {
  const opts = { ...DEFAULT_LOGISTIC_OPTIONS, ...options };
  return fitLogisticPath(x, n, p, y, [opts.l2], opts)[0];
}

/** Log-odds of the row at `offset` of x. */
export function logisticLogit(model: LogisticModel, x: ArrayLike<number>, offset = 0): number {
  const w = model.rawWeights;
  let z = model.rawIntercept;
  for (let j = 0; j < w.length; j++) z += w[j] * x[offset + j];
  return z;
}

/** Log-odds of every row of a row-major matrix. */
export function logisticLogits(model: LogisticModel, x: Float64Array, n: number): Float64Array {
  const p = model.rawWeights.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = logisticLogit(model, x, i * p);
  return out;
}
