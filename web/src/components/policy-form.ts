/**
 * A lender's credit policy ↔ the values of the policy form (what a credit officer types), and the policy as a
 * readable summary. Pure: the language is passed in, so the same input reads the same in tests and on a
 * language switch. The policy's shape and limits: src/modules/matching/credit-policy.types.ts.
 */
import type { components } from '../api/schema';
import { parseEnglishAmount, parseGermanAmount, parsePercent } from '../format';
import { FEDERAL_STATES, LEGAL_FORMS, POLICY_CRITERIA, PRODUCTS } from '../vocabulary';

export type CreditPolicy = components['schemas']['CreditPolicyVersion']['policy'];
export type Lang = 'de' | 'en';

/** The criteria the form shows (every one of the policy); any other key of a policy is kept untouched in `extra`. */
export const FORM_KEYS = POLICY_CRITERIA;

export const TERM_LIMITS = { min: 1, max: 600 } as const;
export const YEARS_LIMITS = { min: 0, max: 200 } as const;
export const RATING_CLASSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** 'all' = no restriction (key omitted); 'only' = the ticked entries. */
export type ChoiceMode = 'all' | 'only';

export interface PolicyFormValues {
  productsMode: ChoiceMode;
  products: string[];
  amountMin: string;
  amountMax: string;
  termMin: string;
  termMax: string;
  statesMode: ChoiceMode;
  federalStates: string[];
  postalCodePrefixes: string;
  industriesInclude: string;
  industriesExclude: string;
  legalFormsMode: ChoiceMode;
  legalForms: string[];
  minYearsInBusiness: string;
  minAnnualRevenue: string;
  maxAmountToRevenue: string;
  worstRatingClass: string;
  monthlyVolumeCap: string;
  /** Criteria the form does not know, kept as they are. */
  extra: Record<string, unknown>;
}

/** An input problem found before sending: an i18n key under `lenders.form.errors` with its values. */
export interface FormError {
  key: 'amount' | 'integer' | 'percent' | 'postcode' | 'wz' | 'atLeastOne' | 'minMax' | 'rating';
  values?: Record<string, string | number>;
}

const DECIMAL = /^\d+(\.\d{1,2})?$/;
const RATIO = /^(?:0|[1-9]\d{0,3})(?:\.\d{1,6})?$/;
const WZ = /^(?:[A-U]|\d{2}(?:\.\d(?:\d(?:\.\d)?)?)?)$/;

const marks = (lang: Lang) => (lang === 'en' ? { group: ',', decimal: '.' } : { group: '.', decimal: ',' });

/** "250000.00" → "250.000,00" (German) or "250,000.00" (English); anything else stays as it is. */
export function amountInput(value: string | undefined, lang: Lang): string {
  if (value === undefined) return '';
  if (!DECIMAL.test(value)) return String(value);
  const { group, decimal } = marks(lang);
  const [int, frac = ''] = value.split('.');
  return `${BigInt(int).toString().replace(/\B(?=(\d{3})+(?!\d))/g, group)}${decimal}${frac.padEnd(2, '0')}`;
}

/** An amount typed in `lang` → the API's decimal string, or null (the rules of format.ts's parseAmount). */
export function parseAmountIn(input: string, lang: Lang): string | null {
  return lang === 'en' ? parseEnglishAmount(input) : parseGermanAmount(input);
}

/** "0.5" → "50", "0.125" → "12,5" (German) — exact, by shifting digits. Anything else stays as it is. */
export function percentInput(ratio: string | undefined, lang: Lang): string {
  if (ratio === undefined) return '';
  if (!RATIO.test(ratio)) return String(ratio);
  const [int, frac = ''] = ratio.split('.');
  const padded = frac.padEnd(2, '0');
  const whole = `${int}${padded.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = padded.slice(2).replace(/0+$/, '');
  return rest ? `${whole}${marks(lang).decimal}${rest}` : whole;
}

/** "80, 81 ;85" → ["80", "81", "85"]. */
export function splitList(input: string): string[] {
  return input
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function ordered(selected: string[], order: readonly string[]): string[] {
  // Known entries in the vocabulary's order, unknown ones (say, from the JSON view) kept after them.
  return [...order.filter((x) => selected.includes(x)), ...selected.filter((x) => !order.includes(x))];
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));

/** A stored policy → the form's values. */
export function fromPolicy(policy: CreditPolicy | Record<string, unknown>, lang: Lang): PolicyFormValues {
  const p = policy as Record<string, unknown> & CreditPolicy;
  const extra = Object.fromEntries(Object.entries(p).filter(([k]) => !(FORM_KEYS as readonly string[]).includes(k)));
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return {
    productsMode: Array.isArray(p.products) ? 'only' : 'all',
    products: list(p.products),
    amountMin: amountInput(p.amount?.min, lang),
    amountMax: amountInput(p.amount?.max, lang),
    termMin: text(p.termMonths?.min),
    termMax: text(p.termMonths?.max),
    statesMode: Array.isArray(p.federalStates) ? 'only' : 'all',
    federalStates: list(p.federalStates),
    postalCodePrefixes: list(p.postalCodePrefixes).join(', '),
    industriesInclude: list(p.industries?.include).join(', '),
    industriesExclude: list(p.industries?.exclude).join(', '),
    legalFormsMode: Array.isArray(p.legalForms) ? 'only' : 'all',
    legalForms: list(p.legalForms),
    minYearsInBusiness: text(p.minYearsInBusiness),
    minAnnualRevenue: amountInput(p.minAnnualRevenue, lang),
    maxAmountToRevenue: percentInput(p.maxAmountToRevenue, lang),
    worstRatingClass: text(p.worstRatingClass),
    monthlyVolumeCap: amountInput(p.monthlyVolumeCap, lang),
    extra,
  };
}

const cents = (decimal: string) => BigInt(decimal.replace('.', ''));

/**
 * The form's values → the policy to send, and the input problems by policy path (`amount.max`, …). An empty
 * field means no restriction: its key is left out.
 */
export function toPolicy(v: PolicyFormValues, lang: Lang): { policy: CreditPolicy; errors: Record<string, FormError> } {
  const errors: Record<string, FormError> = {};
  const out: Record<string, unknown> = { ...v.extra };

  const money = (input: string, path: string): string | undefined => {
    if (!input.trim()) return undefined;
    const parsed = parseAmountIn(input, lang);
    if (parsed === null || !/^(?:0|[1-9]\d{0,12})\.\d{2}$/.test(parsed)) errors[path] = { key: 'amount' };
    return parsed ?? undefined;
  };
  const integer = (input: string, path: string, limits: { min: number; max: number }): number | undefined => {
    const s = input.trim();
    if (!s) return undefined;
    const n = /^\d{1,4}$/.test(s) ? Number(s) : NaN;
    if (!(n >= limits.min && n <= limits.max)) errors[path] = { key: 'integer', values: limits };
    return Number.isNaN(n) ? undefined : n;
  };
  const choice = (mode: ChoiceMode, selected: string[], order: readonly string[], path: string) => {
    if (mode === 'all') return undefined;
    if (selected.length === 0) errors[path] = { key: 'atLeastOne' };
    return ordered(selected, order);
  };

  const products = choice(v.productsMode, v.products, PRODUCTS, 'products');
  if (products?.length) out.products = products;

  const amountMin = money(v.amountMin, 'amount.min');
  const amountMax = money(v.amountMax, 'amount.max');
  if (amountMin !== undefined || amountMax !== undefined) {
    out.amount = { ...(amountMin !== undefined && { min: amountMin }), ...(amountMax !== undefined && { max: amountMax }) };
    if (!errors['amount.min'] && !errors['amount.max'] && amountMin && amountMax && cents(amountMin) > cents(amountMax)) {
      errors['amount.max'] = { key: 'minMax' };
    }
  }

  const termMin = integer(v.termMin, 'termMonths.min', TERM_LIMITS);
  const termMax = integer(v.termMax, 'termMonths.max', TERM_LIMITS);
  if (termMin !== undefined || termMax !== undefined) {
    out.termMonths = { ...(termMin !== undefined && { min: termMin }), ...(termMax !== undefined && { max: termMax }) };
    if (!errors['termMonths.min'] && !errors['termMonths.max'] && termMin !== undefined && termMax !== undefined && termMin > termMax) {
      errors['termMonths.max'] = { key: 'minMax' };
    }
  }

  const states = choice(v.statesMode, v.federalStates, FEDERAL_STATES, 'federalStates');
  if (states?.length) out.federalStates = states;

  const prefixes = splitList(v.postalCodePrefixes);
  const badPrefix = prefixes.find((p) => !/^\d{1,5}$/.test(p));
  if (badPrefix) errors.postalCodePrefixes = { key: 'postcode', values: { value: badPrefix } };
  if (prefixes.length) out.postalCodePrefixes = prefixes;

  const include = splitList(v.industriesInclude.toUpperCase());
  const exclude = splitList(v.industriesExclude.toUpperCase());
  const badInclude = include.find((c) => !WZ.test(c));
  const badExclude = exclude.find((c) => !WZ.test(c));
  if (badInclude) errors['industries.include'] = { key: 'wz', values: { value: badInclude } };
  if (badExclude) errors['industries.exclude'] = { key: 'wz', values: { value: badExclude } };
  if (include.length || exclude.length) {
    out.industries = { ...(include.length && { include }), ...(exclude.length && { exclude }) };
  }

  const legalForms = choice(v.legalFormsMode, v.legalForms, LEGAL_FORMS, 'legalForms');
  if (legalForms?.length) out.legalForms = legalForms;

  const years = integer(v.minYearsInBusiness, 'minYearsInBusiness', YEARS_LIMITS);
  if (years !== undefined) out.minYearsInBusiness = years;

  const revenue = money(v.minAnnualRevenue, 'minAnnualRevenue');
  if (revenue !== undefined) out.minAnnualRevenue = revenue;

  if (v.maxAmountToRevenue.trim()) {
    const ratio = parsePercent(v.maxAmountToRevenue);
    if (ratio === null || !RATIO.test(ratio) || !/[1-9]/.test(ratio)) errors.maxAmountToRevenue = { key: 'percent' };
    else out.maxAmountToRevenue = ratio;
  }

  if (v.worstRatingClass.trim()) {
    const n = Number(v.worstRatingClass);
    if (!(RATING_CLASSES as readonly number[]).includes(n)) errors.worstRatingClass = { key: 'rating' };
    else out.worstRatingClass = n;
  }

  const cap = money(v.monthlyVolumeCap, 'monthlyVolumeCap');
  if (cap !== undefined) out.monthlyVolumeCap = cap;

  // The policy's own key order, unknown keys last.
  const policy = Object.fromEntries([
    ...FORM_KEYS.filter((k) => k in out).map((k) => [k, out[k]]),
    ...Object.entries(out).filter(([k]) => !(FORM_KEYS as readonly string[]).includes(k)),
  ]) as CreditPolicy;
  return { policy, errors };
}

/** The money fields retyped for another language ("250.000,00" → "250,000.00"); what does not parse stays. */
export function relocalize(v: PolicyFormValues, from: Lang, to: Lang): PolicyFormValues {
  if (from === to) return v;
  const money = (s: string) => {
    const parsed = s.trim() ? parseAmountIn(s, from) : null;
    return parsed === null ? s : amountInput(parsed, to);
  };
  const percent = (s: string) => {
    const ratio = s.trim() ? parsePercent(s) : null;
    return ratio === null || !RATIO.test(ratio) ? s : percentInput(ratio, to);
  };
  return {
    ...v,
    amountMin: money(v.amountMin),
    amountMax: money(v.amountMax),
    minAnnualRevenue: money(v.minAnnualRevenue),
    monthlyVolumeCap: money(v.monthlyVolumeCap),
    maxAmountToRevenue: percent(v.maxAmountToRevenue),
  };
}

/**
 * The form field a server error belongs to: the longest known field path that is the error's path or a
 * prefix of it (`industries.include.0` → `industries.include`), or null.
 */
export const FIELD_PATHS = [
  'products',
  'amount.min',
  'amount.max',
  'termMonths.min',
  'termMonths.max',
  'federalStates',
  'postalCodePrefixes',
  'industries.include',
  'industries.exclude',
  'legalForms',
  'minYearsInBusiness',
  'minAnnualRevenue',
  'maxAmountToRevenue',
  'worstRatingClass',
  'monthlyVolumeCap',
] as const;
export type FieldPath = (typeof FIELD_PATHS)[number];

export function fieldOf(path: string): { field: FieldPath; index?: number } | null {
  for (const field of FIELD_PATHS) {
    if (path === field) return { field };
    if (path.startsWith(`${field}.`)) {
      const rest = path.slice(field.length + 1);
      return /^\d+$/.test(rest) ? { field, index: Number(rest) } : { field };
    }
  }
  return null;
}

/** Text function the summary needs (react-i18next's `t` fits). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The policy as label/text pairs in plain language, for people who read it rather than edit it. Every
 * criterion the form knows appears, "no restriction" included; unknown criteria follow as JSON.
 */
export function summarize(policy: CreditPolicy, t: Translate, lang: Lang, eur: (amount: string) => string): [string, string][] {
  const p = policy as CreditPolicy & Record<string, unknown>;
  const s = (key: string, options?: Record<string, unknown>) => t(`lenders.summary.${key}`, options);
  const money = (v: string) => (DECIMAL.test(v) ? eur(v) : v);
  const range = (min: string | undefined, max: string | undefined, show: (v: string) => string) =>
    min !== undefined && max !== undefined
      ? `${show(min)} – ${show(max)}`
      : min !== undefined
        ? s('from', { value: show(min) })
        : max !== undefined
          ? s('upTo', { value: show(max) })
          : s('noLimit');
  const names = (list: readonly string[] | null | undefined, prefix: string) =>
    list?.length ? list.map((x) => t(`${prefix}.${x}`, { defaultValue: x })).join(', ') : null;
  const legalForm = (x: string) => (x === 'freelancer' ? t('legalForms.freelancer') : x);
  const months = (v: string) => s('months', { count: Number(v) });

  const rows: [string, string][] = [
    [s('products'), names(p.products, 'products') ?? s('all')],
    [s('amount'), range(p.amount?.min, p.amount?.max, money)],
    [
      s('term'),
      p.termMonths?.min !== undefined && p.termMonths.max !== undefined
        ? s('monthsRange', { min: p.termMonths.min, max: p.termMonths.max })
        : range(text(p.termMonths?.min) || undefined, text(p.termMonths?.max) || undefined, months),
    ],
    [s('federalStates'), names(p.federalStates, 'lender.federalStates') ?? s('nationwide')],
    [s('postalCodes'), p.postalCodePrefixes?.length ? p.postalCodePrefixes.map((x) => `${x}…`).join(', ') : s('anywhere')],
    [s('industriesIncluded'), p.industries?.include?.length ? p.industries.include.join(', ') : s('all')],
    [s('industriesExcluded'), p.industries?.exclude?.length ? p.industries.exclude.join(', ') : s('none')],
    [s('legalForms'), p.legalForms?.length ? p.legalForms.map(legalForm).join(', ') : s('all')],
    [s('minYearsInBusiness'), p.minYearsInBusiness !== undefined ? s('years', { count: p.minYearsInBusiness }) : s('noLimit')],
    [s('minAnnualRevenue'), p.minAnnualRevenue !== undefined ? money(p.minAnnualRevenue) : s('noLimit')],
    [
      s('maxAmountToRevenue'),
      p.maxAmountToRevenue !== undefined ? s('percentOfRevenue', { value: percentInput(p.maxAmountToRevenue, lang) }) : s('noLimit'),
    ],
    [s('worstRatingClass'), p.worstRatingClass !== undefined ? s('ratingClass', { value: p.worstRatingClass }) : s('noLimit')],
    [s('monthlyVolumeCap'), p.monthlyVolumeCap !== undefined ? money(p.monthlyVolumeCap) : s('noLimit')],
  ];
  for (const [key, value] of Object.entries(p)) {
    if (!(FORM_KEYS as readonly string[]).includes(key)) rows.push([key, JSON.stringify(value)]);
  }
  return rows;
}
