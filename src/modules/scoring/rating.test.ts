import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FinancialStatement } from './financials.types.js';
import {
  CLASS_CUTOFFS,
  INCOMPLETE_DATA_CLASS,
  PD_MASTER_SCALE,
  SCORECARD,
  classOfScore,
  rateCompany,
  rateRatios,
  subScore,
} from './rating.js';
import { RATIO_KEYS, RATIO_THRESHOLDS, type RatioResult } from './ratios.js';
import { LOAN, STATEMENT_2023, STATEMENT_2024, statement } from './scoring.fixtures.js';

describe('master scale and cut-offs', () => {
  it('has ten classes with strictly increasing PDs, class 10 at 20 %', () => {
    expect(PD_MASTER_SCALE.map((e) => e.ratingClass)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const pds = PD_MASTER_SCALE.map((e) => Number(e.probabilityOfDefault));
    for (let i = 1; i < pds.length; i++) expect(pds[i]).toBeGreaterThan(pds[i - 1]);
    expect(PD_MASTER_SCALE[0].probabilityOfDefault).toBe('0.0003');
    expect(PD_MASTER_SCALE[9].probabilityOfDefault).toBe('0.2000');
  });

  it('maps scores to classes at inclusive cut-offs', () => {
    expect(classOfScore(100)).toBe(1);
    expect(classOfScore(90)).toBe(1);
    expect(classOfScore(89.999)).toBe(2);
    expect(classOfScore(66)).toBe(4);
    expect(classOfScore(40)).toBe(7);
    expect(classOfScore(20)).toBe(9);
    expect(classOfScore(19.999)).toBe(10);
    expect(classOfScore(0)).toBe(10);
    expect(CLASS_CUTOFFS).toHaveLength(9);
  });

  it('has weights adding up to 100 and anchors at the traffic-light thresholds', () => {
    expect(RATIO_KEYS.reduce((sum, key) => sum + SCORECARD[key].weight, 0)).toBe(100);
    for (const key of RATIO_KEYS) {
      expect(subScore(key, Number(RATIO_THRESHOLDS[key].amber))).toBeCloseTo(0.4, 12);
      expect(subScore(key, Number(RATIO_THRESHOLDS[key].green))).toBeCloseTo(0.7, 12);
    }
  });

  it('rates a company at all green thresholds in class 4 and at all amber thresholds in class 7', () => {
    const at = (level: 'green' | 'amber'): RatioResult[] =>
      RATIO_KEYS.map((key) => ({ key, value: RATIO_THRESHOLDS[key][level], judgement: level, explanation: '' }));
    // 100 · 0.7 = 70 → class 4 (≥ 66); 100 · 0.4 = 40 → class 7 (≥ 40)
    expect(rateRatios({ ratios: at('green'), negativeEquity: false, nonPositiveEbitda: false })).toMatchObject({ ratingClass: 4, score: 70 });
    expect(rateRatios({ ratios: at('amber'), negativeEquity: false, nonPositiveEbitda: false })).toMatchObject({ ratingClass: 7, score: 40 });
  });
});

describe('rateCompany — golden example (scoring.fixtures.ts)', () => {
  const rating = rateCompany([STATEMENT_2023, STATEMENT_2024], LOAN);

  it('scores the ratios and maps the score to class 3', () => {
    // equity ratio 0.3125:   0.7 + (0.0125 / 0.20) · 0.3 = 0.71875   × 20 = 14.375
    // debt/EBITDA 4.08:      0.4 − (0.08 / 3) · 0.4     = 0.389333  × 20 =  7.786667
    // DSCR 5.05 ≥ 3:         1                                        × 20 = 20
    // interest cover 8.00:   0.7 + (3 / 7) · 0.3        = 0.828571  × 10 =  8.285714
    // current ratio 2.00:    0.7 + (0.5 / 1) · 0.3      = 0.85      × 10 =  8.5
    // EBITDA margin 0.12:    0.7 + (0.02 / 0.10) · 0.3  = 0.76      × 12 =  9.12
    // growth 0.0870:         0.7 + (0.037 / 0.10) · 0.3 = 0.811     ×  8 =  6.488
    // sum 74.555381 → 74.56 ≥ 74 → class 3 → PD 0.16 %
    expect(rating.score).toBe(74.56);
    expect(rating.ratingClass).toBe(3);
    expect(rating.probabilityOfDefault).toBe('0.0016');
    expect(rating.fiscalYear).toBe(2024);
    expect(rating.loanDebtService).toBe('68764.18');
    expect(rating.missing).toEqual([]);
    expect(rating.ratios).toHaveLength(7);
  });

  it('names the four largest contributions against the neutral point 0.55 as drivers', () => {
    // weight × (sub-score − 0.55): DSCR +9.0, equity +3.375, debt/EBITDA −3.213, current ratio +3.0,
    // (interest cover +2.786, margin +2.52, growth +2.088 are smaller)
    expect(rating.drivers).toEqual([
      {
        key: 'debtServiceCoverage',
        direction: 'positive',
        text: 'Stärkt das Rating: Kapitaldienstdeckung 5,05 – der Kapitaldienst einschließlich der beantragten Finanzierung ist gut gedeckt.',
      },
      { key: 'equityRatio', direction: 'positive', text: 'Stärkt das Rating: Eigenkapitalquote 31,3 % – solide Kapitalausstattung.' },
      {
        key: 'debtToEbitda',
        direction: 'negative',
        text: 'Belastet das Rating: Nettofremdkapital/EBITDA 4,08 – hohe Verschuldung im Verhältnis zum operativen Ergebnis.',
      },
      {
        key: 'currentRatio',
        direction: 'positive',
        text: 'Stärkt das Rating: Liquidität 3. Grades 2,00 – die kurzfristigen Verbindlichkeiten sind gut durch Umlaufvermögen gedeckt.',
      },
    ]);
  });
});

describe('missing data', () => {
  it('one statement: growth missing, scored at its amber threshold, named in a driver', () => {
    const rating = rateCompany([STATEMENT_2024], LOAN);
    // as the golden example with growth at 0.4 × 8 = 3.2 instead of 6.488: 74.555381 − 3.288 = 71.267381 → class 4
    expect(rating.score).toBe(71.27);
    expect(rating.ratingClass).toBe(4);
    expect(rating.missing).toEqual(['revenueGrowth']);
    expect(rating.drivers[0]).toEqual({
      key: 'missingData',
      direction: 'negative',
      text: 'Nicht berechenbar und vorsichtig als grenzwertig bewertet: Umsatzwachstum (Vorjahresabschluss fehlt).',
    });
  });

  it('half the weight missing: at least the conservative default class', () => {
    // no revenue (margin 12), no current assets/liabilities (10), no debt service (20), one year (8) = 50
    const sparse = statement({ revenue: '0', interestExpense: '0', currentAssets: '0', cash: '0', currentLiabilities: '0' });
    const rating = rateCompany([sparse], { amount: '100000', termMonths: 12, product: 'factoring' }, { marketRate: '0' });
    expect(rating.missing).toEqual(['debtServiceCoverage', 'currentRatio', 'ebitdaMargin', 'revenueGrowth']);
    expect(rating.ratingClass).toBe(INCOMPLETE_DATA_CLASS);
    expect(rating.drivers[0].key).toBe('missingData');
    expect(rating.drivers[0].text).toMatch(/^Zu viele Kennzahlen fehlen/);
  });

  it('no statement at all: class 8 with every ratio unknown', () => {
    const rating = rateCompany([], LOAN);
    expect(rating.ratingClass).toBe(8);
    expect(rating.probabilityOfDefault).toBe('0.0500');
    expect(rating.fiscalYear).toBeNull();
    expect(rating.missing[0]).toBe('statements');
    expect(rating.ratios.every((r) => r.judgement === 'unknown' && r.value === null)).toBe(true);
    expect(rating.drivers).toEqual([
      {
        key: 'missingData',
        direction: 'negative',
        text: 'Kein Jahresabschluss vorhanden – vorsichtige Einstufung in Ratingklasse 8 bis Unterlagen vorliegen.',
      },
    ]);
    expect(() => rateCompany([], { ...LOAN, amount: '0' })).toThrow(expect.objectContaining({ field: 'loan.amount' }));
  });
});

describe('knock-out overrides', () => {
  it('negative equity puts even otherwise good figures at class 8 or worse', () => {
    const over = statement({ equity: '-40000.00', liabilitiesLongTerm: '3040000.00', cash: '1000000.00' });
    const rating = rateCompany([STATEMENT_2023, over], LOAN);
    expect(rating.ratingClass).toBeGreaterThanOrEqual(8);
    expect(rating.drivers[0]).toEqual({
      key: 'negativeEquity',
      direction: 'negative',
      text: 'Negatives Eigenkapital (bilanzielle Überschuldung) – Ratingklasse mindestens 8.',
    });
  });

  it('non-positive EBITDA: class 7 or worse', () => {
    const rating = rateCompany([statement({ ebitda: '0', ebit: '-50000' })], LOAN);
    expect(rating.ratingClass).toBeGreaterThanOrEqual(7);
    expect(rating.drivers.map((d) => d.key)).toContain('nonPositiveEbitda');
  });
});

describe('monotonicity (property tests)', () => {
  const percentRatio = (key: 'ebitdaMargin' | 'revenueGrowth') => fc.integer({ min: -5000, max: 5000 }).map((n) => ({ key, value: (n / 10000).toFixed(4) }));
  const multiple = (key: 'debtToEbitda' | 'debtServiceCoverage' | 'interestCoverage' | 'currentRatio') =>
    fc.oneof(
      fc.integer({ min: -500, max: 2000 }).map((n) => ({ key, value: (n / 100).toFixed(2) as string | null, judgement: undefined as RatioResult['judgement'] | undefined })),
      fc.constantFrom<RatioResult['judgement']>('green', 'red', 'unknown').map((judgement) => ({ key, value: null as string | null, judgement })),
    );

  it('the class never worsens when only the equity ratio improves (scorecard)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -5000, max: 10000 }),
        fc.integer({ min: -5000, max: 10000 }),
        multiple('debtToEbitda'),
        multiple('debtServiceCoverage'),
        multiple('interestCoverage'),
        multiple('currentRatio'),
        percentRatio('ebitdaMargin'),
        fc.option(percentRatio('revenueGrowth')),
        fc.boolean(),
        (a, b, ...rest) => {
          const [debt, dscr, cover, current, margin, growth, nonPositiveEbitda] = rest;
          const others: RatioResult[] = [debt, dscr, cover, current, margin, growth ?? { key: 'revenueGrowth' as const, value: null }]
            .map((r) => {
              const judgement = 'judgement' in r && r.judgement ? r.judgement : r.value === null ? 'unknown' : 'amber';
              return { key: r.key, value: r.value, judgement, explanation: '' };
            });
          const rate = (equityUnits: number) =>
            rateRatios({
              ratios: [{ key: 'equityRatio', value: (equityUnits / 10000).toFixed(4), judgement: 'amber', explanation: '' }, ...others],
              negativeEquity: equityUnits < 0,
              nonPositiveEbitda,
            }).ratingClass;
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(rate(high)).toBeLessThanOrEqual(rate(low));
        },
      ),
      { numRuns: 500 },
    );
  });

  /** A consistent statement from shares of the balance sheet total (whole euros). */
  const statementArbitrary = fc
    .record({
      total: fc.integer({ min: 100_000, max: 50_000_000 }),
      equityShare: fc.integer({ min: -300, max: 1000 }), // per mille of the total
      shortShare: fc.integer({ min: 0, max: 1000 }), // per mille of the debt capital
      currentAssetShare: fc.integer({ min: 0, max: 1000 }),
      cashShare: fc.integer({ min: 0, max: 1000 }),
      currentLiabilityShare: fc.integer({ min: 0, max: 1000 }),
      revenue: fc.integer({ min: 0, max: 100_000_000 }),
      ebitda: fc.integer({ min: -2_000_000, max: 10_000_000 }),
      interest: fc.integer({ min: 0, max: 1_000_000 }),
      previousRevenue: fc.option(fc.integer({ min: 0, max: 100_000_000 })),
    })
    .map((r) => {
      const equity = Math.round((r.total * r.equityShare) / 1000);
      const debt = r.total - equity;
      const shortTerm = Math.round((debt * r.shortShare) / 1000);
      const currentAssets = Math.round((r.total * r.currentAssetShare) / 1000);
      const s: FinancialStatement = {
        fiscalYear: 2024,
        revenue: String(r.revenue),
        ebitda: String(r.ebitda),
        ebit: String(r.ebitda - Math.abs(Math.round(r.ebitda / 3))),
        interestExpense: String(r.interest),
        netIncome: String(r.ebitda - r.interest),
        totalAssets: String(r.total),
        equity: String(equity),
        liabilitiesShortTerm: String(shortTerm),
        liabilitiesLongTerm: String(debt - shortTerm),
        cash: String(Math.round((currentAssets * r.cashShare) / 1000)),
        currentAssets: String(currentAssets),
        currentLiabilities: String(Math.round((shortTerm * r.currentLiabilityShare) / 1000)),
      };
      const previous = r.previousRevenue === null ? [] : [{ ...s, fiscalYear: 2023, revenue: String(r.previousRevenue) }];
      return { s, previous };
    });

  it('moving long-term debt into equity never worsens the class (statements)', () => {
    fc.assert(
      fc.property(statementArbitrary, fc.integer({ min: 0, max: 1000 }), fc.constantFrom(...(['investment_loan', 'mezzanine', 'working_capital_loan'] as const)), ({ s, previous }, shiftShare, product) => {
        const longTerm = Number(s.liabilitiesLongTerm);
        const shift = Math.round((longTerm * shiftShare) / 1000);
        const better = { ...s, equity: String(Number(s.equity) + shift), liabilitiesLongTerm: String(longTerm - shift) };
        const loan = { amount: '250000.00', termMonths: 48, product };
        const before = rateCompany([...previous, s], loan);
        const after = rateCompany([...previous, better], loan);
        expect(after.ratingClass).toBeLessThanOrEqual(before.ratingClass);
        expect(after.score).toBeGreaterThanOrEqual(before.score);
      }),
      { numRuns: 300 },
    );
  });
});
