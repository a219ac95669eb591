/**
 * Gradient-boosted decision trees for binary log-loss (Friedman 2001, with the second-order leaf
 * values and split gain of XGBoost, Chen & Guestrin 2016).
 *
 * - Splits on quantile bins: each feature is cut into at most `maxBins` bins at quantiles of the
 *   training values (features with few distinct values get one bin per value); a split sends
 *   x ≤ threshold left, the threshold being the midpoint between two neighbouring training values.
 * - Trees are grown depth-first to `maxDepth` from per-node histograms of gradient, hessian and count;
 *   a child's histogram is its parent's minus its sibling's (the smaller sibling is built from rows).
 * - Split gain G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ) with λ = `l2`; leaf value −G/(H+λ) × learning rate;
 *   each child needs `minSamplesLeaf` rows and a hessian sum ≥ `minChildWeight`.
 * - Each tree sees a random `subsample` of the rows and `colsample` of the features.
 * - Early stopping: a stratified `validationFraction` of the rows is held out, trees are added until
 *   the validation log-loss has not improved for `patience` trees, and (with `refit`) the model is
 *   refitted on all rows with the best number of trees.
 * Deterministic for a given seed.
 */
import { createRng, deriveSeed, sampleWithoutReplacement } from './random.js';
import { sampleWeights, sigmoid, type ClassWeight } from './logistic-regression.js';

export interface EarlyStoppingOptions {
  readonly validationFraction: number;
  readonly patience: number;
  /** Refit on all rows with the best number of trees (default) or keep the model of the reduced rows. */
  readonly refit: boolean;
}

export interface GbtOptions {
  readonly learningRate: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  /** λ: L2 penalty on leaf values. */
  readonly l2: number;
  /** Smallest gain for a split. */
  readonly minGain: number;
  /** Share of rows each tree is grown on. */
  readonly subsample: number;
  /** Share of features each tree may split on. */
  readonly colsample: number;
  /** At most 255. */
  readonly maxBins: number;
  /** Number of trees without early stopping, the upper limit with it. */
  readonly maxTrees: number;
  /** null: grow exactly maxTrees trees. */
  readonly earlyStopping: EarlyStoppingOptions | null;
  readonly classWeight?: ClassWeight;
  readonly seed: number;
}

/** Defaults for small tabular data (≈ 1,000 rows): shallow trees, slow learning, strong leaf penalty. */
export const DEFAULT_GBT_OPTIONS: GbtOptions = {
  learningRate: 0.05,
  maxDepth: 3,
  minSamplesLeaf: 20,
  minChildWeight: 1e-3,
  l2: 10,
  minGain: 0,
  subsample: 0.7,
  colsample: 0.5,
  maxBins: 32,
  maxTrees: 500,
  earlyStopping: { validationFraction: 0.2, patience: 50, refit: true },
  seed: 1,
};

/** The trees in flat arrays; node indices are absolute, left[i] = −1 marks a leaf. */
export interface GbtModel {
  readonly kind: 'gbt';
  /** Number of features. */
  readonly p: number;
  /** Initial log-odds (of the weighted training base rate). */
  readonly base: number;
  readonly learningRate: number;
  /** treeStart[t] = root node of tree t; treeStart[nTrees] = number of nodes. */
  readonly treeStart: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Node value (−G/(H+λ) × learning rate); leaves' values are the tree's output, inner nodes' serve explanations. */
  readonly value: Float64Array;
}

export interface GbtFitResult {
  readonly model: GbtModel;
  /** Number of trees chosen (= model's trees). */
  readonly nTrees: number;
  /** Validation log-loss after each tree, when a validation set was used. */
  readonly validationLoss: Float64Array | null;
}

export function treeCount(model: GbtModel): number {
  return model.treeStart.length - 1;
}

interface Bins {
  /** edges[f]: increasing thresholds; bin b holds values in (edges[b−1], edges[b]]. */
  readonly edges: Float64Array[];
  /** Column-major bin indices: binned[f · n + i]. */
  readonly binned: Uint8Array;
  /** Most frequent bin of each feature (bin 0 of a one-hot feature). */
  readonly defaultBin: Int32Array;
  /**
   * Row-wise list of the (feature, bin) pairs that differ from the feature's default bin: histograms
   * add only these and get the default bin as node total minus the rest (one-hot columns are mostly
   * at their default, so this skips most of the work).
   */
  readonly rowStart: Int32Array;
  readonly entryFeature: Int32Array;
  readonly entryBin: Uint8Array;
}

/** Number of edges < … first index b with x ≤ edges[b], or edges.length. */
function binOf(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function buildBins(x: Float64Array, n: number, p: number, maxBins: number): Bins {
  if (maxBins < 2 || maxBins > 255) throw new RangeError('maxBins must lie in 2 … 255');
  const edges: Float64Array[] = [];
  const binned = new Uint8Array(p * n);
  const column = new Float64Array(n);
  for (let f = 0; f < p; f++) {
    for (let i = 0; i < n; i++) column[i] = x[i * p + f];
    const sorted = column.slice().sort();
    const distinct: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 0 || sorted[i] !== sorted[i - 1]) {
        distinct.push(sorted[i]);
        counts.push(1);
      } else counts[counts.length - 1]++;
    }
    const cuts: number[] = [];
    if (distinct.length <= maxBins) {
      for (let k = 0; k + 1 < distinct.length; k++) cuts.push((distinct[k] + distinct[k + 1]) / 2);
    } else {
      let cumulative = 0;
      let next = 1;
      for (let k = 0; k + 1 < distinct.length && next < maxBins; k++) {
        cumulative += counts[k];
        if (cumulative >= (next * n) / maxBins) {
          cuts.push((distinct[k] + distinct[k + 1]) / 2);
          while (next < maxBins && cumulative >= (next * n) / maxBins) next++;
        }
      }
    }
    const e = Float64Array.from(cuts);
    edges.push(e);
    for (let i = 0; i < n; i++) binned[f * n + i] = binOf(e, column[i]);
  }
  const defaultBin = new Int32Array(p);
  const counts = new Int32Array(256);
  let entries = 0;
  for (let f = 0; f < p; f++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[binned[f * n + i]]++;
    let best = 0;
    for (let b = 1; b < 256; b++) if (counts[b] > counts[best]) best = b;
    defaultBin[f] = best;
    entries += n - counts[best];
  }
  const rowStart = new Int32Array(n + 1);
  const entryFeature = new Int32Array(entries);
  const entryBin = new Uint8Array(entries);
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < p; f++) {
      const b = binned[f * n + i];
      if (b !== defaultBin[f]) {
        entryFeature[k] = f;
        entryBin[k] = b;
        k++;
      }
    }
    rowStart[i + 1] = k;
  }
  return { edges, binned, defaultBin, rowStart, entryFeature, entryBin };
}

/** Stratified split of row indices: about `fraction` of each class goes to the validation part. */
export function stratifiedHoldout(y: ArrayLike<number>, fraction: number, seed: number): { train: Int32Array; valid: Int32Array } {
  const rng = createRng(seed);
  const train: number[] = [];
  const valid: number[] = [];
  for (const label of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === label) rows.push(i);
    const order = sampleWithoutReplacement(rows.length, rows.length, rng);
    const take = Math.round(rows.length * fraction);
    for (let k = 0; k < order.length; k++) (k < take ? valid : train).push(rows[order[k]]);
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), valid: Int32Array.from(valid.sort((a, b) => a - b)) };
}

function selectRows(x: Float64Array, p: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * p);
  for (let k = 0; k < rows.length; k++) out.set(x.subarray(rows[k] * p, rows[k] * p + p), k * p);
  return out;
}

function selectLabels(y: ArrayLike<number>, rows: Int32Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]];
  return out;
}

/** Mutable state of one ensemble fit; the hot loops read typed arrays only. */
interface GrowState {
  readonly n: number;
  readonly p: number;
  readonly binned: Uint8Array;
  readonly edges: Float64Array[];
  readonly edgeCount: Int32Array;
  readonly defaultBin: Int32Array;
  readonly rowStart: Int32Array;
  readonly entryFeature: Int32Array;
  readonly entryBin: Uint8Array;
  readonly grad: Float64Array;
  readonly hess: Float64Array;
  readonly pool: Float64Array[];
  readonly stride: number;
  readonly maxDepth: number;
  readonly minSamplesLeaf: number;
  readonly minChildWeight: number;
  readonly minGain: number;
  readonly lambda: number;
  readonly learningRate: number;
  /** Rows of the current tree, ascending within every node (stable partitions keep memory access sequential). */
  idx: Int32Array;
  readonly partitionScratch: Int32Array;
  /** Training log-odds; leaves add their value to their rows as they are created. */
  readonly raw: Float64Array;
  features: Int32Array;
  // Node arrays (capacity grows by doubling)
  nodeCount: number;
  feature: Int32Array;
  threshold: Float64Array;
  splitBin: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
}

function addNode(s: GrowState, value: number): number {
  if (s.nodeCount === s.value.length) {
    const capacity = s.value.length * 2;
    const grow = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (size: number) => T)(capacity);
      b.set(a);
      return b;
    };
    s.feature = grow(s.feature);
    s.threshold = grow(s.threshold);
    s.splitBin = grow(s.splitBin);
    s.left = grow(s.left);
    s.right = grow(s.right);
    s.value = grow(s.value);
  }
  const id = s.nodeCount++;
  s.feature[id] = -1;
  s.threshold[id] = 0;
  s.splitBin[id] = 0;
  s.left[id] = -1;
  s.right[id] = -1;
  s.value[id] = value;
  return id;
}

/**
 * Histogram of gradient, hessian and count per (feature, bin) of the rows idx[start, end), for all
 * features; G, H are the rows' sums (the default bins are filled in by subtraction).
 */
function fillHistogram(s: GrowState, hist: Float64Array, start: number, end: number, G: number, H: number): void {
  const { idx, grad, hess, stride, rowStart, entryFeature, entryBin, defaultBin, p } = s;
  hist.fill(0);
  for (let r = start; r < end; r++) {
    const row = idx[r];
    const g = grad[row];
    const h = hess[row];
    const stop = rowStart[row + 1];
    for (let e = rowStart[row]; e < stop; e++) {
      const b = entryFeature[e] * stride + entryBin[e] * 3;
      hist[b] += g;
      hist[b + 1] += h;
      hist[b + 2] += 1;
    }
  }
  const count = end - start;
  for (let f = 0; f < p; f++) {
    const off = f * stride;
    let sg = 0;
    let sh = 0;
    let sc = 0;
    for (let o = off; o < off + stride; o += 3) {
      sg += hist[o];
      sh += hist[o + 1];
      sc += hist[o + 2];
    }
    const d = off + defaultBin[f] * 3;
    hist[d] = G - sg;
    hist[d + 1] = H - sh;
    hist[d + 2] = count - sc;
  }
}

/** Grows the subtree of rows idx[start, end) and returns its root node. */
function buildNode(s: GrowState, start: number, end: number, depth: number, hist: Float64Array | null, G: number, H: number): number {
  const lambda = s.lambda;
  const value = (-G / (H + lambda)) * s.learningRate;
  const id = addNode(s, value);
  const count = end - start;
  const minLeaf = s.minSamplesLeaf;
  if (depth >= s.maxDepth || hist === null || count < 2 * minLeaf) return leaf(s, id, start, end, value);
  const parentScore = (G * G) / (H + lambda);
  const minChild = s.minChildWeight;
  const { features, edgeCount, stride } = s;
  let bestGain = s.minGain + 1e-12;
  let bestFeature = -1;
  let bestBin = -1;
  let bestGL = 0;
  let bestHL = 0;
  for (let k = 0; k < features.length; k++) {
    const f = features[k];
    const nb = edgeCount[f]; // splits after bins 0 … nb − 1
    let o = f * stride;
    let GL = 0;
    let HL = 0;
    let CL = 0;
    for (let b = 0; b < nb; b++, o += 3) {
      GL += hist[o];
      HL += hist[o + 1];
      CL += hist[o + 2];
      if (CL < minLeaf) continue;
      if (count - CL < minLeaf) break;
      const HR = H - HL;
      if (HL < minChild || HR < minChild) continue;
      const GR = G - GL;
      const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parentScore;
      if (gain > bestGain) {
        bestGain = gain;
        bestFeature = f;
        bestBin = b;
        bestGL = GL;
        bestHL = HL;
      }
    }
  }
  if (bestFeature < 0) return leaf(s, id, start, end, value);
  // Stable partition: rows with bin ≤ bestBin first, both parts keep their ascending order.
  const idx = s.idx;
  const binned = s.binned;
  const scratch = s.partitionScratch;
  const col = bestFeature * s.n;
  let mid = start;
  let right = 0;
  for (let r = start; r < end; r++) {
    const row = idx[r];
    if (binned[col + row] <= bestBin) idx[mid++] = row;
    else scratch[right++] = row;
  }
  for (let k = 0; k < right; k++) idx[mid + k] = scratch[k];
  let leftHist: Float64Array | null = null;
  let rightHist: Float64Array | null = null;
  if (depth + 1 < s.maxDepth) {
    const small = s.pool[depth + 1];
    const leftSmaller = mid - start <= end - mid;
    if (leftSmaller) fillHistogram(s, small, start, mid, bestGL, bestHL);
    else fillHistogram(s, small, mid, end, G - bestGL, H - bestHL);
    for (let o = 0; o < hist.length; o++) hist[o] -= small[o];
    leftHist = leftSmaller ? small : hist;
    rightHist = leftSmaller ? hist : small;
  }
  s.feature[id] = bestFeature;
  s.threshold[id] = s.edges[bestFeature][bestBin];
  s.splitBin[id] = bestBin;
  const leftId = buildNode(s, start, mid, depth + 1, leftHist, bestGL, bestHL);
  const rightId = buildNode(s, mid, end, depth + 1, rightHist, G - bestGL, H - bestHL);
  s.left[id] = leftId;
  s.right[id] = rightId;
  return id;
}

/** A leaf: its rows' training log-odds move by its value. */
function leaf(s: GrowState, id: number, start: number, end: number, value: number): number {
  const { idx, raw } = s;
  for (let r = start; r < end; r++) raw[idx[r]] += value;
  return id;
}

function softplusMinusYz(z: number, y: number): number {
  return (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y * z;
}

/** Grows trees; with an evaluation set, stops after `patience` trees without improvement. */
function growEnsemble(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  opts: GbtOptions,
  nTrees: number,
  seed: number,
  evaluation?: { x: Float64Array; n: number; y: ArrayLike<number>; patience: number },
): { model: GbtModel; validationLoss: Float64Array | null; best: number } {
  const { edges, binned, defaultBin, rowStart, entryFeature, entryBin } = buildBins(x, n, p, opts.maxBins);
  const rng = createRng(seed);
  const w = sampleWeights(y, opts.classWeight);
  let wPos = 0;
  let wTotal = 0;
  for (let i = 0; i < n; i++) {
    wPos += w[i] * y[i];
    wTotal += w[i];
  }
  const rate = Math.min(Math.max(wPos / Math.max(wTotal, 1e-12), 1e-6), 1 - 1e-6);
  const base = Math.log(rate / (1 - rate));
  const raw = new Float64Array(n).fill(base);
  const stride = opts.maxBins * 3;
  const pool: Float64Array[] = [];
  for (let d = 0; d <= opts.maxDepth; d++) pool.push(new Float64Array(p * stride));
  const rowScratch = new Int32Array(n);
  const outOfBag = new Int32Array(n);
  const featureScratch = new Int32Array(p);
  const allFeatures = Int32Array.from({ length: p }, (_, k) => k);
  const featureCount = Math.max(1, Math.round(opts.colsample * p));
  const capacity = Math.max(64, Math.min(nTrees, 1024) * 7);
  const s: GrowState = {
    n,
    p,
    binned,
    edges,
    edgeCount: Int32Array.from(edges, (e) => e.length),
    defaultBin,
    rowStart,
    entryFeature,
    entryBin,
    grad: new Float64Array(n),
    hess: new Float64Array(n),
    pool,
    stride,
    maxDepth: opts.maxDepth,
    minSamplesLeaf: opts.minSamplesLeaf,
    minChildWeight: opts.minChildWeight,
    minGain: opts.minGain,
    lambda: opts.l2,
    learningRate: opts.learningRate,
    idx: rowScratch,
    partitionScratch: new Int32Array(n),
    raw,
    features: featureScratch,
    nodeCount: 0,
    feature: new Int32Array(capacity),
    threshold: new Float64Array(capacity),
    splitBin: new Int32Array(capacity),
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
    value: new Float64Array(capacity),
  };
  const treeStart: number[] = [];
  const grad = s.grad;
  const hess = s.hess;

  const evalRaw = evaluation ? new Float64Array(evaluation.n).fill(base) : null;
  const losses: number[] = [];
  let best = 0;
  let bestLoss = Number.POSITIVE_INFINITY;

  for (let t = 0; t < nTrees; t++) {
    for (let i = 0; i < n; i++) {
      const prob = sigmoid(raw[i]);
      grad[i] = w[i] * (prob - y[i]);
      hess[i] = Math.max(w[i] * prob * (1 - prob), 1e-16);
    }
    // Row subsample: each row independently with probability `subsample` (ascending, no sort needed).
    let inBag = 0;
    let outBag = 0;
    for (let i = 0; i < n; i++) {
      if (opts.subsample >= 1 || rng() < opts.subsample) rowScratch[inBag++] = i;
      else outOfBag[outBag++] = i;
    }
    if (inBag === 0) {
      rowScratch[inBag++] = outOfBag[--outBag];
    }
    s.idx = rowScratch.subarray(0, inBag);
    s.features = featureCount === p ? allFeatures : sampleWithoutReplacement(p, featureCount, rng, featureScratch);
    const idx = s.idx;
    let G = 0;
    let H = 0;
    for (let r = 0; r < idx.length; r++) {
      G += grad[idx[r]];
      H += hess[idx[r]];
    }
    const root = s.nodeCount;
    treeStart.push(root);
    if (opts.maxDepth > 0) fillHistogram(s, pool[0], 0, idx.length, G, H);
    buildNode(s, 0, idx.length, 0, opts.maxDepth > 0 ? pool[0] : null, G, H);
    // In-bag rows were updated by their leaves; route the out-of-bag rows.
    const { left, right, feature, splitBin, value, threshold } = s;
    for (let k = 0; k < outBag; k++) {
      const i = outOfBag[k];
      let node = root;
      while (left[node] >= 0) node = binned[feature[node] * n + i] <= splitBin[node] ? left[node] : right[node];
      raw[i] += value[node];
    }
    if (evaluation && evalRaw) {
      let loss = 0;
      const ex = evaluation.x;
      for (let i = 0; i < evaluation.n; i++) {
        let node = root;
        const off = i * p;
        while (left[node] >= 0) node = ex[off + feature[node]] <= threshold[node] ? left[node] : right[node];
        evalRaw[i] += value[node];
        loss += softplusMinusYz(evalRaw[i], evaluation.y[i]);
      }
      loss /= Math.max(evaluation.n, 1);
      losses.push(loss);
      if (loss < bestLoss - 1e-12) {
        bestLoss = loss;
        best = t + 1;
      } else if (t + 1 - best >= evaluation.patience) break;
    }
  }
  treeStart.push(s.nodeCount);
  const nodes = s.nodeCount;
  const model: GbtModel = {
    kind: 'gbt',
    p,
    base,
    learningRate: opts.learningRate,
    treeStart: Int32Array.from(treeStart),
    feature: s.feature.slice(0, nodes),
    threshold: s.threshold.slice(0, nodes),
    left: s.left.slice(0, nodes),
    right: s.right.slice(0, nodes),
    value: s.value.slice(0, nodes),
  };
  return { model, validationLoss: evaluation ? Float64Array.from(losses) : null, best: evaluation ? best : treeStart.length - 1 };
}

/** The model with only its first `count` trees. */
export function truncateTrees(model: GbtModel, count: number): GbtModel {
  const trees = Math.min(count, treeCount(model));
  const nodes = model.treeStart[trees];
  return {
    ...model,
    treeStart: model.treeStart.slice(0, trees + 1),
    feature: model.feature.slice(0, nodes),
    threshold: model.threshold.slice(0, nodes),
    left: model.left.slice(0, nodes),
    right: model.right.slice(0, nodes),
    value: model.value.slice(0, nodes),
  };
}

/**
 * Fits gradient-boosted trees on the row-major matrix x (n × p) and labels y ∈ {0, 1}.
 * With `validation`, trees are added until the log-loss on it has not improved for the patience of
 * the early-stopping options (or maxTrees); the model keeps all trees grown and `nTrees` is the best
 * count — the caller picks (used by cross-validated model selection).
 */
export function fitGradientBoosting(
  x: Float64Array,
  n: number,
  p: number,
  y: ArrayLike<number>,
  options: Partial<GbtOptions> = {},
  validation?: { x: Float64Array; n: number; y: ArrayLike<number> },
): GbtFitResult {
  const opts: GbtOptions = { ...DEFAULT_GBT_OPTIONS, ...options };
  if (x.length !== n * p) throw new RangeError(`matrix has ${x.length} values, expected ${n} × ${p}`);
  if (!(opts.learningRate > 0) || !(opts.subsample > 0 && opts.subsample <= 1) || !(opts.colsample > 0 && opts.colsample <= 1)) {
    throw new RangeError('learningRate must be > 0, subsample and colsample in (0, 1]');
  }
  if (validation) {
    const patience = opts.earlyStopping?.patience ?? opts.maxTrees;
    const grown = growEnsemble(x, n, p, y, opts, opts.maxTrees, deriveSeed(opts.seed, 1), { ...validation, patience });
    return { model: grown.model, nTrees: Math.max(grown.best, 1), validationLoss: grown.validationLoss };
  }
  const es = opts.earlyStopping;
  if (!es) {
    const grown = growEnsemble(x, n, p, y, opts, opts.maxTrees, deriveSeed(opts.seed, 1));
    return { model: grown.model, nTrees: treeCount(grown.model), validationLoss: null };
  }
  const { train, valid } = stratifiedHoldout(y, es.validationFraction, deriveSeed(opts.seed, 2));
  const xTrain = selectRows(x, p, train);
  const grown = growEnsemble(xTrain, train.length, p, selectLabels(y, train), opts, opts.maxTrees, deriveSeed(opts.seed, 1), {
    x: selectRows(x, p, valid),
    n: valid.length,
    y: selectLabels(y, valid),
    patience: es.patience,
  });
  const best = Math.max(grown.best, 1);
  if (!es.refit) return { model: truncateTrees(grown.model, best), nTrees: best, validationLoss: grown.validationLoss };
  const refit = growEnsemble(x, n, p, y, opts, best, deriveSeed(opts.seed, 1));
  return { model: refit.model, nTrees: best, validationLoss: grown.validationLoss };
}

/** Log-odds of the row at `offset` of x, using the first `limit` trees (all by default). */
export function gbtLogit(model: GbtModel, x: ArrayLike<number>, offset = 0, limit = model.treeStart.length - 1): number {
  const { feature, threshold, left, right, value, treeStart } = model;
  let z = model.base;
  const trees = Math.min(limit, treeStart.length - 1);
  for (let t = 0; t < trees; t++) {
    let node = treeStart[t];
    while (left[node] >= 0) node = x[offset + feature[node]] <= threshold[node] ? left[node] : right[node];
    z += value[node];
  }
  return z;
}

/** Log-odds of every row of a row-major matrix (first `limit` trees). */
export function gbtLogits(model: GbtModel, x: Float64Array, n: number, limit?: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = gbtLogit(model, x, i * model.p, limit);
  return out;
}

/**
 * The trees laid out as perfect binary trees of one common depth D, for fast prediction: node k's
 * children are 2k + 1 and 2k + 2, a leaf above depth D is padded with splits whose both sides carry
 * its value. A row then takes exactly D steps per tree, without data-dependent loop exits.
 */
export interface CompiledTrees {
  readonly depth: number;
  readonly trees: number;
  readonly base: number;
  /** trees × (2^D − 1) split features and thresholds. */
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  /** trees × 2^D leaf values. */
  readonly leaf: Float64Array;
}

/** Depth of the deepest tree. */
export function maxTreeDepth(model: GbtModel): number {
  let deepest = 0;
  for (let t = 0; t + 1 < model.treeStart.length; t++) {
    const stack: [number, number][] = [[model.treeStart[t], 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (model.left[node] < 0) deepest = Math.max(deepest, depth);
      else stack.push([model.left[node], depth + 1], [model.right[node], depth + 1]);
    }
  }
  return deepest;
}

/** The perfect-tree layout, or null when the trees are deeper than `maxDepth` (memory 2^D per tree). */
export function compileTrees(model: GbtModel, maxDepth = 10): CompiledTrees | null {
  const depth = maxTreeDepth(model);
  if (depth > maxDepth) return null;
  const trees = treeCount(model);
  const inner = (1 << depth) - 1;
  const leaves = 1 << depth;
  const feature = new Int32Array(trees * inner);
  const threshold = new Float64Array(trees * inner);
  const leaf = new Float64Array(trees * leaves);
  for (let t = 0; t < trees; t++) {
    const place = (node: number, slot: number, level: number): void => {
      if (level === depth) {
        leaf[t * leaves + slot - inner] = model.value[node];
        return;
      }
      if (model.left[node] < 0) {
        // padding: a split that sends everything left (NaN right) with the same value on both sides
        feature[t * inner + slot] = 0;
        threshold[t * inner + slot] = Number.POSITIVE_INFINITY;
        place(node, 2 * slot + 1, level + 1);
        place(node, 2 * slot + 2, level + 1);
        return;
      }
      feature[t * inner + slot] = model.feature[node];
      threshold[t * inner + slot] = model.threshold[node];
      place(model.left[node], 2 * slot + 1, level + 1);
      place(model.right[node], 2 * slot + 2, level + 1);
    };
    place(model.treeStart[t], 0, 0);
  }
  return { depth, trees, base: model.base, feature, threshold, leaf };
}

/** 1 for true, 0 for false, without a branch. */
function bit(b: boolean): number {
  return (b as unknown as number) | 0;
}

/** Depth 3, unrolled: three branch-free steps per tree (a comparison as 0/1 picks the child). */
function compiledLogit3(c: CompiledTrees, x: ArrayLike<number>, o: number): number {
  const { trees, feature: F, threshold: T, leaf: L } = c;
  let z = c.base;
  const end = trees * 7;
  for (let f = 0, l = -7; f < end; f += 7, l += 8) {
    const k1 = 1 + bit(x[o + F[f]] > T[f]);
    const j1 = f + k1;
    const k2 = 2 * k1 + 1 + bit(x[o + F[j1]] > T[j1]);
    const j2 = f + k2;
    z += L[l + 2 * k2 + 1 + bit(x[o + F[j2]] > T[j2])];
  }
  return z;
}

/** Depth 4, unrolled. */
function compiledLogit4(c: CompiledTrees, x: ArrayLike<number>, o: number): number {
  const { trees, feature: F, threshold: T, leaf: L } = c;
  let z = c.base;
  const end = trees * 15;
  for (let f = 0, l = -15; f < end; f += 15, l += 16) {
    const k1 = 1 + bit(x[o + F[f]] > T[f]);
    const j1 = f + k1;
    const k2 = 2 * k1 + 1 + bit(x[o + F[j1]] > T[j1]);
    const j2 = f + k2;
    const k3 = 2 * k2 + 1 + bit(x[o + F[j2]] > T[j2]);
    const j3 = f + k3;
    z += L[l + 2 * k3 + 1 + bit(x[o + F[j3]] > T[j3])];
  }
  return z;
}

/**
 * Log-odds of the row at `offset` of x by the compiled trees (the value of gbtLogit for rows without
 * NaN; encoded rows never hold NaN). Depths 3 and 4 run unrolled.
 */
export function compiledLogit(c: CompiledTrees, x: ArrayLike<number>, offset = 0): number {
  if (c.depth === 3) return compiledLogit3(c, x, offset);
  if (c.depth === 4) return compiledLogit4(c, x, offset);
  const { depth, trees, feature, threshold, leaf } = c;
  const inner = (1 << depth) - 1;
  const leaves = 1 << depth;
  let z = c.base;
  for (let t = 0, f = 0, l = 0; t < trees; t++, f += inner, l += leaves) {
    let k = 0;
    for (let d = 0; d < depth; d++) k = 2 * k + 1 + bit(x[offset + feature[f + k]] > threshold[f + k]);
    z += leaf[l + k - inner];
  }
  return z;
}
