import { describe, expect, it } from 'vitest';
import { annualDebtService, computeRatios, debtServiceKind, judge, type RatioKey, type RatioResult } from './ratios.js';
import { ScoringError } from './scoring-error.js';
import { LOAN, STATEMENT_2023, STATEMENT_2024, statement } from './scoring.fixtures.js';

function byKey(ratios: readonly RatioResult[], key: RatioKey): RatioResult {
  const ratio = ratios.find((r) => r.key === key);
  if (!ratio) throw new Error(`no ratio ${key}`);
  return ratio;
}

describe('computeRatios — golden example (figures of scoring.fixtures.ts, hand-computed)', () => {
  const analysis = computeRatios([STATEMENT_2023, STATEMENT_2024], LOAN);

  it('rates the latest year against the year before', () => {
    expect(analysis.fiscalYear).toBe(2024);
    expect(analysis.previousFiscalYear).toBe(2023);
    expect(analysis.marketRate).toBe('0.055');
  });

  it('computes the debt service of the requested loan as an annuity at the market rate', () => {
    // i = 0.055 / 12 = 0.0045833…; PMT = 300,000 · i / (1 − (1 + i)^−60) = 5,730.34865153…
    // first 12 months: 12 · 5,730.34865153 = 68,764.1838… → "68764.18"
    expect(analysis.loanDebtService).toBe('68764.18');
  });

  it('computes every ratio with value, traffic light and German sentence', () => {
    expect(analysis.ratios).toEqual([
      // 1,250,000 / 4,000,000 = 0.3125 ≥ 0.30 → green
      { key: 'equityRatio', value: '0.3125', judgement: 'green', explanation: 'Eigenkapitalquote 31,3 % – solide Kapitalausstattung.' },
      // (1,000,000 + 1,750,000 − 300,000) / 600,000 = 2,450,000 / 600,000 = 4.0833 → "4.08" > 4 → red
      {
        key: 'debtToEbitda',
        value: '4.08',
        judgement: 'red',
        explanation: 'Nettofremdkapital/EBITDA 4,08 – hohe Verschuldung im Verhältnis zum operativen Ergebnis.',
      },
      // 600,000 / (50,000 + 68,764.1838) = 600,000 / 118,764.1838 = 5.0520 → "5.05" ≥ 1.5 → green
      {
        key: 'debtServiceCoverage',
        value: '5.05',
        judgement: 'green',
        explanation: 'Kapitaldienstdeckung 5,05 – der Kapitaldienst einschließlich der beantragten Finanzierung ist gut gedeckt.',
      },
      // 400,000 / 50,000 = 8 ≥ 5 → green
      { key: 'interestCoverage', value: '8.00', judgement: 'green', explanation: 'Zinsdeckung 8,00 – die Zinsen werden komfortabel verdient.' },
      // 1,800,000 / 900,000 = 2 ≥ 1.5 → green
      {
        key: 'currentRatio',
        value: '2.00',
        judgement: 'green',
        explanation: 'Liquidität 3. Grades 2,00 – die kurzfristigen Verbindlichkeiten sind gut durch Umlaufvermögen gedeckt.',
      },
      // 600,000 / 5,000,000 = 0.12 ≥ 0.10 → green
      { key: 'ebitdaMargin', value: '0.1200', judgement: 'green', explanation: 'EBITDA-Marge 12,0 % – hohe operative Ertragskraft.' },
      // 5,000,000 / 4,600,000 − 1 = 0.086956… → "0.0870" ≥ 0.05 → green
      { key: 'revenueGrowth', value: '0.0870', judgement: 'green', explanation: 'Umsatzwachstum 8,7 % – wachsender Umsatz.' },
    ]);
  });

  it('does not depend on the order of the statements', () => {
    expect(computeRatios([STATEMENT_2024, STATEMENT_2023], LOAN)).toEqual(analysis);
  });
});

describe('debt service of the requested loan', () => {
  it('amortises investment, real-estate, leasing, purchase and promotional loans and long working-capital loans', () => {
    for (const product of ['investment_loan', 'real_estate_loan', 'leasing', 'purchase_financing', 'promotional_loan'] as const) {
      expect(debtServiceKind(product, 60)).toBe('annuity');
    }
    expect(debtServiceKind('working_capital_loan', 24)).toBe('annuity');
    expect(debtServiceKind('working_capital_loan', 12)).toBe('interest_only');
    expect(debtServiceKind('factoring', 36)).toBe('interest_only');
    expect(debtServiceKind('mezzanine', 84)).toBe('interest_only');
  });

  it('counts interest only on revolving lines, factoring and mezzanine', () => {
    // 500,000 · 0.06 = 30,000 a year
    expect(annualDebtService({ amount: '500000', termMonths: 84, product: 'mezzanine' }, '0.06').toFixed(2)).toBe('30000.00');
    // 6-month line: 100,000 · 0.06 · 6 / 12 = 3,000
    expect(annualDebtService({ amount: '100000', termMonths: 6, product: 'working_capital_loan' }, '0.06').toFixed(2)).toBe('3000.00');
  });

  it('counts only the instalments within the first year of a short annuity loan', () => {
    // 0 %: 12,000 over 6 months = 2,000 a month, all six within the year
    expect(annualDebtService({ amount: '12000', termMonths: 6, product: 'investment_loan' }, '0').toFixed(2)).toBe('12000.00');
    // 0 %: 120,000 over 120 months = 1,000 a month, twelve of them in the first year
    expect(annualDebtService({ amount: '120000', termMonths: 120, product: 'investment_loan' }, '0').toFixed(2)).toBe('12000.00');
  });

  it('uses the given market rate', () => {
    // 8 %: i = 0.0066667, PMT(300,000, 60) = 6,082.918… → 12 · 6,082.918 = 72,995.02; 600,000 / (50,000 + 72,995.02) = 4.878 → "4.88"
    const ratios = computeRatios([STATEMENT_2024], LOAN, { marketRate: '0.08' });
    expect(ratios.loanDebtService).toBe('72995.02');
    expect(byKey(ratios.ratios, 'debtServiceCoverage').value).toBe('4.88');
  });
});

describe('zero denominators and negative figures', () => {
  it('negative EBITDA: debt/EBITDA red without a value, negative DSCR and margin red', () => {
    // equity 1,250,000 − 700,000 = 550,000 after losses; liabilities + 700,000 long-term keeps the balance
    const loss = statement({ ebitda: '-100000.00', ebit: '-300000.00', netIncome: '-400000.00', equity: '550000.00', liabilitiesLongTerm: '2450000.00' });
    const ratios = computeRatios([loss], LOAN).ratios;
    expect(byKey(ratios, 'debtToEbitda')).toEqual({
      key: 'debtToEbitda',
      value: null,
      judgement: 'red',
      explanation: 'Nettofremdkapital/EBITDA nicht berechenbar – das EBITDA ist nicht positiv, die Schulden können nicht aus dem operativen Ergebnis getilgt werden.',
    });
    // −100,000 / 118,764.18 = −0.842 → "-0.84"
    expect(byKey(ratios, 'debtServiceCoverage')).toMatchObject({ value: '-0.84', judgement: 'red' });
    expect(byKey(ratios, 'debtServiceCoverage').explanation).toBe('Kapitaldienstdeckung -0,84 – das negative EBITDA deckt keinen Kapitaldienst.');
    // −300,000 / 50,000 = −6
    expect(byKey(ratios, 'interestCoverage')).toMatchObject({ value: '-6.00', judgement: 'red' });
    // −100,000 / 5,000,000 = −0.02
    expect(byKey(ratios, 'ebitdaMargin')).toMatchObject({ value: '-0.0200', judgement: 'red', explanation: 'EBITDA-Marge -2,0 % – geringe operative Ertragskraft.' });
  });

  it('zero EBITDA is treated like negative EBITDA', () => {
    const ratios = computeRatios([statement({ ebitda: '0', ebit: '-100000' })], LOAN).ratios;
    expect(byKey(ratios, 'debtToEbitda')).toMatchObject({ value: null, judgement: 'red' });
    expect(byKey(ratios, 'debtServiceCoverage')).toMatchObject({ value: '0.00', judgement: 'red' });
  });

  it('net cash: debt/EBITDA negative and green', () => {
    // total assets 4,000,000 = equity 3,500,000 + 300,000 + 200,000; cash 1,000,000 > debt 500,000
    const rich = statement({ equity: '3500000.00', liabilitiesShortTerm: '300000.00', liabilitiesLongTerm: '200000.00', cash: '1000000.00', currentLiabilities: '300000.00' });
    // (500,000 − 1,000,000) / 600,000 = −0.8333 → "-0.83"
    expect(byKey(computeRatios([rich], LOAN).ratios, 'debtToEbitda')).toEqual({
      key: 'debtToEbitda',
      value: '-0.83',
      judgement: 'green',
      explanation: 'Nettofremdkapital/EBITDA -0,83 – die liquiden Mittel decken das gesamte Fremdkapital.',
    });
  });

  it('negative equity is explained as over-indebtedness', () => {
    const over = statement({ equity: '-200000.00', liabilitiesLongTerm: '3200000.00' });
    // −200,000 / 4,000,000 = −0.05
    expect(byKey(computeRatios([over], LOAN).ratios, 'equityRatio')).toEqual({
      key: 'equityRatio',
      value: '-0.0500',
      judgement: 'red',
      explanation: 'Eigenkapitalquote -5,0 % – negatives Eigenkapital (bilanzielle Überschuldung).',
    });
  });

  it('no interest expense: green without a value when EBIT is positive, red otherwise', () => {
    expect(byKey(computeRatios([statement({ interestExpense: '0' })], LOAN).ratios, 'interestCoverage')).toEqual({
      key: 'interestCoverage',
      value: null,
      judgement: 'green',
      explanation: 'Zinsdeckung: kein Zinsaufwand – es besteht keine Zinslast.',
    });
    expect(byKey(computeRatios([statement({ interestExpense: '0', ebit: '0' })], LOAN).ratios, 'interestCoverage')).toMatchObject({
      value: null,
      judgement: 'red',
    });
  });

  it('no current liabilities: green when there are current assets, unknown when neither', () => {
    expect(byKey(computeRatios([statement({ currentLiabilities: '0' })], LOAN).ratios, 'currentRatio')).toMatchObject({ value: null, judgement: 'green' });
    const none = statement({ currentLiabilities: '0', currentAssets: '0', cash: '0' });
    expect(byKey(computeRatios([none], LOAN).ratios, 'currentRatio')).toEqual({
      key: 'currentRatio',
      value: null,
      judgement: 'unknown',
      explanation: 'Liquidität 3. Grades nicht berechenbar – weder Umlaufvermögen noch kurzfristige Verbindlichkeiten.',
    });
  });

  it('no revenue: margin unknown; growth unknown when the previous year had none', () => {
    const ratios = computeRatios([statement({ fiscalYear: 2023, revenue: '0' }), statement({ revenue: '0' })], LOAN).ratios;
    expect(byKey(ratios, 'ebitdaMargin')).toMatchObject({ value: null, judgement: 'unknown' });
    expect(byKey(ratios, 'revenueGrowth')).toEqual({
      key: 'revenueGrowth',
      value: null,
      judgement: 'unknown',
      explanation: 'Umsatzwachstum nicht berechenbar – kein Umsatz im Geschäftsjahr 2023.',
    });
  });

  it('no debt service at all: DSCR unknown', () => {
    // factoring at 0 % costs nothing, and there is no interest expense
    const ratios = computeRatios([statement({ interestExpense: '0' })], { amount: '100000', termMonths: 12, product: 'factoring' }, { marketRate: '0' }).ratios;
    expect(byKey(ratios, 'debtServiceCoverage')).toMatchObject({ value: null, judgement: 'unknown' });
  });

  it('never produces NaN or Infinity', () => {
    const extreme = statement({ revenue: '0.01', ebitda: '0.01', ebit: '0.01', interestExpense: '0.01' });
    for (const ratio of computeRatios([extreme], LOAN).ratios) {
      if (ratio.value !== null) expect(ratio.value).toMatch(/^-?\d+\.\d+$/);
    }
  });
});

describe('revenue growth', () => {
  it('is unknown with one statement', () => {
    expect(byKey(computeRatios([STATEMENT_2024], LOAN).ratios, 'revenueGrowth')).toEqual({
      key: 'revenueGrowth',
      value: null,
      judgement: 'unknown',
      explanation: 'Umsatzwachstum nicht berechenbar – nur ein Geschäftsjahr vorhanden, der Vorjahresabschluss fehlt.',
    });
  });

  it('uses the latest earlier year and annualises over a gap', () => {
    // 2022 → 2024: (5,000,000 / 4,000,000)^(1/2) − 1 = 1.118034 − 1 = 0.1180 (11,8 % p. a.)
    const ratios = computeRatios([statement({ fiscalYear: 2020, revenue: '1' }), statement({ fiscalYear: 2022, revenue: '4000000' }), STATEMENT_2024], LOAN);
    expect(ratios.previousFiscalYear).toBe(2022);
    expect(byKey(ratios.ratios, 'revenueGrowth')).toEqual({
      key: 'revenueGrowth',
      value: '0.1180',
      judgement: 'green',
      explanation: 'Umsatzwachstum 11,8 % p. a. (2022–2024) – wachsender Umsatz.',
    });
  });

  it('falling revenue', () => {
    // 4,000,000 / 5,000,000 − 1 = −0.20 → red; 4,800,000 / 5,000,000 − 1 = −0.04 → amber
    const falling = computeRatios([statement({ fiscalYear: 2023 }), statement({ revenue: '4000000' })], LOAN).ratios;
    expect(byKey(falling, 'revenueGrowth')).toMatchObject({ value: '-0.2000', judgement: 'red', explanation: 'Umsatzwachstum -20,0 % – deutlich rückläufiger Umsatz.' });
    const flat = computeRatios([statement({ fiscalYear: 2023 }), statement({ revenue: '4800000' })], LOAN).ratios;
    expect(byKey(flat, 'revenueGrowth')).toMatchObject({ value: '-0.0400', judgement: 'amber' });
  });
});

describe('traffic-light boundaries (inclusive, on the reported value)', () => {
  it.each<[RatioKey, string, string]>([
    ['equityRatio', '0.3000', 'green'],
    ['equityRatio', '0.2999', 'amber'],
    ['equityRatio', '0.1500', 'amber'],
    ['equityRatio', '0.1499', 'red'],
    ['debtToEbitda', '2.50', 'green'],
    ['debtToEbitda', '2.51', 'amber'],
    ['debtToEbitda', '4.00', 'amber'],
    ['debtToEbitda', '4.01', 'red'],
    ['debtServiceCoverage', '1.50', 'green'],
    ['debtServiceCoverage', '1.49', 'amber'],
    ['debtServiceCoverage', '1.20', 'amber'],
    ['debtServiceCoverage', '1.19', 'red'],
    ['interestCoverage', '5.00', 'green'],
    ['interestCoverage', '4.99', 'amber'],
    ['interestCoverage', '2.00', 'amber'],
    ['interestCoverage', '1.99', 'red'],
    ['currentRatio', '1.50', 'green'],
    ['currentRatio', '1.49', 'amber'],
    ['currentRatio', '1.00', 'amber'],
    ['currentRatio', '0.99', 'red'],
    ['ebitdaMargin', '0.1000', 'green'],
    ['ebitdaMargin', '0.0999', 'amber'],
    ['ebitdaMargin', '0.0500', 'amber'],
    ['ebitdaMargin', '0.0499', 'red'],
    ['revenueGrowth', '0.0500', 'green'],
    ['revenueGrowth', '0.0499', 'amber'],
    ['revenueGrowth', '-0.0500', 'amber'],
    ['revenueGrowth', '-0.0501', 'red'],
  ])('%s %s → %s', (key, value, expected) => {
    expect(judge(key, value)).toBe(expected);
  });

  it('judges the rounded value from the statements', () => {
    // 1,199,980 / 4,000,000 = 0.299995 → "0.3000" → green (what the reader sees is what is judged)
    const nearly = statement({ equity: '1199980.00', liabilitiesLongTerm: '1800020.00' });
    expect(byKey(computeRatios([nearly], LOAN).ratios, 'equityRatio')).toMatchObject({ value: '0.3000', judgement: 'green' });
    // 1,199,799 / 4,000,000 = 0.29994975 → "0.2999" → amber, shown as "30,0 %"
    const below = statement({ equity: '1199799.00', liabilitiesLongTerm: '1800201.00' });
    expect(byKey(computeRatios([below], LOAN).ratios, 'equityRatio')).toEqual({
      key: 'equityRatio',
      value: '0.2999',
      judgement: 'amber',
      explanation: 'Eigenkapitalquote 30,0 % – ausreichende, aber ausbaufähige Kapitalausstattung.',
    });
    // current ratio exactly 1: 900,000 / 900,000 → amber; 899,999 / 900,000 = 0.999999 → "1.00" → amber
    expect(byKey(computeRatios([statement({ currentAssets: '900000.00' })], LOAN).ratios, 'currentRatio')).toMatchObject({ value: '1.00', judgement: 'amber' });
    expect(byKey(computeRatios([statement({ currentAssets: '899999.00' })], LOAN).ratios, 'currentRatio')).toMatchObject({ value: '1.00', judgement: 'amber' });
    // 890,000 / 900,000 = 0.9889 → "0.99" → red
    expect(byKey(computeRatios([statement({ currentAssets: '890000.00' })], LOAN).ratios, 'currentRatio')).toMatchObject({ value: '0.99', judgement: 'red' });
  });
});

describe('input validation', () => {
  it('throws ScoringError with the path of the bad field', () => {
    expect(() => computeRatios([], LOAN)).toThrow(ScoringError);
    try {
      computeRatios([STATEMENT_2023, statement({ cash: '9000000' })], LOAN);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScoringError);
      expect((error as ScoringError).field).toBe('statements[1].cash');
    }
    expect(() => computeRatios([STATEMENT_2024], { ...LOAN, termMonths: 0 })).toThrow(expect.objectContaining({ field: 'loan.termMonths' }));
    expect(() => computeRatios([STATEMENT_2024], LOAN, { marketRate: '5.5' })).toThrow(expect.objectContaining({ field: 'marketRate' }));
  });
});
