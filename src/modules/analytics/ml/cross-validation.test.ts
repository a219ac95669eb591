import { describe, expect, it } from 'vitest';
import { crossValidate, describeFoldModels, foldRows, stratifiedKFold } from './cross-validation.js';
import type { TabularDataset } from './dataset.js';

describe('stratifiedKFold', () => {
  const y = Uint8Array.from({ length: 103 }, (_, i) => (i % 10 < 3 ? 1 : 0)); // 31 positives

  it('keeps the class ratio in every fold and balances fold sizes', () => {
    const fold = stratifiedKFold(y, 10, 1);
    const sizes = new Array(10).fill(0);
    const positives = new Array(10).fill(0);
    fold.forEach((f, i) => {
      sizes[f]++;
      positives[f] += y[i];
    });
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(Math.max(...positives) - Math.min(...positives)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(103);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect([...stratifiedKFold(y, 5, 7)]).toEqual([...stratifiedKFold(y, 5, 7)]);
    expect([...stratifiedKFold(y, 5, 7)]).not.toEqual([...stratifiedKFold(y, 5, 8)]);
  });

  it('rejects impossible fold counts', () => {
    expect(() => stratifiedKFold(y, 1, 1)).toThrow(RangeError);
    expect(() => stratifiedKFold([0, 1], 3, 1)).toThrow(RangeError);
  });

  it('splits rows into disjoint train and test parts', () => {
    const fold = stratifiedKFold(y, 4, 1);
    const { train, test } = foldRows(fold, 2);
    expect(train.length + test.length).toBe(103);
    const seen = new Set([...train, ...test]);
    expect(seen.size).toBe(103);
  });
});

describe('crossValidate', () => {
  // Each row carries its own index, so the test can see exactly what training received.
  const dataset: TabularDataset = {
    columns: ['id'],
    rows: Array.from({ length: 60 }, (_, i) => [i]),
    target: Uint8Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 1 : 0)),
  };

  it('never trains on the held-out fold and predicts every row exactly once', () => {
    const trainedOn: number[][] = [];
    const result = crossValidate(dataset, {
      folds: 5,
      seed: 3,
      now: () => 0,
      train: (training) => {
        const ids = training.rows.map((r) => r[0] as number);
        trainedOn.push(ids);
        return { name: 'id-model', predictRows: (rows) => Float64Array.from(rows, (r) => ((r[0] as number) % 3 === 0 ? 0.9 : 0.1)) };
      },
    });
    for (let f = 0; f < 5; f++) {
      const held = new Set(foldRows(result.fold, f).test);
      expect(trainedOn[f].some((id) => held.has(id))).toBe(false);
      expect(trainedOn[f]).toHaveLength(60 - held.size);
    }
    expect(result.folds.map((f) => f.fold)).toEqual([0, 1, 2, 3, 4]);
    expect(result.pooled.auc).toBe(1);
    expect(result.meanOverFolds.auc).toBe(1);
    // (0.1² · 20 + 0.1² · 40) / 60 = 0.01
    expect(result.pooled.brier).toBeCloseTo(0.01, 12);
    expect(result.folds[0]).toMatchObject({ model: 'id-model', trainRows: 48, testRows: 12, seconds: 0 });
  });

  it('reports progress per fold', () => {
    const seen: number[] = [];
    crossValidate(dataset, { folds: 3, seed: 1, train: () => ({ name: 'x', predictRows: (rows) => new Float64Array(rows.length).fill(0.3) }), onFold: (r) => seen.push(r.fold) });
    expect(seen).toEqual([0, 1, 2]);
  });
});

describe('describeFoldModels', () => {
  it('counts the models used, most frequent first', () => {
    const folds = ['gbt', 'logistic', 'gbt', 'blend', 'gbt'].map((model, fold) => ({ fold, model, trainRows: 1, testRows: 1, seconds: 0, auc: 0, brier: 0, logLoss: 0 }));
    expect(describeFoldModels(folds)).toBe('auto(gbt:3,blend:1,logistic:1)');
  });
});
