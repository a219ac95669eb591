import { describe, expect, it } from 'vitest';
import { commissionFor, DEFAULT_COMMISSION_RULE } from './commission.js';

describe('broker commission', () => {
  it('is the rate times the amount, half-up to cents', () => {
    expect(commissionFor('300000.00', DEFAULT_COMMISSION_RULE)).toBe('3000.00');
    expect(commissionFor('123456.78', { rate: '0.0075', minimum: '0', cap: null })).toBe('925.93'); // 925.925850 → 925.93
  });
  it('respects minimum and cap', () => {
    expect(commissionFor('10000.00', DEFAULT_COMMISSION_RULE)).toBe('250.00');
    expect(commissionFor('5000000.00', DEFAULT_COMMISSION_RULE)).toBe('25000.00');
    expect(commissionFor('2500000.00', DEFAULT_COMMISSION_RULE)).toBe('25000.00');
    expect(commissionFor('2499999.00', DEFAULT_COMMISSION_RULE)).toBe('24999.99');
  });
});
