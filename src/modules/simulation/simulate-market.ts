/**
 * The market simulator: a seeded, deterministic history of companies, financing requests, ratings,
 * matches, dispatches and lender answers over a number of months. Pure: no I/O; the caller passes the
 * lenders (as the matching engine sees them) and stores the result (store-history.ts).
 *
 * Every step uses the platform's own rules, so history and live behaviour cannot drift apart:
 * - the rating comes from the scoring module (`rateCompany` on generated financial statements);
 * - eligibility and ranking come from the real matching engine (`evaluate`, `rankEligible`), with the
 *   monthly volume caps filled by the simulated months as they pass;
 * - each of the top-N lenders answers by `decide` of sandbox/lender-behaviour.ts — the function the live
 *   sandbox lenders answer with: hidden risk appetite and price level per lender, risk of the request,
 *   noise — and an offer's figures come from the finance module.
 */
import { Decimal } from 'decimal.js';
import { createRng, deriveSeed, type Rng } from '../analytics/index.js';
import {
  CompiledPolicyCache,
  evaluate,
  prepareSubject,
  rankEligible,
  type LenderForMatching,
  type MatchSubject,
  type Product,
  type ScoreParts,
} from '../matching/index.js';
import { commissionFor, DEFAULT_COMMISSION_RULE, offerFigures, type CommissionRule } from '../offers/index.js';
import { decide, type OfferTerms } from '../sandbox/index.js';
import { rateCompany, ratingColumns, type FinancialStatement } from '../scoring/index.js';
import { berlinDate } from '../../platform/time.js';
import {
  AMOUNT_TO_REVENUE,
  INDUSTRIES,
  LEGAL_FORMS_MIX,
  PRODUCTS_MIX,
  PURPOSES,
  STATES,
  TERMS,
  pickWeighted,
} from './market-mix.js';

export interface SimulationOptions {
  seed: number;
  /** Length of the simulated window in months (the months before `until`). */
  months: number;
  /** Number of financing requests over the window. */
  requests: number;
  /** First day (UTC instant) after the window, e.g. the first of the current month. */
  until: Date;
  /** How many of the best-ranked eligible lenders a request is sent to. */
  topN: number;
  /** Commission rule per lender id (the default rule for the others). */
  commissionRules?: ReadonlyMap<string, CommissionRule>;
}

export interface SimLender extends LenderForMatching {
  /** Monthly volume is tracked by the simulation; the lender's current figure is ignored. */
  readonly volumeUsedThisMonth: string;
}

export interface SimCompany {
  id: string;
  name: string;
  legalForm: MatchSubject['company']['legalForm'];
  street: string;
  postalCode: string;
  city: string;
  federalState: string;
  industryCode: string;
  foundedOn: string;
  employees: number;
  annualRevenue: string;
  createdAt: Date;
}

export interface SimStatement extends FinancialStatement {
  companyId: string;
  updatedAt: Date;
}

export interface SimRequest {
  id: string;
  companyId: string;
  product: Product;
  amount: string;
  termMonths: number;
  purpose: string;
  status: 'expired' | 'withdrawn';
  submittedAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface SimHistory {
  requestId: string;
  fromStatus: string | null;
  toStatus: string;
  at: Date;
  actorRole: string;
  reason: string | null;
}

export interface SimRating {
  requestId: string;
  companyId: string;
  ratingClass: number;
  probabilityOfDefault: string;
  score: string;
  fiscalYear: number | null;
  ratios: unknown;
  drivers: unknown;
  missing: string[];
  computedAt: Date;
}

export interface SimMatchRun {
  id: string;
  requestId: string;
  matchedAt: Date;
  lenderCount: number;
  eligibleCount: number;
}

export interface SimMatchResult {
  runId: string;
  lenderId: string;
  policyVersion: number;
  rank: number;
  score: string;
  scoreParts: ScoreParts;
  notes: unknown;
}

export interface SimDispatch {
  id: string;
  requestId: string;
  lenderId: string;
  matchRunId: string;
  rank: number;
  status: 'offered' | 'declined';
  dispatchedAt: Date;
  respondedAt: Date;
  declineReason: string | null;
  /** The hidden behaviour's probability of an offer (not stored; for the oracle AUC of a run). */
  approvalProbability: number;
}

export interface SimOffer {
  id: string;
  requestId: string;
  lenderId: string;
  dispatchId: string;
  idempotencyKey: string;
  terms: OfferTerms;
  calculatedFrom: string;
  effectiveAnnualRate: string;
  instalment: string;
  totalInterest: string;
  totalFees: string;
  totalCost: string;
  commission: string;
  createdAt: Date;
}

export interface SimulatedMarket {
  window: { from: Date; until: Date };
  companies: SimCompany[];
  statements: SimStatement[];
  requests: SimRequest[];
  history: SimHistory[];
  ratings: SimRating[];
  matchRuns: SimMatchRun[];
  matchResults: SimMatchResult[];
  dispatches: SimDispatch[];
  offers: SimOffer[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const berlinDates = new Map<number, string>();
/** The Berlin date of an instant, memoised per UTC hour (Berlin's offset is a whole number of hours). */
function berlinDay(d: Date): string {
  const hour = Math.floor(d.getTime() / HOUR);
  let day = berlinDates.get(hour);
  if (day === undefined) {
    day = berlinDate(new Date(hour * HOUR));
    if (berlinDates.size > 100_000) berlinDates.clear();
    berlinDates.set(hour, day);
  }
  return day;
}

function normal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** A version-4-shaped UUID from the generator: the same seed gives the same ids. */
function uuid(rng: Rng): string {
  let hex = '';
  for (let i = 0; i < 4; i++) hex += Math.floor(rng() * 2 ** 32).toString(16).padStart(8, '0');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const euros = (v: number) => `${Math.round(v)}.00`;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

function addMonthsUtc(d: Date, months: number): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate(), d.getUTCHours()));
}

/**
 * Two fiscal years of figures from a latent health h (≈ N(0, 1); higher is healthier). The balance sheet
 * balances to the euro; every statement passes the scoring module's validation.
 */
function statementsFor(rng: Rng, revenue: number, h: number, latestYear: number): FinancialStatement[] {
  const margin = clamp(0.085 + 0.06 * h + 0.02 * normal(rng), -0.12, 0.35);
  const equityRatio = clamp(0.27 + 0.14 * h + 0.05 * normal(rng), -0.15, 0.8);
  const growth = clamp(0.03 + 0.05 * h + 0.05 * normal(rng), -0.4, 0.6);
  const assetsToRevenue = 0.45 + 0.85 * rng();
  const shortShare = 0.35 + 0.3 * rng();
  const currentShare = 0.3 + 0.35 * rng();
  const cashShare = 0.08 + 0.27 * rng();
  const currentLiabShare = 0.6 + 0.4 * rng();
  const depreciationShare = 0.03 + 0.04 * rng();
  const rate = 0.025 + 0.03 * rng();
  const year = (fiscalYear: number, rev: number): FinancialStatement => {
    const totalAssets = Math.max(10_000, Math.round(rev * assetsToRevenue));
    const equity = Math.round(totalAssets * equityRatio);
    const liabilities = totalAssets - equity;
    const shortTerm = Math.round(liabilities * shortShare);
    const longTerm = liabilities - shortTerm;
    const currentAssets = Math.round(totalAssets * currentShare);
    const cash = Math.round(currentAssets * cashShare);
    const currentLiabilities = Math.round(shortTerm * currentLiabShare);
    const ebitda = Math.round(rev * margin);
    const ebit = ebitda - Math.round(totalAssets * depreciationShare);
    const interest = Math.round(longTerm * rate + shortTerm * 0.01);
    const beforeTax = ebit - interest;
    const netIncome = beforeTax > 0 ? Math.round(beforeTax * 0.7) : beforeTax;
    return {
      fiscalYear,
      revenue: euros(rev),
      ebitda: euros(ebitda),
      ebit: euros(ebit),
      interestExpense: euros(interest),
      netIncome: euros(netIncome),
      totalAssets: euros(totalAssets),
      equity: euros(equity),
      liabilitiesShortTerm: euros(shortTerm),
      liabilitiesLongTerm: euros(longTerm),
      cash: euros(cash),
      currentAssets: euros(currentAssets),
      currentLiabilities: euros(currentLiabilities),
    };
  };
  return [year(latestYear - 1, revenue / (1 + growth)), year(latestYear, revenue)];
}

interface Draft {
  company: SimCompany;
  statements: FinancialStatement[];
  submittedAt: Date;
}

/** Generates the history. Deterministic: the same options and lenders give the same history. */
export function simulateMarket(options: SimulationOptions, lenders: readonly SimLender[]): SimulatedMarket {
  if (!(options.months >= 1) || !(options.requests >= 1)) throw new RangeError('months and requests must be positive');
  const rng = createRng(deriveSeed(options.seed, 1));
  const ids = createRng(deriveSeed(options.seed, 2));
  const until = options.until;
  const from = addMonthsUtc(until, -options.months);
  const span = until.getTime() - from.getTime();

  // 1. Companies and request dates. A quarter of the requests come from a company that asked before.
  const drafts: Draft[] = [];
  const companies: SimCompany[] = [];
  const statements: SimStatement[] = [];
  const companyStatements = new Map<string, FinancialStatement[]>();
  const times: number[] = [];
  for (let i = 0; i < options.requests; i++) {
    // Slightly growing market: density ∝ 0.7 + 0.6·t.
    const u = rng();
    const t = (-0.7 + Math.sqrt(0.49 + 4 * 0.3 * u)) / (2 * 0.3);
    const day = Math.floor(t * (span / DAY));
    times.push(from.getTime() + day * DAY + (7 + Math.floor(rng() * 11)) * HOUR + Math.floor(rng() * 60) * 60_000);
  }
  times.sort((a, b) => a - b);
  for (const time of times) {
    const submittedAt = new Date(time);
    if (companies.length > 20 && rng() < 0.25) {
      const company = companies[Math.floor(rng() * companies.length)];
      drafts.push({ company, statements: companyStatements.get(company.id)!, submittedAt });
      continue;
    }
    const id = uuid(ids);
    const legalForm = pickWeighted(rng(), LEGAL_FORMS_MIX);
    const [federalState, postcodes] = pickWeighted(rng(), STATES);
    const ageDraw = rng();
    const ageYears = ageDraw < 0.08 ? 0.3 + rng() * 1.7 : ageDraw < 0.2 ? 2 + rng() * 3 : 5 + Math.abs(normal(rng)) * 18;
    const foundedOn = berlinDay(new Date(time - ageYears * 365.25 * DAY - 30 * DAY));
    // Size: micro 45 %, small 35 %, medium 20 % (employees log-uniform within the class).
    const sizeDraw = rng();
    const [lo, hi] = sizeDraw < 0.45 ? [1, 9] : sizeDraw < 0.8 ? [10, 49] : [50, 249];
    const employees = Math.round(Math.exp(Math.log(lo) + rng() * (Math.log(hi) - Math.log(lo))));
    const revenue = Math.max(60_000, Math.round(employees * 140_000 * Math.exp(0.5 * normal(rng)) / 1000) * 1000);
    const health = normal(rng) + (ageYears < 2 ? -0.5 : 0);
    const company: SimCompany = {
      id,
      name: `Simulierte Firma ${String(companies.length + 1).padStart(5, '0')} ${legalForm} (Marktsimulation)`,
      legalForm,
      street: 'Simulationsweg 1',
      postalCode: pick(rng, postcodes),
      city: 'Simulationsstadt',
      federalState,
      industryCode: pick(rng, INDUSTRIES),
      foundedOn,
      employees,
      annualRevenue: euros(revenue),
      createdAt: new Date(time - (1 + Math.floor(rng() * 5)) * HOUR),
    };
    // Most companies enter their last two annual statements; some none (no rating then).
    const latestYear = submittedAt.getUTCFullYear() - 1;
    const own = rng() < 0.92 && ageYears >= 1 ? statementsFor(rng, revenue, health, latestYear) : [];
    companies.push(company);
    companyStatements.set(id, own);
    for (const s of own) statements.push({ ...s, companyId: id, updatedAt: company.createdAt });
    drafts.push({ company, statements: own, submittedAt });
  }

  // 2. Each request in time order: rating, matching with this month's volumes, dispatch, answers.
  const cache = new CompiledPolicyCache();
  // The lenders with this month's volume so far; an entry is replaced only when its volume changes.
  const current: LenderForMatching[] = lenders.map((l) => ({ ...l, volumeUsedThisMonth: '0.00' }));
  const position = new Map(lenders.map((l, i) => [l.id, i]));
  const volume = new Map<string, Decimal>();
  let volumeMonth = '';
  const out: SimulatedMarket = {
    window: { from, until },
    companies,
    statements,
    requests: [],
    history: [],
    ratings: [],
    matchRuns: [],
    matchResults: [],
    dispatches: [],
    offers: [],
  };
  for (const draft of drafts) {
    const { company, submittedAt } = draft;
    const submittedOn = berlinDay(submittedAt);
    if (submittedOn.slice(0, 7) !== volumeMonth) {
      volumeMonth = submittedOn.slice(0, 7);
      for (const id of volume.keys()) current[position.get(id)!] = { ...current[position.get(id)!], volumeUsedThisMonth: '0.00' };
      volume.clear();
    }
    const product = pickWeighted(rng(), PRODUCTS_MIX);
    const revenue = Number(company.annualRevenue);
    const raw = revenue * AMOUNT_TO_REVENUE[product] * Math.exp(0.9 * normal(rng));
    const amount = euros(clamp(Math.round(raw / 1000) * 1000, 10_000, 25_000_000));
    const termMonths = pick(rng, TERMS[product]);
    const requestId = uuid(ids);
    const createdAt = new Date(submittedAt.getTime() - (10 + Math.floor(rng() * 120)) * 60_000);
    const history: SimHistory[] = [
      { requestId, fromStatus: null, toStatus: 'draft', at: createdAt, actorRole: 'borrower', reason: null },
      { requestId, fromStatus: 'draft', toStatus: 'submitted', at: submittedAt, actorRole: 'borrower', reason: null },
    ];

    const rating = rateCompany(draft.statements, { amount, termMonths, product });
    const ratingClass = rating.missing.includes('statements') ? null : rating.ratingClass;
    out.ratings.push({ requestId, companyId: company.id, ...ratingColumns(rating), computedAt: submittedAt });

    const subject: MatchSubject = {
      product,
      amount,
      termMonths,
      submittedOn,
      ratingClass,
      company: {
        federalState: company.federalState,
        postalCode: company.postalCode,
        industryCode: company.industryCode,
        legalForm: company.legalForm,
        foundedOn: company.foundedOn,
        annualRevenue: company.annualRevenue,
      },
    };
    const compiled = cache.compile(current);
    const prepared = prepareSubject(subject);
    const evaluations = evaluate(compiled, prepared);
    const ranking = rankEligible(evaluations, compiled, prepared);
    const matchedAt = new Date(submittedAt.getTime() + 1000);
    const runId = uuid(ids);
    out.matchRuns.push({ id: runId, requestId, matchedAt, lenderCount: lenders.length, eligibleCount: ranking.length });

    let status: SimRequest['status'];
    let last = matchedAt;
    if (ranking.length === 0) {
      last = new Date(submittedAt.getTime() + 30 * DAY);
      history.push({ requestId, fromStatus: 'submitted', toStatus: 'expired', at: last, actorRole: 'system', reason: 'Kein passender Finanzierungspartner (Marktsimulation)' });
      status = 'expired';
    } else {
      history.push({ requestId, fromStatus: 'submitted', toStatus: 'matched', at: matchedAt, actorRole: 'system', reason: `${ranking.length} von ${lenders.length} Finanzierungspartnern passen` });
      const top = ranking.slice(0, options.topN);
      const byId = new Map(lenders.map((l) => [l.id, l]));
      const evalById = new Map(evaluations.map((e) => [e.lenderId, e]));
      let firstOffer: Date | null = null;
      let lastValid = '';
      for (const r of top) {
        const lender = byId.get(r.lenderId)!;
        const used = (volume.get(lender.id) ?? new Decimal(0)).plus(amount);
        volume.set(lender.id, used);
        current[position.get(lender.id)!] = { ...lender, volumeUsedThisMonth: used.toFixed(2) };
        out.matchResults.push({
          runId,
          lenderId: lender.id,
          policyVersion: lender.policyVersion,
          rank: r.rank,
          score: r.score.toFixed(6),
          scoreParts: r.scoreParts,
          notes: evalById.get(lender.id)!.notes,
        });
        const decision = decide({
          lender: { id: lender.id, type: lender.type },
          request: { id: requestId, product, amount, termMonths },
          company: { foundedOn: company.foundedOn, annualRevenue: company.annualRevenue, legalForm: company.legalForm, industryCode: company.industryCode },
          ratingClass,
          today: submittedOn,
        });
        const dispatchedAt = new Date(matchedAt.getTime() + 2000 + r.rank * 100);
        // A credit desk answers within hours (automatic desks within minutes).
        const hours = lender.type === 'fintech_lender' ? 0.05 + rng() * 2 : 1 + rng() * 40;
        const respondedAt = new Date(dispatchedAt.getTime() + Math.round(hours * HOUR));
        const dispatchId = uuid(ids);
        out.dispatches.push({
          id: dispatchId,
          requestId,
          lenderId: lender.id,
          matchRunId: runId,
          rank: r.rank,
          status: decision.kind === 'offer' ? 'offered' : 'declined',
          dispatchedAt,
          respondedAt,
          declineReason: decision.kind === 'decline' ? decision.reason : null,
          approvalProbability: decision.approvalProbability,
        });
        if (respondedAt > last) last = respondedAt;
        if (decision.kind !== 'offer') continue;
        const calculatedFrom = berlinDay(respondedAt);
        const terms = decision.terms;
        const figures = offerFigures(terms, calculatedFrom);
        out.offers.push({
          id: uuid(ids),
          requestId,
          lenderId: lender.id,
          dispatchId,
          idempotencyKey: `simulation-${dispatchId}`,
          terms,
          calculatedFrom,
          ...figures,
          commission: commissionFor(terms.amount, options.commissionRules?.get(lender.id) ?? DEFAULT_COMMISSION_RULE),
          createdAt: respondedAt,
        });
        if (firstOffer === null || respondedAt < firstOffer) firstOffer = respondedAt;
        if (terms.validUntil > lastValid) lastValid = terms.validUntil;
      }
      if (firstOffer !== null) {
        history.push({ requestId, fromStatus: 'matched', toStatus: 'offered', at: firstOffer, actorRole: 'system', reason: 'Erstes Angebot (Marktsimulation)' });
        if (rng() < 0.35) {
          last = new Date(last.getTime() + (1 + Math.floor(rng() * 10)) * DAY);
          history.push({ requestId, fromStatus: 'offered', toStatus: 'withdrawn', at: last, actorRole: 'borrower', reason: 'Finanzierung anderweitig gelöst (Marktsimulation)' });
          status = 'withdrawn';
        } else {
          last = new Date(Math.max(last.getTime(), Date.parse(`${lastValid}T23:00:00Z`) + DAY));
          history.push({ requestId, fromStatus: 'offered', toStatus: 'expired', at: last, actorRole: 'system', reason: 'Angebote abgelaufen (Marktsimulation)' });
          status = 'expired';
        }
      } else {
        last = new Date(last.getTime() + 14 * DAY);
        history.push({ requestId, fromStatus: 'matched', toStatus: 'expired', at: last, actorRole: 'system', reason: 'Alle Finanzierungspartner haben abgelehnt (Marktsimulation)' });
        status = 'expired';
      }
    }
    out.history.push(...history);
    out.requests.push({
      id: requestId,
      companyId: company.id,
      product,
      amount,
      termMonths,
      purpose: `${pick(rng, PURPOSES[product])} (Marktsimulation)`,
      status,
      submittedAt,
      createdAt,
      updatedAt: last,
    });
  }
  return out;
}
