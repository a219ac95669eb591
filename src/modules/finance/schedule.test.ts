import { describe, expect, it } from 'vitest';
import { FinanceError } from './finance-error.js';
import { ScheduleSchema } from './finance.types.js';
import { buildSchedule } from './schedule.js';
import { scheduleWithEffectiveRate } from './schedule-with-effective-rate.js';

/** [principal, interest, payment, balance] per row */
const table = (schedule: ReturnType<typeof buildSchedule>) =>
  schedule.rows.map((r) => [r.principal, r.interest, r.payment, r.balance]);

describe('annuity schedule — golden figures', () => {
  // Apache Fineract, fineract-progressive-loan-embeddable-schedule-generator,
  // EmbeddableProgressiveLoanScheduleGeneratorTest.testGenerate: 100 USD, 7 % nominal, 6 monthly
  // repayments, 30/360, disbursed 2024-01-01, HALF_UP. Expected (principal, interest, total, balance)
  // rows and totals: interest 2.05, repayment 102.05.
  it('matches Fineract testGenerate (100 @ 7 %, 6 months)', () => {
    const s = buildSchedule({ amount: '100', nominalRate: '0.07', termMonths: 6, startDate: '2024-01-01' });
    expect(s.rows.map((r) => r.dueDate)).toEqual(['2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01']);
    expect(table(s)).toEqual([
      ['16.43', '0.58', '17.01', '83.57'],
      ['16.52', '0.49', '17.01', '67.05'],
      ['16.62', '0.39', '17.01', '50.43'],
      ['16.72', '0.29', '17.01', '33.71'],
      ['16.81', '0.20', '17.01', '16.90'],
      ['16.90', '0.10', '17.00', '0.00'],
    ]);
    expect(s.instalment).toBe('17.01');
    expect(s.totalInterest).toBe('2.05');
    expect(s.totalPaid).toBe('102.05');
  });

  // Apache Fineract, fineract-provider LoanScheduleGeneratorTest.testGenerateLoanScheduleWithDownPayment:
  // 100 disbursed 2024-01-01 with a 25 % down payment → 75.00 amortised at 9.99 % over 6 months, 30/360.
  it('matches Fineract testGenerateLoanScheduleWithDownPayment (75 @ 9.99 %, 6 months)', () => {
    const s = buildSchedule({ amount: '75', nominalRate: '0.0999', termMonths: 6, startDate: '2024-01-01' });
    expect(table(s)).toEqual([
      ['12.25', '0.62', '12.87', '62.75'],
      ['12.35', '0.52', '12.87', '50.40'],
      ['12.45', '0.42', '12.87', '37.95'],
      ['12.55', '0.32', '12.87', '25.40'],
      ['12.66', '0.21', '12.87', '12.74'],
      ['12.74', '0.11', '12.85', '0.00'],
    ]);
  });

  // numpy-financial tests/test_financial.py: ppmt(0.1/12, 1..4, 24, 2000) =
  // [-75.62318601, -76.25337923, -76.88882405, -77.52956425] and ipmt(0.1/12, 1..4, 24, 2000) =
  // [-16.66666667, -16.03647345, -15.40102862, -14.76028842] (unrounded; rows here are in cents).
  it('matches numpy-financial ipmt/ppmt rounded to cents (2000 @ 10 %, 24 months)', () => {
    const s = buildSchedule({ amount: '2000', nominalRate: '0.10', termMonths: 24, startDate: '2025-01-10' });
    expect(s.rows.slice(0, 4).map((r) => r.principal)).toEqual(['75.62', '76.25', '76.89', '77.53']);
    expect(s.rows.slice(0, 4).map((r) => r.interest)).toEqual(['16.67', '16.04', '15.40', '14.76']);
  });

  // numpy-financial: pmt(0.08/12, 60, 15000) = -304.145914, ppmt(0.08/12, 1, 60, 15000) = -204.145914
  // (ipmt = -100 exactly); ppmt(0.1/12, 1, 60, 55000) = -710.254126 with pmt -1168.587459.
  it('matches numpy-financial pmt/ppmt for the first row', () => {
    const a = buildSchedule({ amount: '15000', nominalRate: '0.08', termMonths: 60, startDate: '2025-01-10' });
    expect([a.instalment, a.rows[0].interest, a.rows[0].principal]).toEqual(['304.15', '100.00', '204.15']);
    const b = buildSchedule({ amount: '55000', nominalRate: '0.1', termMonths: 60, startDate: '2025-01-10' });
    // The rounded instalment minus the rounded interest: 1168.59 − 458.33 (ppmt 710.254126 unrounded).
    expect([b.instalment, b.rows[0].interest, b.rows[0].principal]).toEqual(['1168.59', '458.33', '710.26']);
  });

  // zinsen-berechnen.de "Kreditrechner für Ratenkredite als Annuitätendarlehen" (printout attached to
  // frappe/lending issue, files/12646832/Kreditrechner.pdf): 100,000.00 EUR, 9.990 % p.a., monthly in
  // arrears, 3 years → Rückzahlungsrate 3,226.25; first rows (interest / principal / balance)
  // 832.50 / 2,393.75 / 97,606.25 … 731.19 / 2,495.06 / 85,335.25; effektiver Jahreszins 10.460 %.
  // (Its total interest, 16,144.97, differs from ours, 16,145.00: that calculator carries unrounded
  // interest internally — its row 7 balance is 82,819.41 where 85,335.25 − 2,515.83 = 82,819.42 —
  // while this module rounds every row's interest to cents as specified.)
  it('matches the zinsen-berechnen.de Kreditrechner example (100,000 @ 9.99 %, 36 months)', () => {
    const s = scheduleWithEffectiveRate({ amount: '100000.00', nominalRate: '0.0999', termMonths: 36, startDate: '2023-08-01' });
    expect(s.instalment).toBe('3226.25');
    expect(s.rows.slice(0, 6).map((r) => [r.interest, r.principal, r.balance])).toEqual([
      ['832.50', '2393.75', '97606.25'],
      ['812.57', '2413.68', '95192.57'],
      ['792.48', '2433.77', '92758.80'],
      ['772.22', '2454.03', '90304.77'],
      ['751.79', '2474.46', '87830.31'],
      ['731.19', '2495.06', '85335.25'],
    ]);
    expect(s.rows[6].interest).toBe('710.42');
    expect(s.rows[6].principal).toBe('2515.83');
    expect(s.effectiveAnnualRate.slice(0, 5)).toBe('0.104'); // 10.460 %
    expect(Math.round(Number(s.effectiveAnnualRate) * 1e5) / 1e3).toBe(10.46);
    expect(s.totalInterest).toBe('16145.00');
  });
});

describe('schedule conventions', () => {
  // Cross-checked with an independent Python decimal implementation of the same conventions.
  it('annuity with grace: interest only, then the annuity over the remaining months', () => {
    const s = buildSchedule({ amount: '10000', nominalRate: '0.06', termMonths: 12, graceMonths: 3, startDate: '2025-01-15' });
    expect(table(s).slice(0, 5)).toEqual([
      ['0.00', '50.00', '50.00', '10000.00'],
      ['0.00', '50.00', '50.00', '10000.00'],
      ['0.00', '50.00', '50.00', '10000.00'],
      ['1089.07', '50.00', '1139.07', '8910.93'],
      ['1094.52', '44.55', '1139.07', '7816.41'],
    ]);
    expect(table(s)[11]).toEqual(['1133.43', '5.67', '1139.10', '0.00']);
    expect(s.instalment).toBe('1139.07');
    expect(s.totalInterest).toBe('401.66');
  });

  it('linear: constant principal, falling payments; instalment = first full payment after grace', () => {
    // Closed form: total interest = P · i · (n + 1) / 2 = 12,000 · 0.005 · 6.5 = 390.
    const s = buildSchedule({ amount: '12000', nominalRate: '0.06', termMonths: 12, amortization: 'linear', startDate: '2025-01-15' });
    expect(s.rows.map((r) => r.principal)).toEqual(Array(12).fill('1000.00'));
    expect(s.rows.map((r) => r.interest)).toEqual(['60.00', '55.00', '50.00', '45.00', '40.00', '35.00', '30.00', '25.00', '20.00', '15.00', '10.00', '5.00']);
    expect(s.totalInterest).toBe('390.00');
    expect(s.instalment).toBe('1060.00');

    const g = buildSchedule({ amount: '10000', nominalRate: '0.05', termMonths: 7, amortization: 'linear', graceMonths: 2, startDate: '2025-01-15' });
    expect(table(g)).toEqual([
      ['0.00', '41.67', '41.67', '10000.00'],
      ['0.00', '41.67', '41.67', '10000.00'],
      ['2000.00', '41.67', '2041.67', '8000.00'],
      ['2000.00', '33.33', '2033.33', '6000.00'],
      ['2000.00', '25.00', '2025.00', '4000.00'],
      ['2000.00', '16.67', '2016.67', '2000.00'],
      ['2000.00', '8.33', '2008.33', '0.00'],
    ]);
    expect(g.instalment).toBe('2041.67');
  });

  it('bullet: interest only, principal with the last row; instalment = the monthly interest', () => {
    const s = buildSchedule({ amount: '10000', nominalRate: '0.06', termMonths: 12, amortization: 'bullet', startDate: '2025-01-15' });
    expect(s.rows.slice(0, 11).every((r) => r.interest === '50.00' && r.principal === '0.00' && r.payment === '50.00')).toBe(true);
    expect(table(s)[11]).toEqual(['10000.00', '50.00', '10050.00', '0.00']);
    expect(s.instalment).toBe('50.00');
    expect(s.totalInterest).toBe('600.00');
  });

  it('act/365: interest for the actual days of each period, annuity from the nominal monthly rate', () => {
    // 7.3 % / 365 = 0.02 % a day: 31 days on 10,000.00 → 62.00.
    const s = buildSchedule({ amount: '10000', nominalRate: '0.073', termMonths: 3, dayCount: 'act/365', startDate: '2025-01-15' });
    expect(table(s)).toEqual([
      ['3311.97', '62.00', '3373.97', '6688.03'],
      ['3336.52', '37.45', '3373.97', '3351.51'],
      ['3351.51', '20.78', '3372.29', '0.00'],
    ]);
    const eom = buildSchedule({ amount: '5000', nominalRate: '0.08', termMonths: 4, dayCount: 'act/365', startDate: '2024-01-31' });
    expect(eom.rows.map((r) => [r.dueDate, r.interest])).toEqual([
      ['2024-02-29', '31.78'],
      ['2024-03-31', '25.55'],
      ['2024-04-30', '16.54'],
      ['2024-05-31', '8.57'],
    ]);
  });

  it('fees: financed into the principal, first_instalment onto row 1, upfront off the drawdown', () => {
    const s = buildSchedule({
      amount: '10000',
      nominalRate: '0.06',
      termMonths: 12,
      startDate: '2025-01-15',
      fees: [
        { type: 'arrangement', amount: '100', when: 'upfront' },
        { type: 'account', amount: '25', when: 'first_instalment' },
        { type: 'insurance', amount: '200', when: 'financed' },
      ],
    });
    expect(s.financedAmount).toBe('10200.00');
    expect(s.disbursedAmount).toBe('9900.00');
    expect(s.rows[0]).toEqual({ number: 1, dueDate: '2025-02-15', interest: '51.00', principal: '826.88', fees: '25.00', payment: '902.88', balance: '9373.12' });
    expect(s.rows[1].fees).toBe('0.00');
    expect(s.instalment).toBe('877.88');
    expect(s.totalInterest).toBe('334.53');
    expect(s.totalFees).toBe('325.00');
    expect(s.totalCost).toBe('659.53');
    expect(s.totalPaid).toBe('10659.53');
  });

  it('rate 0: instalment = amount / n, the last row takes the remainder', () => {
    const s = buildSchedule({ amount: '1000', nominalRate: '0', termMonths: 3, startDate: '2025-01-15' });
    expect(table(s)).toEqual([
      ['333.33', '0.00', '333.33', '666.67'],
      ['333.33', '0.00', '333.33', '333.34'],
      ['333.34', '0.00', '333.34', '0.00'],
    ]);
    expect(s.totalInterest).toBe('0.00');
    expect(scheduleWithEffectiveRate({ amount: '1000', nominalRate: '0', termMonths: 3, startDate: '2025-01-15' }).effectiveAnnualRate).toBe('0.000000');
  });

  it('anchors due dates to the start day (31 Jan → 29 Feb → 31 Mar → 30 Apr)', () => {
    const s = buildSchedule({ amount: '4000', nominalRate: '0.05', termMonths: 4, startDate: '2024-01-31' });
    expect(s.rows.map((r) => r.dueDate)).toEqual(['2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31']);
  });

  it('single-month loans and one amortising month after grace', () => {
    const one = buildSchedule({ amount: '1200', nominalRate: '0.12', termMonths: 1, startDate: '2025-06-30' });
    expect(table(one)).toEqual([['1200.00', '12.00', '1212.00', '0.00']]);
    expect(one.instalment).toBe('1212.00');
    const lastOnly = buildSchedule({ amount: '1200', nominalRate: '0.12', termMonths: 3, graceMonths: 2, amortization: 'linear', startDate: '2025-06-30' });
    expect(table(lastOnly)[2]).toEqual(['1200.00', '12.00', '1212.00', '0.00']);
    expect(lastOnly.instalment).toBe('1212.00');
  });

  it('defaults: annuity, 30/360, no grace, no fees, start today in Europe/Berlin', () => {
    const s = buildSchedule({ amount: '1000', nominalRate: '0.05', termMonths: 2 }, { today: '2025-05-20' });
    expect([s.amortization, s.dayCount, s.graceMonths, s.startDate, s.rows[0].dueDate]).toEqual(['annuity', '30/360', 0, '2025-05-20', '2025-06-20']);
    expect(ScheduleSchema.safeParse(s).success).toBe(true);
    expect(buildSchedule({ amount: '1000', nominalRate: '0.05', termMonths: 2 }).startDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('tiny amounts over long terms never repay more than the balance', () => {
    const s = buildSchedule({ amount: '2.00', nominalRate: '0', termMonths: 360, amortization: 'linear', startDate: '2025-01-01' });
    expect(s.rows.every((r) => !r.balance.startsWith('-') && !r.principal.startsWith('-'))).toBe(true);
    expect(s.rows[359].balance).toBe('0.00');
    expect(s.rows.reduce((sum, r) => sum + Math.round(Number(r.principal) * 100), 0)).toBe(200);
  });

  it('rejects invalid input with a FinanceError naming the field', () => {
    const attempt = (input: unknown) => {
      try {
        buildSchedule(input as never);
      } catch (error) {
        expect(error).toBeInstanceOf(FinanceError);
        return [(error as FinanceError).code, (error as FinanceError).field];
      }
      return undefined;
    };
    expect(attempt({ amount: '1000', nominalRate: '0.05', termMonths: 12, graceMonths: 12 })).toEqual(['invalid_input', 'graceMonths']);
    expect(attempt({ amount: '0', nominalRate: '0.05', termMonths: 12 })).toEqual(['invalid_input', 'amount']);
    expect(attempt({ amount: '1000', nominalRate: '1.5', termMonths: 12 })).toEqual(['invalid_input', 'nominalRate']);
    expect(attempt({ amount: '1000', nominalRate: '0.05', termMonths: 361 })).toEqual(['invalid_input', 'termMonths']);
    expect(attempt({ amount: '1000', nominalRate: '0.05', termMonths: 12, startDate: '2025-02-30' })).toEqual(['invalid_input', 'startDate']);
    expect(attempt({ amount: '1000', nominalRate: '0.05', termMonths: 12, fees: [{ type: 'x', amount: '-1', when: 'upfront' }] })).toEqual(['invalid_input', 'fees[0].amount']);
    expect(attempt({ amount: '1000', nominalRate: '0.05', termMonths: 12, extra: 1 })).toEqual(['invalid_input', 'extra']);
    expect(attempt({ amount: '1000', nominalRate: '0.05', termMonths: 12, fees: [{ type: 'x', amount: '1', when: 'upfront', note: 'y' }] })).toEqual(['invalid_input', 'fees[0].note']);
    expect(attempt({ amount: '1000', nominalRate: '0.05', termMonths: 12, fees: [{ type: 'x', amount: '1000', when: 'upfront' }] })).toEqual(['invalid_input', 'fees']);
    expect(attempt({ amount: '1000.001', nominalRate: '0.05', termMonths: 12 })).toEqual(['invalid_input', 'amount']);
  });
});
