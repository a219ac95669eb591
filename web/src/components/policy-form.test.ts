import { describe, expect, it } from 'vitest';
import i18n from '../i18n';
import { formatEur } from '../format';
import { amountInput, fieldOf, fromPolicy, percentInput, relocalize, summarize, toPolicy, type CreditPolicy } from './policy-form';

const POLICY: CreditPolicy = {
  products: ['working_capital_loan', 'investment_loan'],
  amount: { min: '25000.00', max: '2000000.00' },
  termMonths: { min: 12, max: 120 },
  federalStates: ['BY'],
  postalCodePrefixes: ['80', '81'],
  industries: { include: ['C', '47.11'], exclude: ['K', '64'] },
  legalForms: ['GmbH', 'GmbH & Co. KG', 'freelancer'],
  minYearsInBusiness: 2,
  minAnnualRevenue: '500000.00',
  maxAmountToRevenue: '0.5',
  worstRatingClass: 6,
  monthlyVolumeCap: '5000000.00',
};

describe('policy form values', () => {
  it('show amounts, percent and lists the German way', () => {
    const v = fromPolicy(POLICY, 'de');
    expect(v.amountMin).toBe('25.000,00');
    expect(v.amountMax).toBe('2.000.000,00');
    expect(v.maxAmountToRevenue).toBe('50');
    expect(v.postalCodePrefixes).toBe('80, 81');
    expect(v.industriesExclude).toBe('K, 64');
    expect(v.statesMode).toBe('only');
    expect(v.worstRatingClass).toBe('6');
  });

  it('give back the same policy, in the policy’s own key order', () => {
    for (const lang of ['de', 'en'] as const) {
      const { policy, errors } = toPolicy(fromPolicy(POLICY, lang), lang);
      expect(errors).toEqual({});
      expect(policy).toEqual(POLICY);
      expect(Object.keys(policy)).toEqual(Object.keys(POLICY));
    }
  });

  it('leave out every criterion whose field is empty or set to "all"', () => {
    const v = fromPolicy({}, 'de');
    expect(toPolicy(v, 'de')).toEqual({ policy: {}, errors: {} });
    const nationwide = fromPolicy({ federalStates: null, products: ['leasing'] }, 'de');
    expect(nationwide.statesMode).toBe('all');
    expect(toPolicy({ ...nationwide, productsMode: 'all' }, 'de').policy).toEqual({});
  });

  it('read what a credit officer types: "250.000", "37,5" %, lower-case WZ sections, spaces and semicolons', () => {
    const v = { ...fromPolicy({}, 'de'), amountMax: '250.000', maxAmountToRevenue: '37,5', industriesExclude: 'k; 64 ', postalCodePrefixes: '80 81' };
    expect(toPolicy(v, 'de').policy).toEqual({
      amount: { max: '250000.00' },
      postalCodePrefixes: ['80', '81'],
      industries: { exclude: ['K', '64'] },
      maxAmountToRevenue: '0.375',
    });
    expect(toPolicy({ ...v, amountMax: '250,000' }, 'en').policy.amount).toEqual({ max: '250000.00' });
  });

  it('report bad input at the policy path it belongs to', () => {
    const v = {
      ...fromPolicy({}, 'de'),
      amountMin: '300.000',
      amountMax: '250.000',
      termMin: '0',
      termMax: 'zwölf',
      statesMode: 'only' as const,
      postalCodePrefixes: '80, 8x',
      industriesInclude: 'C, 10.1.1.1',
      maxAmountToRevenue: '0',
      minYearsInBusiness: '2,5',
    };
    const { errors } = toPolicy(v, 'de');
    expect(errors).toEqual({
      'amount.max': { key: 'minMax' },
      'termMonths.min': { key: 'integer', values: { min: 1, max: 600 } },
      'termMonths.max': { key: 'integer', values: { min: 1, max: 600 } },
      federalStates: { key: 'atLeastOne' },
      postalCodePrefixes: { key: 'postcode', values: { value: '8x' } },
      'industries.include': { key: 'wz', values: { value: '10.1.1.1' } },
      maxAmountToRevenue: { key: 'percent' },
      minYearsInBusiness: { key: 'integer', values: { min: 0, max: 200 } },
    });
    expect(toPolicy({ ...fromPolicy({}, 'de'), amountMax: '12,345' }, 'de').errors).toEqual({ 'amount.max': { key: 'amount' } });
  });

  it('keep criteria the form does not know, and odd values to be reported rather than dropped', () => {
    const odd = { ...POLICY, amount: { max: 'viel' }, futureCriterion: { x: 1 } } as unknown as CreditPolicy;
    const v = fromPolicy(odd, 'de');
    expect(v.amountMax).toBe('viel');
    const { policy, errors } = toPolicy(v, 'de');
    expect((policy as Record<string, unknown>).futureCriterion).toEqual({ x: 1 });
    expect(errors['amount.max']).toEqual({ key: 'amount' });
  });

  it('retype amounts and percent when the language changes', () => {
    const de = { ...fromPolicy(POLICY, 'de'), maxAmountToRevenue: '12,5', amountMin: 'quatsch' };
    const en = relocalize(de, 'de', 'en');
    expect(en.amountMax).toBe('2,000,000.00');
    expect(en.maxAmountToRevenue).toBe('12.5');
    expect(en.amountMin).toBe('quatsch');
    expect(amountInput('9999999999999.99', 'de')).toBe('9.999.999.999.999,99');
    expect(percentInput('0.125', 'de')).toBe('12,5');
    expect(percentInput('1.5', 'en')).toBe('150');
  });

  it('place server errors at their field', () => {
    expect(fieldOf('amount.max')).toEqual({ field: 'amount.max' });
    expect(fieldOf('industries.include.0')).toEqual({ field: 'industries.include', index: 0 });
    expect(fieldOf('postalCodePrefixes.2')).toEqual({ field: 'postalCodePrefixes', index: 2 });
    expect(fieldOf('body')).toBeNull();
  });
});

describe('policy summary', () => {
  it('reads as German sentences', async () => {
    await i18n.changeLanguage('de');
    const rows = Object.fromEntries(
      summarize(POLICY, i18n.t.bind(i18n) as never, 'de', formatEur).map(([k, v]) => [k, v.replace(/[\u00a0\u202f]/g, ' ')]),
    );
    expect(rows).toMatchObject({
      Produkte: 'Betriebsmittelkredit, Investitionskredit',
      Betrag: '25.000,00 € – 2.000.000,00 €',
      Laufzeit: '12 – 120 Monate',
      Bundesländer: 'Bayern',
      'Branchen ausgeschlossen': 'K, 64',
      Rechtsformen: 'GmbH, GmbH & Co. KG, Freiberufler',
      'Betrag höchstens': '50 % des Jahresumsatzes',
      'Unternehmensalter mindestens': '2 Jahre',
    });
    const open = Object.fromEntries(summarize({ amount: { min: '25000.00' } }, i18n.t.bind(i18n) as never, 'de', formatEur));
    expect(open.Produkte).toBe('alle');
    expect(open.Bundesländer).toBe('bundesweit');
    expect(open.Betrag.replace(/\u00a0/g, ' ')).toBe('ab 25.000,00 €');
  });
});
