/**
 * Turns a `MatchSubject` into the integers the compiled policies compare against, once per request:
 * bit positions for product / legal form / state, cents for money, the postcode as a number, the
 * industry code as an interval and the full years in business. Invalid input throws
 * `InvalidMatchSubjectError` — the requests module validates first, so this is a programming error.
 */
import { isMoneyString, parseCents } from './cents.js';
import { wzInterval } from './industry-codes.js';
import { FEDERAL_STATES, LEGAL_FORMS, PRODUCTS, type MatchSubject } from './matching.types.js';
import { fullYearsBetween, parseIsoDate } from './years-in-business.js';

export const PRODUCT_BIT: ReadonlyMap<string, number> = new Map(PRODUCTS.map((p, i) => [p, 1 << i]));
export const LEGAL_FORM_BIT: ReadonlyMap<string, number> = new Map(LEGAL_FORMS.map((f, i) => [f, 1 << i]));
export const FEDERAL_STATE_BIT: ReadonlyMap<string, number> = new Map(FEDERAL_STATES.map((s, i) => [s, 1 << i]));

export class InvalidMatchSubjectError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`invalid match subject (${field}): ${message}`);
    this.name = 'InvalidMatchSubjectError';
  }
}

export class PreparedSubject {
  constructor(
    readonly source: MatchSubject,
    readonly productBit: number,
    readonly amountCents: number,
    readonly termMonths: number,
    readonly stateBit: number,
    readonly postcode: number,
    readonly industryLo: number,
    readonly industryHi: number,
    readonly legalFormBit: number,
    readonly yearsInBusiness: number,
    readonly revenueCents: number,
    /** The rating class, or 0 when not rated yet — 0 passes every `worstRatingClass`. */
    readonly ratingForCheck: number,
    readonly ratingPending: boolean,
  ) {}
}

function bitOf(map: ReadonlyMap<string, number>, value: string, field: string): number {
  const bit = map.get(value);
  if (bit === undefined) throw new InvalidMatchSubjectError(field, `unknown value ${JSON.stringify(value)}`);
  return bit;
}

function cents(value: string, field: string): number {
  if (typeof value !== 'string' || !isMoneyString(value)) {
    throw new InvalidMatchSubjectError(field, `expected a decimal EUR string with at most two decimals, got ${JSON.stringify(value)}`);
  }
  return parseCents(value);
}

export function prepareSubject(subject: MatchSubject): PreparedSubject {
  const { company } = subject;
  if (!Number.isInteger(subject.termMonths) || subject.termMonths < 1) {
    throw new InvalidMatchSubjectError('termMonths', 'expected a positive whole number of months');
  }
  if (!/^\d{5}$/.test(company.postalCode)) {
    throw new InvalidMatchSubjectError('company.postalCode', 'expected five digits');
  }
  const industry = wzInterval(company.industryCode);
  if (industry === null) {
    throw new InvalidMatchSubjectError('company.industryCode', `not a WZ 2008 code: ${JSON.stringify(company.industryCode)}`);
  }
  const submittedOn = parseIsoDate(subject.submittedOn);
  if (submittedOn === null) throw new InvalidMatchSubjectError('submittedOn', 'expected a real YYYY-MM-DD date');
  const foundedOn = parseIsoDate(company.foundedOn);
  if (foundedOn === null) throw new InvalidMatchSubjectError('company.foundedOn', 'expected a real YYYY-MM-DD date');
  const years = fullYearsBetween(foundedOn, submittedOn);
  if (years < 0) throw new InvalidMatchSubjectError('company.foundedOn', 'lies after submittedOn');
  const rating = subject.ratingClass;
  if (rating !== null && !(Number.isInteger(rating) && rating >= 1 && rating <= 10)) {
    throw new InvalidMatchSubjectError('ratingClass', 'expected null or a whole number from 1 to 10');
  }
  return new PreparedSubject(
    subject,
    bitOf(PRODUCT_BIT, subject.product, 'product'),
    cents(subject.amount, 'amount'),
    subject.termMonths,
    bitOf(FEDERAL_STATE_BIT, company.federalState, 'company.federalState'),
    Number(company.postalCode),
    industry.lo,
    industry.hi,
    bitOf(LEGAL_FORM_BIT, company.legalForm, 'company.legalForm'),
    years,
    cents(company.annualRevenue, 'company.annualRevenue'),
    rating ?? 0,
    rating === null,
  );
}
