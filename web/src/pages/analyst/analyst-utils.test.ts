import { describe, expect, it } from 'vitest';
import de from '../../i18n/analyst.de.json';
import en from '../../i18n/analyst.en.json';
import { cellText, csvUrl, localDecimal } from './analyst-utils';

const texts = { yes: 'ja', no: 'nein' };

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe('analyst page cells', () => {
  it('keeps every digit of decimals and swaps only the decimal mark in German', () => {
    expect(localDecimal('300000.10', 'de')).toBe('300000,10');
    expect(localDecimal('0.048500', 'en')).toBe('0.048500');
    expect(cellText('12345678901234.56', 'decimal', 'de', texts)).toBe('12345678901234,56');
  });

  it('shows times in Berlin, dates the local way, booleans and empty cells as words and dashes', () => {
    expect(cellText('2026-01-15T23:30:00.000Z', 'timestamp', 'de', texts)).toBe('16.01.26, 00:30:00');
    expect(cellText('2026-07-01', 'date', 'de', texts)).toBe('01.07.2026');
    expect(cellText('2026-07-01', 'date', 'en', texts)).toBe('01/07/2026');
    expect(cellText(true, 'boolean', 'de', texts)).toBe('ja');
    expect(cellText(false, 'boolean', 'de', texts)).toBe('nein');
    expect(cellText(null, 'text', 'de', texts)).toBe('–');
    expect(cellText(42, 'integer', 'de', texts)).toBe('42');
    expect(cellText(`{"a":"${'x'.repeat(100)}"}`, 'json', 'de', texts)).toHaveLength(80);
  });

  it('links the CSV downloads of a view', () => {
    expect(csvUrl('offers', 'rfc4180')).toBe('/api/v1/analyst/views/offers/export.csv');
    expect(csvUrl('offers', 'de')).toBe('/api/v1/analyst/views/offers/export.csv?format=de');
  });

  it('has every German text in English too', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort());
  });
});
