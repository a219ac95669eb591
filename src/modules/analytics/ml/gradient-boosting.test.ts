import { describe, expect, it } from 'vitest';
import { compileTrees, compiledLogit, fitGradientBoosting, gbtLogit, gbtLogits, maxTreeDepth, treeCount, truncateTrees } from './gradient-boosting.js';
import { fitLogistic, logisticLogits } from './logistic-regression.js';
import { rocAuc } from './metrics.js';
import { createRng } from './random.js';
import { generateLogisticData, generateXorData } from './synthetic.js';

function matrix(rows: readonly (readonly number[])[]): { x: Float64Array; n: number; p: number } {
  return { x: Float64Array.from(rows.flat()), n: rows.length, p: rows[0].length };
}

describe('fitGradientBoosting', () => {
  it('finds an interaction (XOR) that logistic regression cannot', () => {
    const train = generateXorData({ rows: 2000, seed: 1 });
    const test = generateXorData({ rows: 2000, seed: 2 });
    const a = matrix(train.dataset.rows as number[][]);
    const b = matrix(test.dataset.rows as number[][]);
    const gbt = fitGradientBoosting(a.x, a.n, a.p, train.dataset.target, { seed: 1 }).model;
    const lr = fitLogistic(a.x, a.n, a.p, train.dataset.target, { l2: 1 });
    const gbtAuc = rocAuc(test.dataset.target, gbtLogits(gbt, b.x, b.n));
    const lrAuc = rocAuc(test.dataset.target, logisticLogits(lr, b.x, b.n));
    const bayes = rocAuc(test.dataset.target, test.truth);
    expect(lrAuc).toBeLessThan(0.6);
    expect(gbtAuc).toBeGreaterThan(bayes - 0.05);
    expect(gbtAuc - lrAuc).toBeGreaterThan(0.2);
  });

  it('splits at the midpoint between neighbouring training values', () => {
    // 20 distinct values 0.025 … 0.975, y = x > 0.5: one stump, threshold (0.475 + 0.525) / 2 = 0.5
    const rows = Array.from({ length: 200 }, (_, i) => [0.025 + 0.05 * (i % 20)]);
    const y = Uint8Array.from(rows, ([v]) => (v > 0.5 ? 1 : 0));
    const { x, n, p } = matrix(rows);
    const model = fitGradientBoosting(x, n, p, y, { maxTrees: 1, earlyStopping: null, maxDepth: 1, subsample: 1, colsample: 1, minSamplesLeaf: 1 }).model;
    expect(treeCount(model)).toBe(1);
    expect(model.feature[0]).toBe(0);
    expect(model.threshold[0]).toBeCloseTo(0.5, 12);
    expect(gbtLogit(model, [0.5])).toBeLessThan(gbtLogit(model, [0.5000001]));
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const { dataset } = generateLogisticData({ rows: 500, seed: 7, coefficients: [1, -1, 0.5, 0.3] });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    const one = fitGradientBoosting(x, n, p, dataset.target, { seed: 11 });
    const two = fitGradientBoosting(x, n, p, dataset.target, { seed: 11 });
    const three = fitGradientBoosting(x, n, p, dataset.target, { seed: 12 });
    expect(two.nTrees).toBe(one.nTrees);
    expect([...two.model.value]).toEqual([...one.model.value]);
    expect([...two.model.threshold]).toEqual([...one.model.threshold]);
    expect([...three.model.value]).not.toEqual([...one.model.value]);
  });

  it('stops early on pure noise and refits with the best number of trees', () => {
    const rng = createRng(3);
    const rows = Array.from({ length: 600 }, () => [rng(), rng(), rng()]);
    const y = Uint8Array.from(rows, () => (rng() < 0.3 ? 1 : 0));
    const { x, n, p } = matrix(rows);
    const fit = fitGradientBoosting(x, n, p, y, { seed: 1 });
    expect(fit.validationLoss!.length).toBeLessThan(200);
    expect(treeCount(fit.model)).toBe(fit.nTrees);
    expect(fit.nTrees).toBeLessThan(100);
  });

  it('keeps all grown trees with an explicit validation set, best count reported', () => {
    const { dataset } = generateLogisticData({ rows: 600, seed: 8, coefficients: [1, -1] });
    const { x, p } = matrix(dataset.rows as number[][]);
    const trainX = x.subarray(0, 400 * p);
    const validX = x.subarray(400 * p);
    const fit = fitGradientBoosting(trainX, 400, p, dataset.target.subarray(0, 400), { seed: 1, earlyStopping: { validationFraction: 0, patience: 30, refit: false } }, {
      x: validX,
      n: 200,
      y: dataset.target.subarray(400),
    });
    expect(treeCount(fit.model)).toBe(fit.validationLoss!.length);
    expect(fit.validationLoss!.length - fit.nTrees).toBeLessThanOrEqual(30);
    const best = fit.validationLoss![fit.nTrees - 1];
    expect(Math.min(...fit.validationLoss!)).toBe(best);
    // truncating equals predicting with a tree limit
    const truncated = truncateTrees(fit.model, fit.nTrees);
    expect(gbtLogit(truncated, validX, 0)).toBeCloseTo(gbtLogit(fit.model, validX, 0, fit.nTrees), 12);
  });

  it('respects the depth limit and the minimum leaf size', () => {
    const { dataset } = generateLogisticData({ rows: 800, seed: 9, coefficients: [1, -1, 1, -1] });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    const model = fitGradientBoosting(x, n, p, dataset.target, { maxDepth: 2, minSamplesLeaf: 50, subsample: 1, earlyStopping: null, maxTrees: 20 }).model;
    for (let t = 0; t < treeCount(model); t++) expect(model.treeStart[t + 1] - model.treeStart[t]).toBeLessThanOrEqual(7);
    // every leaf of the first tree holds ≥ 50 training rows
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let node = model.treeStart[0];
      while (model.left[node] >= 0) node = x[i * p + model.feature[node]] <= model.threshold[node] ? model.left[node] : model.right[node];
      counts.set(node, (counts.get(node) ?? 0) + 1);
    }
    for (const count of counts.values()) expect(count).toBeGreaterThanOrEqual(50);
  });

  it('handles 5 % positives: ranks well and keeps the mean prediction at the base rate', () => {
    const coefficients = [1.5, -1, 0.8];
    const train = generateLogisticData({ rows: 4000, seed: 10, coefficients, positiveRate: 0.05 });
    const test = generateLogisticData({ rows: 4000, seed: 11, coefficients, positiveRate: 0.05 });
    const a = matrix(train.dataset.rows as number[][]);
    const b = matrix(test.dataset.rows as number[][]);
    const model = fitGradientBoosting(a.x, a.n, a.p, train.dataset.target, { seed: 2 }).model;
    const logits = gbtLogits(model, b.x, b.n);
    expect(rocAuc(test.dataset.target, logits)).toBeGreaterThan(rocAuc(test.dataset.target, test.truth) - 0.04);
    const mean = logits.reduce((s, z) => s + 1 / (1 + Math.exp(-z)), 0) / b.n;
    const rate = test.dataset.target.reduce((s, v) => s + v, 0) / b.n;
    expect(Math.abs(mean - rate)).toBeLessThan(0.015);
  });

  it('the compiled perfect-tree layout predicts exactly as the node arrays, for every depth', () => {
    const { dataset } = generateLogisticData({ rows: 600, seed: 12, coefficients: [1, -1, 0.5, 2, -0.3] });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    for (const maxDepth of [1, 2, 3, 4, 5]) {
      // minSamplesLeaf 60 leaves some branches shallow, so padding is exercised too
      const model = fitGradientBoosting(x, n, p, dataset.target, { maxDepth, minSamplesLeaf: 60, maxTrees: 40, earlyStopping: null }).model;
      const compiled = compileTrees(model)!;
      expect(compiled.depth).toBe(maxTreeDepth(model));
      for (let i = 0; i < n; i += 7) expect(compiledLogit(compiled, x, i * p)).toBeCloseTo(gbtLogit(model, x, i * p), 12);
    }
    const deep = fitGradientBoosting(x, n, p, dataset.target, { maxDepth: 6, minSamplesLeaf: 2, maxTrees: 3, earlyStopping: null }).model;
    expect(compileTrees(deep, 4)).toBeNull();
  });

  it('validates its options', () => {
    expect(() => fitGradientBoosting(new Float64Array(4), 2, 2, [0, 1], { learningRate: 0 })).toThrow(RangeError);
    expect(() => fitGradientBoosting(new Float64Array(4), 2, 2, [0, 1], { maxBins: 300, earlyStopping: null })).toThrow(RangeError);
  });
});
