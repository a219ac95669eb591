import { describe, expect, it } from 'vitest';
import { validateNeed } from './need-validation';
import { reachableSteps } from './steps';

describe('financing need step', () => {
  const ok = { product: 'investment_loan', amount: '300.000,00', termMonths: '60', purpose: 'Neue CNC-Fräsmaschine' };

  it('turns German input into the values the API takes', () => {
    expect(validateNeed(ok)).toEqual({ values: { product: 'investment_loan', amount: '300000.00', termMonths: 60, purpose: 'Neue CNC-Fräsmaschine' } });
  });

  it('names every field that is wrong, with the bounds the server applies', () => {
    expect(validateNeed({ product: '', amount: '9.999,99', termMonths: '361', purpose: 'ab' })).toEqual({
      errors: { product: 'required', amount: 'amountRange', termMonths: 'termRange', purpose: 'purposeShort' },
    });
    expect(validateNeed({ ...ok, amount: 'zwölf' })).toEqual({ errors: { amount: 'amountFormat' } });
    expect(validateNeed({ ...ok, amount: '50.000.000,01' })).toEqual({ errors: { amount: 'amountRange' } });
    expect(validateNeed({ ...ok, termMonths: '12,5' })).toEqual({ errors: { termMonths: 'termRange' } });
    expect(validateNeed({ ...ok, amount: ' ' })).toEqual({ errors: { amount: 'required' } });
  });
});

describe('wizard steps', () => {
  it('opens documents and review only once the draft is saved', () => {
    expect(reachableSteps({ companyId: null, requestId: null })).toEqual(['company']);
    expect(reachableSteps({ companyId: 'c', requestId: null })).not.toContain('documents');
    expect(reachableSteps({ companyId: 'c', requestId: 'r' })).toContain('review');
  });
});
