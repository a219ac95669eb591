import { describe, expect, it } from 'vitest';
import type { RawValue, TabularDataset } from './dataset.js';
import { rocAuc } from './metrics.js';
import { createRng } from './random.js';
import { generateCreditData, generateLogisticData, generateXorData } from './synthetic.js';
import { TabularModel, modelFromJSON, trainModel, type SerializedModel } from './train-model.js';

function roundTrip(model: TabularModel): TabularModel {
  return modelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
}

describe('trainModel — model choice by inner cross-validation', () => {
  it('auto keeps the logistic part on a logistic ground truth', () => {
    const { dataset } = generateLogisticData({ rows: 1500, seed: 1, coefficients: [1, -1, 0.5, 0, 0.8] });
    const model = trainModel(dataset, { model: 'auto', seed: 1 });
    expect(model.kind === 'logistic' || model.kind === 'blend').toBe(true);
    expect(model.training.candidates[0].kind).toBe(model.kind);
    expect(model.training.candidates).toHaveLength(3);
    const test = generateLogisticData({ rows: 3000, seed: 2, coefficients: [1, -1, 0.5, 0, 0.8] });
    expect(rocAuc(test.dataset.target, model.predictRows(test.dataset.rows))).toBeGreaterThan(rocAuc(test.dataset.target, test.truth) - 0.01);
  });

  it('auto picks gradient boosting for an interaction, and it clearly beats logistic regression', () => {
    const train = generateXorData({ rows: 1500, seed: 3 });
    const test = generateXorData({ rows: 2000, seed: 4 });
    const auto = trainModel(train.dataset, { model: 'auto', seed: 1 });
    const lr = trainModel(train.dataset, { model: 'logistic', seed: 1 });
    expect(auto.kind).toBe('gbt');
    expect(auto.training.l2).toBeNull();
    expect(auto.training.trees).toBeGreaterThan(10);
    const aucAuto = rocAuc(test.dataset.target, auto.predictRows(test.dataset.rows));
    const aucLr = rocAuc(test.dataset.target, lr.predictRows(test.dataset.rows));
    expect(aucAuto - aucLr).toBeGreaterThan(0.2);
  });

  it('a requested model is used as is', () => {
    const { dataset } = generateLogisticData({ rows: 300, seed: 5, coefficients: [1, 1] });
    const lr = trainModel(dataset, { model: 'logistic' });
    expect(lr.kind).toBe('logistic');
    expect(lr.gbt).toBeNull();
    expect(lr.training.candidates.map((c) => c.kind)).toEqual(['logistic']);
    expect([1, 3, 10, 30, 100, 300]).toContain(lr.training.l2);
    const gbt = trainModel(dataset, { model: 'gbt' });
    expect(gbt.kind).toBe('gbt');
    expect(gbt.logistic).toBeNull();
  });

  it('is deterministic for a seed', () => {
    const { dataset } = generateCreditData({ rows: 400, seed: 6 });
    expect(JSON.stringify(trainModel(dataset, { seed: 3 }).toJSON())).toBe(JSON.stringify(trainModel(dataset, { seed: 3 }).toJSON()));
  });

  it('rejects data with one class', () => {
    const dataset: TabularDataset = { columns: ['a'], rows: [['1'], ['2']], target: Uint8Array.from([0, 0]) };
    expect(() => trainModel(dataset)).toThrow(/both classes/);
  });
});

describe('trainModel — data', () => {
  it('learns from missing values (indicator) and categorical effects', () => {
    const rng = createRng(7);
    const rows: RawValue[][] = [];
    const target: number[] = [];
    for (let i = 0; i < 1500; i++) {
      const bad = rng() < 0.3;
      // income is missing for 40 % of the bad and 5 % of the good; purpose "gambling" is mostly bad
      const income = rng() < (bad ? 0.4 : 0.05) ? 'NA' : String(Math.round(2000 + rng() * 3000));
      const purpose = bad ? (rng() < 0.5 ? 'gambling' : 'car') : rng() < 0.05 ? 'gambling' : rng() < 0.5 ? 'car' : 'home';
      rows.push([income, purpose, rng() < 0.5 ? 'x' : 'y']);
      target.push(bad ? 1 : 0);
    }
    const dataset: TabularDataset = { columns: ['income', 'purpose', 'noise'], rows, target: Uint8Array.from(target) };
    const model = trainModel(dataset, { model: 'logistic' });
    expect(model.featureNames).toContain('income:missing');
    const lr = model.logistic!;
    expect(lr.coefficients[model.featureNames.indexOf('income:missing')]).toBeGreaterThan(0.3);
    expect(lr.coefficients[model.featureNames.indexOf('purpose=gambling')]).toBeGreaterThan(0.3);
    expect(model.predictRow(['NA', 'gambling', 'x'])).toBeGreaterThan(model.predictRow(['3000', 'home', 'x']) + 0.5);
    const explanation = model.explain(['NA', 'gambling', 'x'], { top: 2 });
    expect(explanation.contributions.map((c) => c.name).sort()).toEqual(['income', 'purpose']);
  });

  it('predicts unseen categories and odd values without failing', () => {
    const { dataset } = generateCreditData({ rows: 300, seed: 8 });
    const model = trainModel(dataset, { model: 'auto' });
    const odd: RawValue[] = dataset.columns.map(() => 'never seen');
    const p = model.predictRow(odd);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1);
    expect(model.predictRow(dataset.columns.map(() => null))).toBeGreaterThan(0);
  });

  it('handles 5 % positives', () => {
    const train = generateCreditData({ rows: 3000, seed: 9, positiveRate: 0.05 });
    const test = generateCreditData({ rows: 3000, seed: 10, positiveRate: 0.05 });
    const model = trainModel(train.dataset, { model: 'auto', seed: 1 });
    const p = model.predictRows(test.dataset.rows);
    expect(rocAuc(test.dataset.target, p)).toBeGreaterThan(rocAuc(test.dataset.target, test.truth) - 0.07);
    const mean = p.reduce((s, v) => s + v, 0) / p.length;
    expect(mean).toBeGreaterThan(0.03);
    expect(mean).toBeLessThan(0.07);
  });

  it('predictRecord maps columns by name', () => {
    const { dataset } = generateCreditData({ rows: 300, seed: 11 });
    const model = trainModel(dataset, { model: 'logistic' });
    const row = dataset.rows[5];
    const record = Object.fromEntries(dataset.columns.map((c, j) => [c, row[j]]));
    expect(model.predictRecord(record)).toBe(model.predictRow(row));
  });

  it('calibrates on out-of-fold predictions when asked', () => {
    const { dataset } = generateCreditData({ rows: 600, seed: 12 });
    const platt = trainModel(dataset, { model: 'gbt', calibration: 'platt' });
    expect(platt.calibration?.method).toBe('platt');
    const isotonic = trainModel(dataset, { model: 'gbt', calibration: 'isotonic' });
    expect(isotonic.calibration?.method).toBe('isotonic');
    for (const p of isotonic.predictRows(dataset.rows.slice(0, 50))) {
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });
});

describe('serialisation', () => {
  const { dataset } = generateCreditData({ rows: 500, seed: 13 });
  const sample = dataset.rows.slice(0, 60);

  it.each([
    ['logistic', { model: 'logistic' as const }],
    ['gbt', { model: 'gbt' as const }],
    ['blend with calibration', { model: 'auto' as const, blendWeights: [0.5], calibration: 'isotonic' as const }],
  ])('%s: JSON round trip predicts identically', (_, options) => {
    const model = trainModel(dataset, options);
    const copy = roundTrip(model);
    expect(copy.kind).toBe(model.kind);
    expect([...copy.predictRows(sample)]).toEqual([...model.predictRows(sample)]);
    expect(copy.explain(sample[0])).toEqual(model.explain(sample[0]));
    expect(copy.toJSON()).toEqual(model.toJSON());
  });

  it('rejects malformed or inconsistent JSON', () => {
    const json = trainModel(dataset, { model: 'gbt' }).toJSON();
    expect(() => modelFromJSON({ ...json, format: 'other' })).toThrow(/not a serialised model/);
    expect(() => modelFromJSON({ ...json, extra: 1 })).toThrow(RangeError);
    const gbt = json.gbt!;
    const cyclic: SerializedModel = { ...json, gbt: { ...gbt, left: gbt.left.map((l, i) => (i === 0 && l >= 0 ? 0 : l)) } };
    expect(() => modelFromJSON(cyclic)).toThrow(/malformed/);
    const short: SerializedModel = { ...json, gbt: { ...gbt, value: gbt.value.slice(1) } };
    expect(() => modelFromJSON(short)).toThrow(RangeError);
    expect(() => modelFromJSON({ ...json, blendWeight: 0.5 })).toThrow(/missing/);
  });
});
