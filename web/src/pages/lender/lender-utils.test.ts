import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../format';
import { addDays, berlinToday, IdempotencyKeys, newIdempotencyKey, signaturesOf, toGermanAmountInput, type Contract } from './lender-utils';

describe('lender portal helpers', () => {
  it('formats API amounts for German inputs, and they parse back exactly', () => {
    expect(toGermanAmountInput('300000.00')).toBe('300.000,00');
    expect(toGermanAmountInput('1234567.5')).toBe('1.234.567,50');
    expect(toGermanAmountInput('999')).toBe('999,00');
    for (const a of ['300000.00', '1234567.50', '999.00', '50000000.00']) expect(parseAmount(toGermanAmountInput(a))).toBe(a);
  });

  it('computes Berlin business dates', () => {
    expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(berlinToday(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
  });

  it('reuses the Idempotency-Key for a retried identical submission only', () => {
    let n = 0;
    const keys = new IdempotencyKeys(() => `k${++n}`);
    const body = { amount: '300000.00', nominalRate: '0.0425' };
    expect(keys.keyFor(body)).toBe('k1');
    expect(keys.keyFor({ ...body })).toBe('k1');
    expect(keys.keyFor({ ...body, nominalRate: '0.043' })).toBe('k2');
    keys.done();
    expect(keys.keyFor({ ...body, nominalRate: '0.043' })).toBe('k3');
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('offers the countersignature only when the borrower has signed and the lender has not', () => {
    const sig = (party: 'borrower' | 'lender') => ({ party, signerName: 'X', signedAt: '2026-01-01T10:00:00Z', method: 'm', pdfSha256: 'h' });
    const c = { status: 'awaiting_signatures', signatures: [] } as unknown as Contract;
    expect(signaturesOf(c).canCountersign).toBe(false);
    expect(signaturesOf({ ...c, signatures: [sig('borrower')] }).canCountersign).toBe(true);
    expect(signaturesOf({ ...c, signatures: [sig('borrower'), sig('lender')] }).canCountersign).toBe(false);
    expect(signaturesOf({ ...c, status: 'cancelled', signatures: [sig('borrower')] }).canCountersign).toBe(false);
  });
});
