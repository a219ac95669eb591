import { describe, expect, it } from 'vitest';
import { Encoder } from './dataset.js';
import { fitLogistic, fitLogisticPath, logisticLogits, sampleWeights, sigmoid } from './logistic-regression.js';
import { rocAuc } from './metrics.js';
import { generateLogisticData } from './synthetic.js';

function matrix(rows: readonly (readonly number[])[]): { x: Float64Array; n: number; p: number } {
  return { x: Float64Array.from(rows.flat()), n: rows.length, p: rows[0].length };
}

describe('fitLogistic', () => {
  it('matches the closed-form maximum likelihood of one binary feature (l2 = 0)', () => {
    // x = 0: 3 of 10 positive; x = 1: 7 of 10 positive → intercept logit(0.3), weight logit(0.7) − logit(0.3)
    const rows = Array.from({ length: 20 }, (_, i) => [i < 10 ? 0 : 1]);
    const y = Uint8Array.from({ length: 20 }, (_, i) => ((i < 10 ? i < 3 : i < 17) ? 1 : 0));
    const { x, n, p } = matrix(rows);
    const model = fitLogistic(x, n, p, y, { l2: 0 });
    const logit = (q: number) => Math.log(q / (1 - q));
    expect(model.converged).toBe(true);
    expect(model.rawIntercept).toBeCloseTo(logit(0.3), 8); // −0.847298
    expect(model.rawWeights[0]).toBeCloseTo(logit(0.7) - logit(0.3), 8); // 1.694596
  });

  it('satisfies the optimality conditions: standardised gradient + l2 · θ = 0, bias unpenalised', () => {
    const { dataset } = generateLogisticData({ rows: 400, seed: 3, coefficients: [1, -0.5, 0.25] });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    // a binary column as well, to exercise the sparse working design
    const xb = new Float64Array(n * (p + 1));
    for (let i = 0; i < n; i++) {
      xb.set(x.subarray(i * p, i * p + p), i * (p + 1));
      xb[i * (p + 1) + p] = i % 3 === 0 ? 1 : 0;
    }
    const q = p + 1;
    const l2 = 5;
    const model = fitLogistic(xb, n, q, dataset.target, { l2 });
    const probabilities = logisticLogits(model, xb, n).map(sigmoid);
    const gradient = new Float64Array(q);
    let biasGradient = 0;
    for (let i = 0; i < n; i++) {
      const r = probabilities[i] - dataset.target[i];
      biasGradient += r;
      for (let j = 0; j < q; j++) gradient[j] += (r * (xb[i * q + j] - model.mean[j])) / model.scale[j];
    }
    expect(Math.abs(biasGradient)).toBeLessThan(1e-8);
    for (let j = 0; j < q; j++) expect(Math.abs(gradient[j] + l2 * model.coefficients[j])).toBeLessThan(1e-7);
  });

  it('recovers the signs of a logistic ground truth and reaches nearly the Bayes AUC', () => {
    const coefficients = [1.2, -0.8, 0.5, 0, 0, -1.5];
    const train = generateLogisticData({ rows: 3000, seed: 1, coefficients });
    const test = generateLogisticData({ rows: 5000, seed: 2, coefficients });
    const { x, n, p } = matrix(train.dataset.rows as number[][]);
    const model = fitLogistic(x, n, p, train.dataset.target, { l2: 1 });
    for (const j of [0, 1, 2, 5]) expect(Math.sign(model.rawWeights[j])).toBe(Math.sign(coefficients[j]));
    for (const j of [3, 4]) expect(Math.abs(model.rawWeights[j])).toBeLessThan(0.15);
    const t = matrix(test.dataset.rows as number[][]);
    const auc = rocAuc(test.dataset.target, logisticLogits(model, t.x, t.n));
    const bayes = rocAuc(test.dataset.target, test.truth);
    expect(auc).toBeGreaterThan(bayes - 0.01);
  });

  it('shrinks coefficients to zero under a huge penalty but keeps the base rate through the bias', () => {
    const { dataset } = generateLogisticData({ rows: 500, seed: 4, coefficients: [2, -2], positiveRate: 0.2 });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    const model = fitLogistic(x, n, p, dataset.target, { l2: 1e9 });
    const rate = dataset.target.reduce((s, v) => s + v, 0) / n;
    expect(Math.abs(model.coefficients[0])).toBeLessThan(1e-5);
    expect(model.intercept).toBeCloseTo(Math.log(rate / (1 - rate)), 4);
  });

  it('balanced class weights centre the weighted mean prediction on one half', () => {
    const { dataset } = generateLogisticData({ rows: 2000, seed: 5, coefficients: [1, 1], positiveRate: 0.05 });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    const model = fitLogistic(x, n, p, dataset.target, { l2: 1, classWeight: 'balanced' });
    const w = sampleWeights(dataset.target, 'balanced');
    const probabilities = logisticLogits(model, x, n).map(sigmoid);
    let weighted = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      weighted += w[i] * probabilities[i];
      total += w[i];
    }
    expect(weighted / total).toBeCloseTo(0.5, 6);
    const plain = fitLogistic(x, n, p, dataset.target, { l2: 1 });
    const plainMean = logisticLogits(plain, x, n).map(sigmoid).reduce((s, v) => s + v, 0) / n;
    expect(plainMean).toBeCloseTo(dataset.target.reduce((s, v) => s + v, 0) / n, 6);
  });

  it('a warm-started path gives the same models as separate fits', () => {
    const { dataset } = generateLogisticData({ rows: 300, seed: 6, coefficients: [0.7, -0.3, 0.1] });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    const [strong, weak] = fitLogisticPath(x, n, p, dataset.target, [100, 0.1]);
    const alone = fitLogistic(x, n, p, dataset.target, { l2: 0.1 });
    expect(strong.l2).toBe(100);
    for (let j = 0; j < p; j++) expect(weak.coefficients[j]).toBeCloseTo(alone.coefficients[j], 7);
  });

  it('works on one-hot encoded categories', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [['a', 'b', 'c'][i % 3]]);
    const y = Uint8Array.from(rows, ([c], i) => (c === 'c' ? (i % 5 === 0 ? 0 : 1) : i % 7 === 0 ? 1 : 0));
    const encoder = Encoder.fit(['cat'], rows);
    const model = fitLogistic(encoder.encodeRows(rows), rows.length, encoder.width, y, { l2: 1 });
    const index = encoder.featureNames.indexOf('cat=c');
    expect(model.rawWeights[index]).toBeGreaterThan(1);
  });

  it('validates its inputs', () => {
    expect(() => fitLogistic(new Float64Array(3), 2, 2, [0, 1])).toThrow(RangeError);
    expect(() => fitLogistic(new Float64Array(2), 2, 1, [0, 1], { l2: -1 })).toThrow(RangeError);
  });
});
