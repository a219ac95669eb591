import { describe, expect, it } from 'vitest';
import { applyCalibration, fitIsotonic, fitPlatt } from './calibration.js';
import { sigmoid } from './logistic-regression.js';
import { brierScore } from './metrics.js';
import { createRng, normal } from './random.js';

describe('Platt scaling', () => {
  it('recovers the distortion of over-confident scores', () => {
    // true p = σ(s); the model reports σ(2s − 0.5): Platt should find a ≈ 0.5, b ≈ 0.25
    const rng = createRng(1);
    const n = 20000;
    const reported = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const s = 1.5 * normal(rng);
      reported[i] = sigmoid(2 * s - 0.5);
      y[i] = rng() < sigmoid(s) ? 1 : 0;
    }
    const platt = fitPlatt(reported, y);
    expect(platt.a).toBeCloseTo(0.5, 1);
    expect(platt.b).toBeCloseTo(0.25, 1);
    const calibrated = reported.map((p) => applyCalibration(platt, p));
    expect(brierScore(y, calibrated)).toBeLessThan(brierScore(y, reported));
  });

  it('leaves calibrated scores nearly unchanged', () => {
    const rng = createRng(2);
    const p = Float64Array.from({ length: 20000 }, () => sigmoid(normal(rng)));
    const y = Uint8Array.from(p, (q) => (rng() < q ? 1 : 0));
    const platt = fitPlatt(p, y);
    expect(platt.a).toBeCloseTo(1, 1);
    expect(platt.b).toBeCloseTo(0, 1);
  });
});

describe('isotonic regression', () => {
  it('pools adjacent violators (hand-computed)', () => {
    // sorted p: 0.1 0.2 0.3 0.4 0.5 with y 0 1 0 1 1 → blocks {0.1}: 0, {0.2, 0.3}: 0.5, {0.4}: 1, {0.5}: 1
    const iso = fitIsotonic([0.3, 0.1, 0.5, 0.2, 0.4], [0, 0, 1, 1, 1]);
    expect(iso.x.map((v) => Math.round(v * 1000) / 1000)).toEqual([0.1, 0.25, 0.4, 0.5]);
    expect(iso.y).toEqual([0, 0.5, 1, 1]);
    // interpolation between knots, constant outside
    expect(applyCalibration(iso, 0.05)).toBe(0);
    expect(applyCalibration(iso, 0.175)).toBeCloseTo(0.25, 12);
    expect(applyCalibration(iso, 0.9)).toBe(1);
  });

  it('pools ties into one block and is non-decreasing', () => {
    const rng = createRng(3);
    const p = Array.from({ length: 500 }, () => Math.round(rng() * 20) / 20);
    const y = p.map((q) => (rng() < q * q ? 1 : 0));
    const iso = fitIsotonic(p, y);
    for (let k = 1; k < iso.y.length; k++) {
      expect(iso.y[k]).toBeGreaterThanOrEqual(iso.y[k - 1]);
      expect(iso.x[k]).toBeGreaterThan(iso.x[k - 1]);
    }
    let last = -1;
    for (let q = 0; q <= 1; q += 0.01) {
      const v = applyCalibration(iso, q);
      expect(v).toBeGreaterThanOrEqual(last - 1e-12);
      last = v;
    }
  });
});
