import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SAFE_OPERAND, compareDecimals, divideRoundHalfUp, formatCents, formatCentsNumber, parseCents, parseRatio, roundHalfUpSafe } from './money.js';

describe('exact money helpers', () => {
  it('parses decimal strings exactly', () => {
    expect(parseRatio('0.0485')).toEqual({ num: 485n, den: 10_000n });
    expect(parseRatio('-12.50')).toEqual({ num: -1250n, den: 100n });
    expect(parseRatio('7')).toEqual({ num: 7n, den: 1n });
    expect(() => parseRatio('1e5')).toThrow(RangeError);
    expect(parseCents('1234.5')).toBe(123_450n);
    expect(parseCents('0.07')).toBe(7n);
    expect(() => parseCents('0.001')).toThrow(RangeError);
  });

  it('rounds half-up (ties away from zero)', () => {
    expect([5n, 15n, 25n, 14n, 16n].map((n) => divideRoundHalfUp(n, 10n))).toEqual([1n, 2n, 3n, 1n, 2n]);
    expect([-5n, -15n, -14n].map((n) => divideRoundHalfUp(n, 10n))).toEqual([-1n, -2n, -1n]);
    expect(roundHalfUpSafe(5, 10)).toBe(1);
    expect(roundHalfUpSafe(4, 10)).toBe(0);
  });

  it('plain-number rounding equals bigint rounding for all operands up to 2^52', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SAFE_OPERAND }), fc.integer({ min: 1, max: SAFE_OPERAND }), (a, b) => {
        expect(roundHalfUpSafe(a, b)).toBe(Number(divideRoundHalfUp(BigInt(a), BigInt(b))));
      }),
      { numRuns: 5000 },
    );
    // Quotients near .5 where a floating-point division alone would misround.
    const b = 2 ** 52 - 1;
    expect(roundHalfUpSafe(Math.floor(b / 2), b)).toBe(0);
    expect(roundHalfUpSafe(Math.floor(b / 2) + 1, b)).toBe(1);
    expect(roundHalfUpSafe(SAFE_OPERAND, 3)).toBe(Number(divideRoundHalfUp(BigInt(SAFE_OPERAND), 3n)));
    expect(roundHalfUpSafe(SAFE_OPERAND - 1, SAFE_OPERAND)).toBe(1);
  });

  it('formats cents', () => {
    expect([0n, 5n, 123_450n, -5n, -123_456n].map(formatCents)).toEqual(['0.00', '0.05', '1234.50', '-0.05', '-1234.56']);
    expect([0, 5, 123_450, -5, 5_000_000_000_00].map(formatCentsNumber)).toEqual(['0.00', '0.05', '1234.50', '-0.05', '5000000000.00']);
  });

  it('compares decimal strings exactly', () => {
    expect(compareDecimals('1.0000000000000000001', '1')).toBe(1);
    expect(compareDecimals('50000000.00', '50000000')).toBe(0);
    expect(compareDecimals('-0.01', '0')).toBe(-1);
  });
});
