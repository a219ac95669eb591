import { describe, expect, it } from 'vitest';
import { compilePolicy } from './compile-policy.js';
import type { CreditPolicy } from './credit-policy.types.js';
import { evaluate } from './evaluate.js';
import { aLender, aSubject } from './matching.fixtures.js';
import type { LenderForMatching, MatchReason } from './matching.types.js';

function reasons(policy: CreditPolicy, subject: Parameters<typeof aSubject>[0] = {}, lender: Partial<LenderForMatching> = {}): MatchReason[] {
  return [...evaluate([compilePolicy(aLender(policy, lender))], aSubject(subject))[0].reasons];
}

function only(policy: CreditPolicy, subject: Parameters<typeof aSubject>[0] = {}, lender: Partial<LenderForMatching> = {}) {
  const r = reasons(policy, subject, lender);
  expect(r).toHaveLength(1);
  return r[0].message;
}

describe('reasons in German and English', () => {
  it('amount, with German number formatting', () => {
    expect(only({ amount: { max: '2000000.00' } }, { amount: '2500000.00' })).toEqual({
      de: 'Betrag 2.500.000,00 € über Maximum 2.000.000,00 €',
      en: 'Amount EUR 2,500,000.00 above maximum EUR 2,000,000.00',
    });
    expect(only({ amount: { min: '1234567.89' } }, { amount: '1234567.88' })).toEqual({
      de: 'Betrag 1.234.567,88 € unter Minimum 1.234.567,89 €',
      en: 'Amount EUR 1,234,567.88 below minimum EUR 1,234,567.89',
    });
  });

  it('products', () => {
    expect(only({ products: ['leasing', 'factoring'] })).toEqual({
      de: 'Produkt Investitionskredit wird nicht angeboten (angeboten: Leasing, Factoring)',
      en: 'Product investment loan is not offered (offered: leasing, factoring)',
    });
  });

  it('term', () => {
    expect(only({ termMonths: { max: 48 } })).toEqual({
      de: 'Laufzeit 60 Monate über Maximum 48 Monate',
      en: 'Term 60 months above maximum 48 months',
    });
    expect(only({ termMonths: { min: 61 } }, { termMonths: 1 })).toEqual({
      de: 'Laufzeit 1 Monat unter Minimum 61 Monate',
      en: 'Term 1 month below minimum 61 months',
    });
  });

  it('regions', () => {
    expect(only({ federalStates: ['HE', 'RP'] })).toEqual({
      de: 'Bundesland Bayern liegt außerhalb des Geschäftsgebiets (Hessen, Rheinland-Pfalz)',
      en: 'Federal state Bavaria is outside the business area (Hesse, Rhineland-Palatinate)',
    });
    expect(only({ postalCodePrefixes: ['80', '81'] }, { company: { postalCode: '01067', federalState: 'SN' } })).toEqual({
      de: 'PLZ 01067 liegt außerhalb des Geschäftsgebiets (PLZ-Bereiche 80, 81)',
      en: 'Postcode 01067 is outside the business area (postcode areas 80, 81)',
    });
    const many = only({ federalStates: ['BW', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI'] });
    expect(many.de).toBe(
      'Bundesland Bayern liegt außerhalb des Geschäftsgebiets (Baden-Württemberg, Berlin, Brandenburg, Bremen, Hamburg und 3 weitere)',
    );
    expect(many.en).toMatch(/Hamburg and 3 more\)$/);
  });

  it('industries: exclusion is named in preference to a missing inclusion', () => {
    expect(only({ industries: { include: ['C'], exclude: ['25.6'] } })).toEqual({
      de: 'Branche 25.62 ist ausgeschlossen (25.6)',
      en: 'Industry 25.62 is excluded (25.6)',
    });
    expect(only({ industries: { include: ['G', '10'] } })).toEqual({
      de: 'Branche 25.62 gehört nicht zu den finanzierten Branchen (G, 10)',
      en: 'Industry 25.62 is not among the financed industries (G, 10)',
    });
    expect(only({ industries: { exclude: ['12'] } }, { company: { industryCode: 'C' } })).toEqual({
      de: 'Branche C überschneidet sich mit ausgeschlossenen Branchen (12)',
      en: 'Industry C overlaps excluded industries (12)',
    });
  });

  it('legal form, age, revenue', () => {
    expect(only({ legalForms: ['GmbH', 'UG'] }, { company: { legalForm: 'freelancer' } })).toEqual({
      de: 'Rechtsform Freiberufler wird nicht akzeptiert (akzeptiert: GmbH, UG (haftungsbeschränkt))',
      en: 'Legal form freelancer is not accepted (accepted: GmbH, UG (limited liability))',
    });
    expect(only({ minYearsInBusiness: 2 }, { company: { foundedOn: '2023-06-01' } })).toEqual({
      de: 'Unternehmensalter 1 Jahr unter Minimum 2 Jahre',
      en: 'Company age 1 year below minimum 2 years',
    });
    expect(only({ minAnnualRevenue: '5000000' })).toEqual({
      de: 'Jahresumsatz 3.000.000,00 € unter Minimum 5.000.000,00 €',
      en: 'Annual revenue EUR 3,000,000.00 below minimum EUR 5,000,000.00',
    });
  });

  it('amount to revenue, as percentages that never contradict the verdict', () => {
    expect(only({ maxAmountToRevenue: '0.05' })).toEqual({
      de: 'Betrag entspricht 8,33 % des Jahresumsatzes, über Maximum 5,00 %',
      en: 'Amount is 8.33% of annual revenue, above maximum 5.00%',
    });
    // 1,500,000.01 / 3,000,000.00 = 50.0000003 % → shown above 50 %
    expect(only({ maxAmountToRevenue: '0.5' }, { amount: '1500000.01' }).de).toBe(
      'Betrag entspricht 50,0001 % des Jahresumsatzes, über Maximum 50,00 %',
    );
    expect(only({ maxAmountToRevenue: '0.0485' }).de).toBe('Betrag entspricht 8,33 % des Jahresumsatzes, über Maximum 4,85 %');
    expect(only({ maxAmountToRevenue: '0.5' }, { company: { annualRevenue: '0' } })).toEqual({
      de: 'Kein Jahresumsatz – Betrag kann höchstens 50,00 % des Jahresumsatzes betragen',
      en: 'No annual revenue – the amount may be at most 50.00% of annual revenue',
    });
  });

  it('rating and monthly volume', () => {
    expect(only({ worstRatingClass: 3 }, { ratingClass: 7 })).toEqual({
      de: 'Ratingklasse 7 schlechter als schlechteste akzeptierte Klasse 3',
      en: 'Rating class 7 worse than the worst accepted class 3',
    });
    expect(only({ monthlyVolumeCap: '400000' }, {}, { volumeUsedThisMonth: '180000.5' })).toEqual({
      de: 'Monatsvolumen ausgeschöpft: 180.000,50 € vergeben + 250.000,00 € angefragt über Obergrenze 400.000,00 €',
      en: 'Monthly volume cap reached: EUR 180,000.50 committed + EUR 250,000.00 requested above cap EUR 400,000.00',
    });
  });

  it('eligible lenders have no reasons', () => {
    expect(reasons({ amount: { max: '250000' } })).toEqual([]);
  });
});
