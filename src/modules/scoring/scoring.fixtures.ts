/**
 * Test fixtures: a sound example company ("Beispiel Maschinenbau GmbH", figures invented) and a
 * builder that keeps the balance sheet consistent.
 */
import type { FinancialStatement, LoanRequest } from './financials.types.js';

/** Fiscal year 2024: revenue 5.0 m, EBITDA 0.6 m, total assets 4.0 m, equity 1.25 m. */
export const STATEMENT_2024: FinancialStatement = {
  fiscalYear: 2024,
  revenue: '5000000.00',
  ebitda: '600000.00',
  ebit: '400000.00',
  interestExpense: '50000.00',
  netIncome: '250000.00',
  totalAssets: '4000000.00',
  equity: '1250000.00',
  liabilitiesShortTerm: '1000000.00',
  liabilitiesLongTerm: '1750000.00',
  cash: '300000.00',
  currentAssets: '1800000.00',
  currentLiabilities: '900000.00',
};

/** Fiscal year 2023: as 2024 with revenue 4.6 m. */
export const STATEMENT_2023: FinancialStatement = { ...STATEMENT_2024, fiscalYear: 2023, revenue: '4600000.00' };

/** EUR 300,000 investment loan over 60 months. */
export const LOAN: LoanRequest = { amount: '300000.00', termMonths: 60, product: 'investment_loan' };

/** STATEMENT_2024 with the given figures replaced. */
export function statement(overrides: Partial<FinancialStatement>): FinancialStatement {
  return { ...STATEMENT_2024, ...overrides };
}
