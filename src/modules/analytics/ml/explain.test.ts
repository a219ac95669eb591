import { describe, expect, it } from 'vitest';
import { gbtContributions, logisticContributions, topContributions } from './explain.js';
import { fitGradientBoosting, gbtLogit, type GbtModel } from './gradient-boosting.js';
import { fitLogistic, logisticLogit } from './logistic-regression.js';
import { generateCreditData, generateLogisticData } from './synthetic.js';
import { trainModel } from './train-model.js';

function matrix(rows: readonly (readonly number[])[]): { x: Float64Array; n: number; p: number } {
  return { x: Float64Array.from(rows.flat()), n: rows.length, p: rows[0].length };
}

describe('logistic contributions', () => {
  it('are coefficient × standardised value and add up to the log-odds', () => {
    const { dataset } = generateLogisticData({ rows: 500, seed: 1, coefficients: [1, -2, 0.5] });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    const model = fitLogistic(x, n, p, dataset.target, { l2: 1 });
    const out = new Float64Array(p);
    for (const i of [0, 17, 123]) {
      const bias = logisticContributions(model, x, i * p, out);
      expect(out[1]).toBeCloseTo((model.coefficients[1] * (x[i * p + 1] - model.mean[1])) / model.scale[1], 12);
      expect(bias + out.reduce((s, v) => s + v, 0)).toBeCloseTo(logisticLogit(model, x, i * p), 10);
    }
  });
});

describe('gradient-boosting contributions (Saabas)', () => {
  it('add up to the log-odds', () => {
    const { dataset } = generateLogisticData({ rows: 500, seed: 2, coefficients: [1, -2, 0.5] });
    const { x, n, p } = matrix(dataset.rows as number[][]);
    const model = fitGradientBoosting(x, n, p, dataset.target, { seed: 1 }).model;
    const out = new Float64Array(p);
    for (const i of [0, 5, 250]) {
      const bias = gbtContributions(model, x, i * p, out);
      expect(bias + out.reduce((s, v) => s + v, 0)).toBeCloseTo(gbtLogit(model, x, i * p), 10);
    }
  });

  it('credit the split feature with the change of node value (hand-built stump)', () => {
    // root value 0.1, split x0 ≤ 0.5 → left 0.3 / right −0.2; base −1
    const stump: GbtModel = {
      kind: 'gbt',
      p: 2,
      base: -1,
      learningRate: 0.1,
      treeStart: Int32Array.from([0, 3]),
      feature: Int32Array.from([0, -1, -1]),
      threshold: Float64Array.from([0.5, 0, 0]),
      left: Int32Array.from([1, -1, -1]),
      right: Int32Array.from([2, -1, -1]),
      value: Float64Array.from([0.1, 0.3, -0.2]),
    };
    const out = new Float64Array(2);
    expect(gbtContributions(stump, [0.9, 7], 0, out)).toBeCloseTo(-0.9, 15); // base + root value
    expect([...out]).toEqual([-0.2 - 0.1, 0]);
    expect(gbtLogit(stump, [0.9, 7])).toBeCloseTo(-1.2, 15);
  });
});

describe('topContributions', () => {
  it('orders by absolute value, drops zeros, groups by column', () => {
    const names = ['age', 'purpose=car', 'purpose=(other)', 'savings:missing'];
    const values = [0.2, -0.5, 0.1, 0];
    expect(topContributions(names, values, 2)).toEqual([
      { name: 'purpose=car', contribution: -0.5 },
      { name: 'age', contribution: 0.2 },
    ]);
    const grouped = topContributions(names, values, 5, { groups: [0, 1, 1, 2], groupNames: ['age', 'purpose', 'savings'] });
    expect(grouped.map((c) => c.name)).toEqual(['purpose', 'age']);
    expect(grouped[0].contribution).toBeCloseTo(-0.4, 15);
  });
});

describe('TabularModel.explain', () => {
  it('explains a blend additively, per column and per feature', () => {
    const { dataset } = generateCreditData({ rows: 600, seed: 3 });
    const model = trainModel(dataset, { model: 'auto', blendWeights: [0.5], seed: 1 });
    expect(model.kind).toBe('blend');
    const row = dataset.rows[0];
    const all = model.explain(row, { top: 100, by: 'feature' });
    expect(all.bias + all.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(all.logit, 9);
    expect(all.probability).toBeCloseTo(model.predictRow(row), 12);
    const byColumn = model.explain(row, { top: 3 });
    expect(byColumn.contributions).toHaveLength(3);
    for (const c of byColumn.contributions) expect(dataset.columns).toContain(c.name);
    const magnitudes = byColumn.contributions.map((c) => Math.abs(c.contribution));
    expect([...magnitudes].sort((a, b) => b - a)).toEqual(magnitudes);
  });
});
