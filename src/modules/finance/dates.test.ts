import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addMonths,
  addMonthsToDate,
  dayNumber,
  daysBetween,
  daysInMonth,
  isLastDayOfMonth,
  isLeapYear,
  isValidIsoDate,
  parseIsoDate,
  todayInBerlin,
} from './dates.js';

describe('calendar dates', () => {
  it('knows leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(isLastDayOfMonth(parseIsoDate('2024-02-29'))).toBe(true);
    expect(isLastDayOfMonth(parseIsoDate('2025-02-28'))).toBe(true);
    expect(isLastDayOfMonth(parseIsoDate('2024-02-28'))).toBe(false);
  });

  it('accepts only real calendar dates in YYYY-MM-DD', () => {
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-00-10', '2024-04-31', '2024-1-01', '24-01-01', '2024-01-01T00:00', ''])
      expect(isValidIsoDate(bad)).toBe(false);
    expect(() => parseIsoDate('2023-02-29')).toThrow(RangeError);
  });

  // Apache Fineract, EmbeddableProgressiveLoanScheduleGeneratorTest.testMissingDayIsClampedByDefault:
  // a loan disbursed 2025-01-31 is due 2025-02-28, 2025-03-31, 2025-04-30 (clamped, re-anchored).
  it('steps months from the anchor date, clamped to the month end (Fineract)', () => {
    expect([1, 2, 3].map((n) => addMonths('2025-01-31', n))).toEqual(['2025-02-28', '2025-03-31', '2025-04-30']);
    expect([1, 2, 13].map((n) => addMonths('2024-01-31', n))).toEqual(['2024-02-29', '2024-03-31', '2025-02-28']);
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-12-15', 1)).toBe('2026-01-15');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
  });

  it('counts days exactly like the JavaScript UTC calendar', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2199 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, d) => {
        const day = Math.min(d, daysInMonth(year, month));
        const expected = Date.UTC(year, month - 1, day) / 86_400_000;
        expect(dayNumber({ year, month, day })).toBe(expected);
      }),
    );
    expect(daysBetween(parseIsoDate('2024-01-31'), parseIsoDate('2024-03-01'))).toBe(30);
  });

  it('month stepping is additive from the anchor and never overflows a month', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2150 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 0, max: 600 }), (year, month, d, n) => {
        const start = { year, month, day: Math.min(d, daysInMonth(year, month)) };
        const due = addMonthsToDate(start, n);
        expect((due.year - year) * 12 + due.month - month).toBe(n);
        expect(due.day).toBe(Math.min(start.day, daysInMonth(due.year, due.month)));
      }),
    );
  });

  it('takes today from the Europe/Berlin calendar', () => {
    expect(todayInBerlin(new Date('2025-03-30T22:30:00Z'))).toBe('2025-03-31'); // CEST, UTC+2
    expect(todayInBerlin(new Date('2025-01-01T23:30:00Z'))).toBe('2025-01-02'); // CET, UTC+1
    expect(todayInBerlin(new Date('2025-01-01T22:59:59Z'))).toBe('2025-01-01');
    expect(isValidIsoDate(todayInBerlin())).toBe(true);
  });
});
