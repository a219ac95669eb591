import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryMetrics, brierScore, logLoss, reliabilityTable, rocAuc } from './metrics.js';

describe('rocAuc', () => {
  it('counts correctly ranked pairs (hand-computed)', () => {
    // positives 0.8, 0.4; negatives 0.7, 0.3, 0.1 → pairs (pos > neg): 0.8 beats 3, 0.4 beats 2 → 5 of 6
    expect(rocAuc([1, 0, 1, 0, 0], [0.8, 0.7, 0.4, 0.3, 0.1])).toBeCloseTo(5 / 6, 15);
  });

  it('counts ties as one half', () => {
    // positive 0.5 vs negatives 0.5 (tie: ½) and 0.2 (win: 1) → 1.5 / 2
    expect(rocAuc([1, 0, 0], [0.5, 0.5, 0.2])).toBe(0.75);
    // all predictions equal → 0.5
    expect(rocAuc([1, 0, 1, 0], [0.3, 0.3, 0.3, 0.3])).toBe(0.5);
  });

  it('is 1 for a perfect and 0 for a reversed ranking, NaN with one class', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.9])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.9])).toBe(0);
    expect(rocAuc([1, 1], [0.1, 0.2])).toBeNaN();
  });

  it('equals the brute-force Mann–Whitney count (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 6 })), { minLength: 2, maxLength: 40 }),
        (pairs) => {
          const y = pairs.map(([label]) => label);
          const p = pairs.map(([, score]) => score / 6);
          let wins = 0;
          let total = 0;
          for (let i = 0; i < y.length; i++) {
            for (let j = 0; j < y.length; j++) {
              if (y[i] === 1 && y[j] === 0) {
                total++;
                wins += p[i] > p[j] ? 1 : p[i] === p[j] ? 0.5 : 0;
              }
            }
          }
          const auc = rocAuc(y, p);
          if (total === 0) expect(auc).toBeNaN();
          else expect(auc).toBeCloseTo(wins / total, 12);
        },
      ),
    );
  });
});

describe('brierScore and logLoss', () => {
  it('hand-computed example', () => {
    // (0.9−1)² + (0.2−0)² + (0.6−1)² + (0.5−0)² = 0.01 + 0.04 + 0.16 + 0.25 = 0.46 → / 4 = 0.115
    expect(brierScore([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.5])).toBeCloseTo(0.115, 15);
    // −(ln 0.9 + ln 0.8 + ln 0.6 + ln 0.5) / 4 = (0.105361 + 0.223144 + 0.510826 + 0.693147) / 4 = 0.383119
    expect(logLoss([1, 0, 1, 0], [0.9, 0.2, 0.6, 0.5])).toBeCloseTo(0.3831194, 6);
  });

  it('clips certain wrong predictions instead of returning Infinity', () => {
    const loss = logLoss([1], [0]);
    expect(Number.isFinite(loss)).toBe(true);
    expect(loss).toBeCloseTo(-Math.log(1e-15), 6);
  });

  it('binaryMetrics bundles the three', () => {
    const m = binaryMetrics([1, 0], [0.7, 0.2]);
    expect(m.auc).toBe(1);
    expect(m.brier).toBeCloseTo((0.09 + 0.04) / 2, 15);
    expect(m.logLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 15);
  });
});

describe('reliabilityTable', () => {
  it('cuts sorted predictions into equal-count bins', () => {
    const p = [0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.6, 0.7, 0.8, 0.9];
    const y = [0, 0, 0, 1, 0, 1, 1, 0, 1, 1];
    const table = reliabilityTable(y, p, 5);
    expect(table.map((r) => r.count)).toEqual([2, 2, 2, 2, 2]);
    expect(table[0]).toMatchObject({ bin: 1, count: 2, observedRate: 0, minPredicted: 0.05, maxPredicted: 0.1 });
    expect(table[0].meanPredicted).toBeCloseTo(0.075, 15);
    expect(table[1].observedRate).toBe(0.5);
    expect(table[4].observedRate).toBe(1);
    expect(table[4].meanPredicted).toBeCloseTo(0.85, 15);
  });

  it('gives deciles by default and skips empty bins on tiny inputs', () => {
    const p = Array.from({ length: 100 }, (_, i) => i / 100);
    expect(reliabilityTable(p.map(() => 0), p)).toHaveLength(10);
    expect(reliabilityTable([1, 0, 1], [0.2, 0.5, 0.9])).toHaveLength(3);
  });
});
