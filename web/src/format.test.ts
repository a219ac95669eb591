import { describe, expect, it } from 'vitest';
import i18n from './i18n';
import { formatEur, formatRate, parseAmount, parseEnglishAmount, parseGermanAmount } from './format';

describe('German formats', () => {
  it('formats amounts and rates the German way', () => {
    expect(formatEur('300000.00').replace(/\u00a0/g, ' ')).toBe('300.000,00 €');
    expect(formatRate('0.0485').replace(/\u00a0/g, ' ')).toBe('4,85 %');
  });

  it('parses German amount input into API decimal strings', () => {
    expect(parseGermanAmount('300.000,50')).toBe('300000.50');
    expect(parseGermanAmount('300000')).toBe('300000.00');
    expect(parseGermanAmount('1.250.000')).toBe('1250000.00');
    expect(parseGermanAmount('2500,5 €')).toBe('2500.50');
    expect(parseGermanAmount('12,345')).toBeNull();
    expect(parseGermanAmount('abc')).toBeNull();
  });
});

describe('amount input in the chosen language', () => {
  it('reads English grouping and decimal point', () => {
    expect(parseEnglishAmount('1,250,000.00')).toBe('1250000.00');
    expect(parseEnglishAmount('300,000')).toBe('300000.00');
    expect(parseEnglishAmount('10000.5')).toBe('10000.50');
    expect(parseEnglishAmount('300.000,00')).toBeNull();
  });

  it('follows the language switch: "10.000" is ten thousand in German, ten in English', async () => {
    await i18n.changeLanguage('en');
    expect(parseAmount('10.000')).toBeNull(); // three decimals: not an amount in euros
    expect(parseAmount('10,000')).toBe('10000.00');
    await i18n.changeLanguage('de');
    expect(parseAmount('10.000')).toBe('10000.00');
    expect(parseAmount('10,5')).toBe('10.50');
  });
});

describe('percent input', () => {
  it('turns German percent input into exact decimal fractions', async () => {
    const { parsePercent } = await import('./format');
    expect(parsePercent('4,85')).toBe('0.0485');
    expect(parsePercent('4,85 %')).toBe('0.0485');
    expect(parsePercent('12')).toBe('0.12');
    expect(parsePercent('0')).toBe('0.0');
    expect(parsePercent('0,125')).toBe('0.00125');
    expect(parsePercent('100')).toBe('1.0');
    expect(parsePercent('abc')).toBeNull();
  });
});
