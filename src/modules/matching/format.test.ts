import { describe, expect, it } from 'vitest';
import { formatCount, formatEur, formatPercent } from './format.js';
import { amountWithinRatio, parseCents, parseRatio } from './cents.js';

describe('formatting', () => {
  it('formats euros the German and the English way, exactly from cents', () => {
    expect(formatEur(123456789, 'de')).toBe('1.234.567,89 €');
    expect(formatEur(123456789, 'en')).toBe('EUR 1,234,567.89');
    expect(formatEur(0, 'de')).toBe('0,00 €');
    expect(formatEur(5, 'de')).toBe('0,05 €');
    expect(formatEur(100000, 'de')).toBe('1.000,00 €');
    expect(formatEur(99999999999999, 'de')).toBe('999.999.999.999,99 €');
  });

  it('formats percentages with at least two decimals', () => {
    expect(formatPercent(48500, 'de')).toBe('4,85 %');
    expect(formatPercent(48500, 'en')).toBe('4.85%');
    expect(formatPercent(500000, 'de')).toBe('50,00 %');
    expect(formatPercent(333333, 'de')).toBe('33,3333 %');
    expect(formatPercent(500040, 'de')).toBe('50,004 %');
    expect(formatPercent(12345678, 'de')).toBe('1.234,5678 %');
  });

  it('counts with singular and plural', () => {
    expect(formatCount(1, 'de', 'year')).toBe('1 Jahr');
    expect(formatCount(3, 'de', 'year')).toBe('3 Jahre');
    expect(formatCount(1, 'en', 'month')).toBe('1 month');
    expect(formatCount(60, 'de', 'month')).toBe('60 Monate');
  });
});

describe('exact money parsing', () => {
  it('parses decimal strings to integer cents', () => {
    expect(parseCents('250000.00')).toBe(25000000);
    expect(parseCents('0.1')).toBe(10);
    expect(parseCents('0.07')).toBe(7);
    expect(parseCents('9999999999999.99')).toBe(999999999999999);
    expect(() => parseCents('1.001')).toThrow(RangeError);
    expect(() => parseCents('1e3')).toThrow(RangeError);
  });

  it('compares amount with ratio × revenue exactly, also beyond 2^53', () => {
    expect(parseRatio('0.5')).toEqual({ numerator: 5, scale: 10 });
    expect(parseRatio('1.25')).toEqual({ numerator: 125, scale: 100 });
    const third = parseRatio('0.333333');
    // revenue 3,000,000.00 → 0.333333 × revenue = 999,999.00
    expect(amountWithinRatio(99999900, 300000000, third.numerator, third.scale)).toBe(true);
    expect(amountWithinRatio(99999901, 300000000, third.numerator, third.scale)).toBe(false);
    // products far above 2^53: 9,999,999,999,999.99 EUR revenue × 0.999999
    const r = parseRatio('0.999999');
    const revenue = 999999999999999;
    const limit = (BigInt(revenue) * 999999n) / 1000000n; // floor: the largest amount that passes
    expect(amountWithinRatio(Number(limit), revenue, r.numerator, r.scale)).toBe(true);
    expect(amountWithinRatio(Number(limit) + 1, revenue, r.numerator, r.scale)).toBe(false);
  });
});
