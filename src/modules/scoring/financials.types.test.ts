import { describe, expect, it } from 'vitest';
import { ZFinancialStatementSchema, ZFinancialStatementsSchema, ZLoanRequestSchema } from './financials.types.js';
import { STATEMENT_2023, STATEMENT_2024, statement } from './scoring.fixtures.js';

function issues(value: unknown): { path: string; message: string }[] {
  const result = ZFinancialStatementSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

describe('ZFinancialStatementSchema', () => {
  it('accepts a consistent statement', () => {
    expect(issues(STATEMENT_2024)).toEqual([]);
  });

  it('accepts negative results and negative equity, rejects negative figures elsewhere', () => {
    // equity −100,000 → liabilities must add up to 4,100,000
    const loss = statement({ ebitda: '-10000.00', ebit: '-50000', netIncome: '-80000.5', equity: '-100000.00', liabilitiesLongTerm: '3100000.00' });
    expect(issues(loss)).toEqual([]);
    expect(issues(statement({ revenue: '-1.00' })).map((i) => i.path)).toEqual(['revenue']);
    expect(issues(statement({ interestExpense: '-0.01' })).map((i) => i.path)).toEqual(['interestExpense']);
    expect(issues(statement({ totalAssets: '0', equity: '0', liabilitiesShortTerm: '0', liabilitiesLongTerm: '0', cash: '0', currentAssets: '0', currentLiabilities: '0' }))).toEqual([
      { path: 'totalAssets', message: 'must be greater than 0' },
    ]);
  });

  it('checks the money format', () => {
    expect(issues(statement({ revenue: '1e6' })).map((i) => i.path)).toEqual(['revenue']);
    expect(issues(statement({ revenue: '1.005' })).map((i) => i.path)).toEqual(['revenue']);
    expect(issues(statement({ revenue: '12345678901234' })).map((i) => i.path)).toEqual(['revenue']); // 14 digits
    expect(issues(statement({ revenue: '1234567890123.99' }))).toEqual([]); // 13 digits
    expect(issues({ ...STATEMENT_2024, revenue: 5000000 }).map((i) => i.path)).toEqual(['revenue']);
  });

  it('checks the fiscal year and rejects unknown keys', () => {
    expect(issues(statement({ fiscalYear: 1989 })).map((i) => i.path)).toEqual(['fiscalYear']);
    expect(issues(statement({ fiscalYear: 2100 }))).toEqual([]);
    expect(issues(statement({ fiscalYear: 2024.5 })).map((i) => i.path)).toEqual(['fiscalYear']);
    expect(issues({ ...STATEMENT_2024, ebt: '1.00' }).map((i) => i.path)).toEqual(['']);
  });

  it('checks current assets ≤ total assets, cash ≤ current assets, current ≤ short-term liabilities', () => {
    expect(issues(statement({ currentAssets: '4000000.01' })).map((i) => i.path)).toEqual(['currentAssets']);
    expect(issues(statement({ currentAssets: '4000000.00' }))).toEqual([]);
    expect(issues(statement({ cash: '1800000.01' })).map((i) => i.path)).toEqual(['cash']);
    expect(issues(statement({ cash: '1800000.00' }))).toEqual([]);
    expect(issues(statement({ currentLiabilities: '1000000.01' })).map((i) => i.path)).toEqual(['currentLiabilities']);
  });

  it('checks the balance within max(EUR 1, 0.1 % of total assets)', () => {
    // total assets 4,000,000 → tolerance 4,000: passiva 4,004,000 passes, 4,004,000.01 fails
    expect(issues(statement({ equity: '1254000.00' }))).toEqual([]);
    expect(issues(statement({ equity: '1246000.00' }))).toEqual([]);
    const off = issues(statement({ equity: '1254000.01' }));
    expect(off.map((i) => i.path)).toEqual(['totalAssets']);
    expect(off[0].message).toContain('4004000.01');
    // small balance sheet: total 500 → tolerance max(1.00, 0.50) = 1.00
    const small = {
      ...STATEMENT_2024,
      totalAssets: '500.00',
      equity: '201.00',
      liabilitiesShortTerm: '100.00',
      liabilitiesLongTerm: '200.00',
      cash: '10.00',
      currentAssets: '300.00',
      currentLiabilities: '100.00',
    };
    expect(issues(small)).toEqual([]);
    expect(issues({ ...small, equity: '201.01' }).map((i) => i.path)).toEqual(['totalAssets']);
  });
});

describe('ZFinancialStatementsSchema', () => {
  it('needs one to ten statements with distinct fiscal years', () => {
    expect(ZFinancialStatementsSchema.safeParse([STATEMENT_2023, STATEMENT_2024]).success).toBe(true);
    expect(ZFinancialStatementsSchema.safeParse([]).success).toBe(false);
    const duplicate = ZFinancialStatementsSchema.safeParse([STATEMENT_2024, STATEMENT_2023, STATEMENT_2024]);
    expect(duplicate.success).toBe(false);
    if (!duplicate.success) expect(duplicate.error.issues[0].path).toEqual([2, 'fiscalYear']);
  });
});

describe('ZLoanRequestSchema', () => {
  it('accepts the products of the requests module and positive amounts', () => {
    expect(ZLoanRequestSchema.safeParse({ amount: '300000.00', termMonths: 60, product: 'leasing' }).success).toBe(true);
    expect(ZLoanRequestSchema.safeParse({ amount: '0', termMonths: 60, product: 'leasing' }).success).toBe(false);
    expect(ZLoanRequestSchema.safeParse({ amount: '1000', termMonths: 0, product: 'leasing' }).success).toBe(false);
    expect(ZLoanRequestSchema.safeParse({ amount: '1000', termMonths: 12, product: 'overdraft' }).success).toBe(false);
  });
});
