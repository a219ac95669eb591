import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseFinancialsCsv, parseGermanOrPlainAmount } from './financials-csv.js';
import { STATEMENT_2023, STATEMENT_2024 } from './scoring.fixtures.js';

const GERMAN_HEADER =
  'Geschäftsjahr;Umsatz;EBITDA;EBIT;Zinsaufwand;Jahresüberschuss;Bilanzsumme;Eigenkapital;kurzfristiges Fremdkapital;langfristiges Fremdkapital;Liquide Mittel;Umlaufvermögen;kurzfristige Verbindlichkeiten';

const ENGLISH_HEADER =
  'fiscalYear,revenue,ebitda,ebit,interestExpense,netIncome,totalAssets,equity,liabilitiesShortTerm,liabilitiesLongTerm,cash,currentAssets,currentLiabilities';

describe('parseGermanOrPlainAmount', () => {
  it.each([
    ['1.250.000,50', '1250000.50'],
    ['1250000,5', '1250000.5'],
    ['-3.000', '-3000'],
    ['1.250', '1250'],
    ['1250.50', '1250.50'],
    ['0', '0'],
    ['1 250 000,00', '1250000.00'],
    ['\u22125,00', '-5.00'],
  ])('%s → %s', (cell, expected) => {
    expect(parseGermanOrPlainAmount(cell)).toBe(expected);
  });

  it.each(['1.25.000', '1,234,567.00', '12,345', 'abc', '', '1.0000', '1e6', '1.250,5.0'])('rejects %s', (cell) => {
    expect(parseGermanOrPlainAmount(cell)).toBeUndefined();
  });
});

describe('detectDelimiter', () => {
  it('reads the header line only', () => {
    expect(detectDelimiter('a;b;c\n1,5;2,5;3')).toBe(';');
    expect(detectDelimiter('a,b,c\n"1,5";2;3')).toBe(',');
    expect(detectDelimiter('"a;x",b,c')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });
});

describe('parseFinancialsCsv', () => {
  it('reads a German export: semicolons, German aliases, decimal commas, thousands dots, BOM, empty lines', () => {
    const csv = [
      `\uFEFF${GERMAN_HEADER}`,
      '2023;4.600.000,00;600.000,00;400.000,00;50.000,00;250.000,00;4.000.000,00;1.250.000,00;1.000.000,00;1.750.000,00;300.000,00;1.800.000,00;900.000,00',
      '',
      '2024;5.000.000;600.000;400.000;50.000;250.000;4.000.000;1.250.000;1.000.000;1.750.000;300.000;1.800.000;900.000',
    ].join('\r\n');
    const result = parseFinancialsCsv(csv);
    expect(result.errors).toEqual([]);
    expect(result.statements).toEqual([
      STATEMENT_2023,
      {
        fiscalYear: 2024,
        revenue: '5000000',
        ebitda: '600000',
        ebit: '400000',
        interestExpense: '50000',
        netIncome: '250000',
        totalAssets: '4000000',
        equity: '1250000',
        liabilitiesShortTerm: '1000000',
        liabilitiesLongTerm: '1750000',
        cash: '300000',
        currentAssets: '1800000',
        currentLiabilities: '900000',
      },
    ]);
  });

  it('reads the English field names with commas, in any column order, quoted German decimals allowed', () => {
    const header = ENGLISH_HEADER.split(',').reverse().join(',');
    const values = [
      '900000.00',
      '1800000.00',
      '300000.00',
      '1750000.00',
      '1000000.00',
      '1250000.00',
      '4000000.00',
      '250000.00',
      '50000.00',
      '400000.00',
      '"600000,00"',
      '5000000.00',
      '2024',
    ];
    const result = parseFinancialsCsv(`${header}\n${values.join(',')}\n`);
    expect(result.errors).toEqual([]);
    expect(result.statements).toEqual([{ ...STATEMENT_2024 }]);
  });

  it('accepts snake_case and umlaut transliterations', () => {
    const header = 'Geschaeftsjahr;umsatz;ebitda;ebit;zins_aufwand;JAHRESUEBERSCHUSS;bilanzsumme;eigenkapital;Kurzfristiges_Fremdkapital;langfristiges fremdkapital;liquide_mittel;Umlaufvermoegen;kurzfristige verbindlichkeiten';
    const row = '2024;5000000;600000;400000;50000;250000;4000000;1250000;1000000;1750000;300000;1800000;900000';
    expect(parseFinancialsCsv(`${header}\n${row}`).errors).toEqual([]);
  });

  it('reports each bad value with its line number and field, and keeps the good rows', () => {
    const csv = [
      GERMAN_HEADER, // line 1
      '2022;4.000.000;x;400.000;50.000;250.000;4.000.000;1.250.000;1.000.000;1.750.000;300.000;1.800.000;900.000', // 2: ebitda
      '2023;4.600.000;600.000;400.000;50.000;250.000;4.000.000;1.250.000;1.000.000;1.750.000;300.000;1.800.000;900.000', // 3: ok
      '2024;5.000.000;600.000;400.000;50.000;250.000;4.000.000;2.000.000;1.000.000;1.750.000;300.000;1.800.000;900.000', // 4: balance
      '2023;5.000.000;600.000;400.000;50.000;250.000;4.000.000;1.250.000;1.000.000;1.750.000;300.000;1.800.000;900.000', // 5: duplicate year
      '2025;5.000.000;600.000;400.000;;250.000;4.000.000;1.250.000;1.000.000;1.750.000;300.000;1.800.000;900.000', // 6: empty
      '2026;5.000.000;600.000', // 7: too few values
      '26;-5.000.000;600.000;400.000;50.000;250.000;4.000.000;1.250.000;1.000.000;1.750.000;300.000;1.800.000;900.000,001', // 8
    ].join('\n');
    const result = parseFinancialsCsv(csv);
    expect(result.statements.map((s) => s.fiscalYear)).toEqual([2023]);
    expect(result.errors.map(({ line, field }) => ({ line, field }))).toEqual([
      { line: 2, field: 'ebitda' },
      { line: 4, field: 'totalAssets' },
      { line: 5, field: 'fiscalYear' },
      { line: 6, field: 'interestExpense' },
      { line: 7, field: '' },
      { line: 8, field: 'fiscalYear' },
      { line: 8, field: 'currentLiabilities' },
    ]);
    expect(result.errors[0].message).toBe('not an amount with at most two decimals: "x"');
    expect(result.errors[2].message).toBe('fiscal year 2023 already given in line 3');
    expect(result.errors[4].message).toBe('expected 13 values, found 3');
  });

  it('reports negative values where they are not allowed after conversion', () => {
    const csv = `${GERMAN_HEADER}\n2024;-5.000.000;600.000;400.000;50.000;250.000;4.000.000;1.250.000;1.000.000;1.750.000;300.000;1.800.000;900.000`;
    expect(parseFinancialsCsv(csv).errors).toEqual([{ line: 2, field: 'revenue', message: 'must not be negative' }]);
  });

  it('counts lines of quoted values spanning lines', () => {
    const csv = `${ENGLISH_HEADER},\n2024,"5000000.00",600000,400000,50000,250000,4000000,1250000,1000000,1750000,300000,1800000,900000,"a\nb"\n2023,x,600000,400000,50000,250000,4000000,1250000,1000000,1750000,300000,1800000,900000,`;
    const result = parseFinancialsCsv(csv);
    expect(result.statements).toHaveLength(1);
    expect(result.errors).toEqual([{ line: 4, field: 'revenue', message: 'not an amount with at most two decimals: "x"' }]);
  });

  it('reports unknown, duplicate and missing columns on line 1 and reads no rows', () => {
    const header = GERMAN_HEADER.replace('Zinsaufwand', 'Steuern').replace('Umsatz', 'revenue;Umsatzerlöse');
    const result = parseFinancialsCsv(`${header}\n2024;1;1;1;1;1;1;1;1;1;1;1;1;1`);
    expect(result.statements).toEqual([]);
    expect(result.errors).toEqual([
      { line: 1, field: 'revenue', message: 'column "Umsatzerlöse" appears twice (same field as column 2)' },
      { line: 1, field: 'Steuern', message: 'unknown column "Steuern"' },
      { line: 1, field: 'interestExpense', message: 'missing column interestExpense (e.g. "Zinsaufwand")' },
    ]);
  });

  it('reports an empty file, a header without rows and unreadable CSV', () => {
    expect(parseFinancialsCsv('').errors).toEqual([{ line: 1, field: '', message: 'the file is empty: a header row is required' }]);
    expect(parseFinancialsCsv(GERMAN_HEADER).errors).toEqual([{ line: 1, field: '', message: 'no data rows below the header' }]);
    const broken = parseFinancialsCsv(`${ENGLISH_HEADER}\n2024,"5000000`);
    expect(broken.statements).toEqual([]);
    expect(broken.errors).toHaveLength(1);
    expect(broken.errors[0].message).toMatch(/^unreadable CSV/);
  });
});
