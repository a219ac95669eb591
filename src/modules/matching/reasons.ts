/**
 * Human sentences, German and English, for every failed criterion — what an advisor reads when asking
 * "why does this lender not match?". Only called for results whose reasons are actually read.
 */
import type { CompiledPolicy } from './compile-policy.js';
import { formatCount, formatEur, formatPercent, type Language } from './format.js';
import { FEDERAL_STATE_LABELS, LEGAL_FORM_LABELS, PRODUCT_LABELS } from './labels.js';
import { industryCodesOverlap, industryCodeWithin } from './industry-codes.js';
import { CRITERIA, type Criterion, type FederalState, type LocalizedText, type MatchNote, type MatchReason } from './matching.types.js';
import type { PreparedSubject } from './prepare-subject.js';

const LISTED = 6;

function list(items: readonly string[], language: Language): string {
  if (items.length <= LISTED) return items.join(', ');
  const more = items.length - (LISTED - 1);
  const head = items.slice(0, LISTED - 1).join(', ');
  return language === 'de' ? `${head} und ${more} weitere` : `${head} and ${more} more`;
}

function both(build: (language: Language) => string): LocalizedText {
  return { de: build('de'), en: build('en') };
}

/** Percent × 10^4 of numerator/scale, exact (scale is a power of ten ≤ 10^6). */
function ratioPercentTimes10000(numerator: number, scale: number): bigint {
  return (BigInt(numerator) * 1_000_000n) / BigInt(scale);
}

/**
 * amount / revenue as percent × 10^4, for display: rounded half-up to hundredths of a percent, unless
 * that would print a value not above the maximum (50,004 % → "50,00 %" against 50 %); then it is
 * rounded up at four decimals ("50,0040 %" → "50,004 %"), so the sentence never contradicts itself.
 */
function actualPercentTimes10000(amountCents: number, revenueCents: number, maxTimes10000: bigint): bigint {
  const a = BigInt(amountCents);
  const r = BigInt(revenueCents);
  const hundredths = (a * 20_000n + r) / (2n * r); // round half-up of a·10^4 / r
  if (hundredths * 100n > maxTimes10000) return hundredths * 100n;
  return (a * 1_000_000n + r - 1n) / r; // ceiling at 10^-4 percent
}

type Explain = (c: CompiledPolicy, s: PreparedSubject) => LocalizedText;

const EXPLAIN: Record<Criterion, Explain> = {
  products: (c, s) => {
    const product = PRODUCT_LABELS[s.source.product];
    const offered = (c.policy.products ?? []).map((p) => PRODUCT_LABELS[p]);
    return {
      de: `Produkt ${product.de} wird nicht angeboten (angeboten: ${list(offered.map((p) => p.de), 'de')})`,
      en: `Product ${product.en} is not offered (offered: ${list(offered.map((p) => p.en), 'en')})`,
    };
  },

  amount: (c, s) => {
    const below = s.amountCents < c.amountMinCents;
    const bound = below ? c.amountMinCents : c.amountMaxCents;
    return both((l) =>
      l === 'de'
        ? `Betrag ${formatEur(s.amountCents, l)} ${below ? 'unter Minimum' : 'über Maximum'} ${formatEur(bound, l)}`
        : `Amount ${formatEur(s.amountCents, l)} ${below ? 'below minimum' : 'above maximum'} ${formatEur(bound, l)}`,
    );
  },

  termMonths: (c, s) => {
    const below = s.termMonths < c.termMin;
    const bound = below ? c.termMin : c.termMax;
    return both((l) =>
      l === 'de'
        ? `Laufzeit ${formatCount(s.termMonths, l, 'month')} ${below ? 'unter Minimum' : 'über Maximum'} ${formatCount(bound, l, 'month')}`
        : `Term ${formatCount(s.termMonths, l, 'month')} ${below ? 'below minimum' : 'above maximum'} ${formatCount(bound, l, 'month')}`,
    );
  },

  federalStates: (c, s) => {
    const state = FEDERAL_STATE_LABELS[s.source.company.federalState as FederalState];
    const area = (c.policy.federalStates ?? []).map((st) => FEDERAL_STATE_LABELS[st]);
    return {
      de: `Bundesland ${state.de} liegt außerhalb des Geschäftsgebiets (${list(area.map((a) => a.de), 'de')})`,
      en: `Federal state ${state.en} is outside the business area (${list(area.map((a) => a.en), 'en')})`,
    };
  },

  postalCodePrefixes: (c, s) => {
    const postcode = s.source.company.postalCode;
    const prefixes = c.policy.postalCodePrefixes ?? [];
    return {
      de: `PLZ ${postcode} liegt außerhalb des Geschäftsgebiets (PLZ-Bereiche ${list(prefixes, 'de')})`,
      en: `Postcode ${postcode} is outside the business area (postcode areas ${list(prefixes, 'en')})`,
    };
  },

  industries: (c, s) => {
    const code = s.source.company.industryCode;
    const exclude = c.policy.industries?.exclude ?? [];
    const hit = exclude.filter((p) => industryCodesOverlap(code, p));
    if (hit.length > 0) {
      // Exclusion wins over inclusion, so it is the reason given.
      const within = hit.every((p) => industryCodeWithin(code, p));
      return within
        ? { de: `Branche ${code} ist ausgeschlossen (${hit.join(', ')})`, en: `Industry ${code} is excluded (${hit.join(', ')})` }
        : {
            de: `Branche ${code} überschneidet sich mit ausgeschlossenen Branchen (${hit.join(', ')})`,
            en: `Industry ${code} overlaps excluded industries (${hit.join(', ')})`,
          };
    }
    const include = c.policy.industries?.include ?? [];
    return {
      de: `Branche ${code} gehört nicht zu den finanzierten Branchen (${list(include, 'de')})`,
      en: `Industry ${code} is not among the financed industries (${list(include, 'en')})`,
    };
  },

  legalForms: (c, s) => {
    const form = LEGAL_FORM_LABELS[s.source.company.legalForm];
    const accepted = (c.policy.legalForms ?? []).map((f) => LEGAL_FORM_LABELS[f]);
    return {
      de: `Rechtsform ${form.de} wird nicht akzeptiert (akzeptiert: ${list(accepted.map((a) => a.de), 'de')})`,
      en: `Legal form ${form.en} is not accepted (accepted: ${list(accepted.map((a) => a.en), 'en')})`,
    };
  },

  minYearsInBusiness: (c, s) =>
    both((l) =>
      l === 'de'
        ? `Unternehmensalter ${formatCount(s.yearsInBusiness, l, 'year')} unter Minimum ${formatCount(c.minYears, l, 'year')}`
        : `Company age ${formatCount(s.yearsInBusiness, l, 'year')} below minimum ${formatCount(c.minYears, l, 'year')}`,
    ),

  minAnnualRevenue: (c, s) =>
    both((l) =>
      l === 'de'
        ? `Jahresumsatz ${formatEur(s.revenueCents, l)} unter Minimum ${formatEur(c.minRevenueCents, l)}`
        : `Annual revenue ${formatEur(s.revenueCents, l)} below minimum ${formatEur(c.minRevenueCents, l)}`,
    ),

  maxAmountToRevenue: (c, s) => {
    const max = ratioPercentTimes10000(c.ratioNumerator, c.ratioScale);
    if (s.revenueCents === 0) {
      return both((l) =>
        l === 'de'
          ? `Kein Jahresumsatz – Betrag kann höchstens ${formatPercent(max, l)} des Jahresumsatzes betragen`
          : `No annual revenue – the amount may be at most ${formatPercent(max, l)} of annual revenue`,
      );
    }
    const actual = actualPercentTimes10000(s.amountCents, s.revenueCents, max);
    return both((l) =>
      l === 'de'
        ? `Betrag entspricht ${formatPercent(actual, l)} des Jahresumsatzes, über Maximum ${formatPercent(max, l)}`
        : `Amount is ${formatPercent(actual, l)} of annual revenue, above maximum ${formatPercent(max, l)}`,
    );
  },

  worstRatingClass: (c, s) => ({
    de: `Ratingklasse ${s.ratingForCheck} schlechter als schlechteste akzeptierte Klasse ${c.worstRatingClass}`,
    en: `Rating class ${s.ratingForCheck} worse than the worst accepted class ${c.worstRatingClass}`,
  }),

  monthlyVolumeCap: (c, s) =>
    both((l) =>
      l === 'de'
        ? `Monatsvolumen ausgeschöpft: ${formatEur(c.volumeUsedCents, l)} vergeben + ${formatEur(s.amountCents, l)} angefragt über Obergrenze ${formatEur(c.capCents, l)}`
        : `Monthly volume cap reached: ${formatEur(c.volumeUsedCents, l)} committed + ${formatEur(s.amountCents, l)} requested above cap ${formatEur(c.capCents, l)}`,
    ),
};

/** One reason per failed criterion in `mask`, in policy order. */
export function explainFailures(c: CompiledPolicy, s: PreparedSubject, mask: number): MatchReason[] {
  const reasons: MatchReason[] = [];
  for (let i = 0; i < CRITERIA.length; i++) {
    if ((mask & (1 << i)) !== 0) reasons.push({ criterion: CRITERIA[i], message: EXPLAIN[CRITERIA[i]](c, s) });
  }
  return reasons;
}

const NO_NOTES: readonly MatchNote[] = Object.freeze([]);

const RATING_PENDING: readonly MatchNote[] = Object.freeze([
  Object.freeze({
    criterion: 'worstRatingClass' as const,
    message: Object.freeze({
      de: 'Noch kein Rating – Kriterium vorläufig erfüllt',
      en: 'No rating yet – criterion provisionally met',
    }),
  }),
]);

/** Notes on criteria that passed provisionally: a request without a rating against a rating limit. */
export function notesFor(c: CompiledPolicy, s: PreparedSubject): readonly MatchNote[] {
  return s.ratingPending && c.worstRatingClass !== Infinity ? RATING_PENDING : NO_NOTES;
}
