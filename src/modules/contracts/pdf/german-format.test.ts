import { describe, expect, it } from 'vitest';
import {
  berlinIsoDate,
  divideDecimals,
  formatBerlinDateTime,
  formatBerlinDateTimeShort,
  formatDate,
  formatEuro,
  formatGermanNumber,
  formatPercent,
  formatTermMonths,
  formatUtcDateTime,
  sumDecimals,
} from './german-format.js';

const NBSP = '\u00a0';

describe('German formats', () => {
  it('formats euro amounts with thousands dots, decimal comma and a bound € sign', () => {
    expect(formatEuro('300000.00')).toBe(`300.000,00${NBSP}€`);
    expect(formatEuro('300000')).toBe(`300.000,00${NBSP}€`);
    expect(formatEuro('1234567.8')).toBe(`1.234.567,80${NBSP}€`);
    expect(formatEuro('0')).toBe(`0,00${NBSP}€`);
    expect(formatEuro('999.995')).toBe(`1.000,00${NBSP}€`); // half-up
    expect(formatGermanNumber('-1234.5', 2)).toBe('-1.234,50');
    expect(formatGermanNumber('-0.001', 2)).toBe('0,00');
    expect(formatGermanNumber('12345678901234567890.125', 2)).toBe('12.345.678.901.234.567.890,13');
  });

  it('formats rates given as decimal fractions in percent', () => {
    expect(formatPercent('0.0485')).toBe(`4,85${NBSP}%`);
    expect(formatPercent('0.05')).toBe(`5,00${NBSP}%`);
    expect(formatPercent('0.04875')).toBe(`4,875${NBSP}%`);
    expect(formatPercent('0.053712', 2)).toBe(`5,37${NBSP}%`);
    expect(formatPercent('0.049950', 2)).toBe(`5,00${NBSP}%`);
    expect(formatPercent('0')).toBe(`0,00${NBSP}%`);
    expect(formatPercent(divideDecimals('3000', '300000', 8), 2)).toBe(`1,00${NBSP}%`);
  });

  it('formats dates and terms', () => {
    expect(formatDate('2026-11-27')).toBe('27.11.2026');
    expect(() => formatDate('27.11.2026')).toThrow(RangeError);
    expect(formatTermMonths(1)).toBe('1 Monat');
    expect(formatTermMonths(11)).toBe('11 Monate');
    expect(formatTermMonths(12)).toBe('12 Monate (1 Jahr)');
    expect(formatTermMonths(60)).toBe('60 Monate (5 Jahre)');
    expect(formatTermMonths(18)).toBe('18 Monate (1 Jahr und 6 Monate)');
    expect(formatTermMonths(361 - 1)).toBe('360 Monate (30 Jahre)');
  });

  it('shows instants in Europe/Berlin (MEZ/MESZ with offset) and in UTC', () => {
    const winter = new Date('2026-11-27T13:03:05Z');
    expect(formatBerlinDateTime(winter)).toBe('27.11.2026, 14:03:05 MEZ (UTC+01:00)');
    expect(formatUtcDateTime(winter)).toBe('27.11.2026, 13:03:05 UTC');
    expect(formatBerlinDateTimeShort(winter)).toBe('27.11.2026, 14:03:05 MEZ');
    const summer = new Date('2026-07-01T22:30:00Z');
    expect(formatBerlinDateTime(summer)).toBe('02.07.2026, 00:30:00 MESZ (UTC+02:00)');
    expect(berlinIsoDate(summer)).toBe('2026-07-02');
    // The end of summer time 2026: 01:00 UTC on 25 October; 00:59:59 UTC is still 02:59:59 MESZ.
    expect(formatBerlinDateTime(new Date('2026-10-25T00:59:59Z'))).toBe('25.10.2026, 02:59:59 MESZ (UTC+02:00)');
    expect(formatBerlinDateTime(new Date('2026-10-25T01:00:00Z'))).toBe('25.10.2026, 02:00:00 MEZ (UTC+01:00)');
    expect(formatBerlinDateTime(new Date('2026-12-31T23:00:00.999Z'))).toBe('01.01.2027, 00:00:00 MEZ (UTC+01:00)');
  });

  it('adds decimal strings exactly', () => {
    expect(sumDecimals(['0.10', '0.20', '0.30'])).toBe('0.6');
    expect(sumDecimals([])).toBe('0');
  });
});
