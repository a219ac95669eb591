/**
 * Stratified k-fold cross-validation.
 *
 * Folds: the rows of each class are shuffled (seeded) and dealt round-robin to the folds, the
 * negatives continuing where the positives stopped, so every fold has the class ratio of the whole
 * and fold sizes differ by at most one row.
 *
 * `crossValidate` trains on k − 1 folds and predicts the held-out fold, k times; it returns the
 * out-of-fold (OOF) prediction of every row, metrics per fold, metrics pooled over all OOF
 * predictions and the mean of the fold metrics. Training sees nothing of its held-out fold.
 */
import { subsetDataset, type TabularDataset } from './dataset.js';
import { binaryMetrics, type BinaryMetrics } from './metrics.js';
import { createRng, shuffleInPlace } from './random.js';

/** Fold number (0 … k−1) of every row. */
export function stratifiedKFold(y: ArrayLike<number>, k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError('folds must be an integer ≥ 2');
  if (k > y.length) throw new RangeError(`cannot make ${k} folds of ${y.length} rows`);
  const rng = createRng(seed);
  const fold = new Int32Array(y.length);
  let next = 0;
  for (const label of [1, 0]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === label) rows.push(i);
    shuffleInPlace(rows, rng);
    for (const row of rows) {
      fold[row] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/** Rows of fold f (test) and of all other folds (train), ascending. */
export function foldRows(fold: Int32Array, f: number): { train: Int32Array; test: Int32Array } {
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
  return { train: Int32Array.from(train), test: Int32Array.from(test) };
}

/** What a training function returns for one fold. */
export interface FoldPredictor {
  /** Name of the model used in this fold (e.g. "gbt", "logistic", "blend"). */
  readonly name: string;
  /** Probabilities of the positive class for the given rows. */
  predictRows(rows: TabularDataset['rows']): Float64Array;
}

export interface FoldResult extends BinaryMetrics {
  readonly fold: number;
  readonly trainRows: number;
  readonly testRows: number;
  readonly model: string;
  readonly seconds: number;
}

export interface CrossValidationResult {
  /** Out-of-fold probability of every row. */
  readonly oof: Float64Array;
  /** Fold of every row. */
  readonly fold: Int32Array;
  readonly folds: FoldResult[];
  /** Metrics of all OOF predictions together. */
  readonly pooled: BinaryMetrics;
  /** Mean of the per-fold metrics. */
  readonly meanOverFolds: BinaryMetrics;
}

export interface CrossValidationOptions {
  readonly folds: number;
  readonly seed: number;
  /** Trains on the training part of a fold; must not look at anything else. */
  readonly train: (training: TabularDataset, fold: number) => FoldPredictor;
  /** Called after each fold (progress reports). */
  readonly onFold?: (result: FoldResult) => void;
  /** Clock for the per-fold seconds (default performance.now); injectable to keep tests deterministic. */
  readonly now?: () => number;
}

export function crossValidate(dataset: TabularDataset, options: CrossValidationOptions): CrossValidationResult {
  const fold = stratifiedKFold(dataset.target, options.folds, options.seed);
  const oof = new Float64Array(dataset.rows.length);
  const folds: FoldResult[] = [];
  const now = options.now ?? (() => performance.now());
  for (let f = 0; f < options.folds; f++) {
    const started = now();
    const { train, test } = foldRows(fold, f);
    const predictor = options.train(subsetDataset(dataset, train), f);
    const testSet = subsetDataset(dataset, test);
    const predictions = predictor.predictRows(testSet.rows);
    for (let k = 0; k < test.length; k++) oof[test[k]] = predictions[k];
    const result: FoldResult = {
      fold: f,
      trainRows: train.length,
      testRows: test.length,
      model: predictor.name,
      seconds: (now() - started) / 1000,
      ...binaryMetrics(testSet.target, predictions),
    };
    folds.push(result);
    options.onFold?.(result);
  }
  const mean = (key: keyof BinaryMetrics) => folds.reduce((s, r) => s + r[key], 0) / folds.length;
  return {
    oof,
    fold,
    folds,
    pooled: binaryMetrics(dataset.target, oof),
    meanOverFolds: { auc: mean('auc'), brier: mean('brier'), logLoss: mean('logLoss') },
  };
}

/** "gbt" when every fold used gbt; "auto(gbt:7,logistic:3)" when they differ (most used first). */
export function describeFoldModels(folds: readonly FoldResult[], prefix = 'auto'): string {
  const counts = new Map<string, number>();
  for (const f of folds) counts.set(f.model, (counts.get(f.model) ?? 0) + 1);
  const parts = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name, count]) => `${name}:${count}`);
  return `${prefix}(${parts.join(',')})`;
}
