import { createHash } from 'node:crypto';
import { Decimal } from 'decimal.js';

/**
 * How a simulated (sandbox) lender decides: a pure, deterministic function of the lender, the request and
 * the company. Each lender has a hidden risk appetite and price level derived from its id; the request's
 * risk (leverage, age of the company, rating when known) moves both the chance of an offer and its price.
 * The demo lenders answer live requests with it, and a market simulator can produce history with it.
 */

export type { Product } from '../vocabulary/index.js';
import type { Product } from '../vocabulary/index.js';

export interface BehaviourInput {
  lender: { id: string; type: string };
  request: { id: string; product: Product; amount: string; termMonths: number };
  company: { foundedOn: string; annualRevenue: string; legalForm: string; industryCode: string };
  /** 1 best … 10 worst; null when the request has no rating yet. */
  ratingClass: number | null;
  /** The decision date, YYYY-MM-DD (Europe/Berlin). */
  today: string;
}

export interface OfferTerms {
  amount: string;
  nominalRate: string;
  termMonths: number;
  amortization: 'annuity' | 'linear' | 'bullet';
  graceMonths: number;
  fees: { type: string; amount: string; when: 'upfront' | 'first_instalment' | 'financed' }[];
  collateral: string;
  conditions: string;
  validUntil: string;
}

export type Decision =
  | { kind: 'offer'; terms: OfferTerms; approvalProbability: number; delaySeconds: number }
  | { kind: 'decline'; reason: string; approvalProbability: number; delaySeconds: number };

/** Reference rates by product (annual, nominal) around which lenders price, late 2026. */
export const BASE_RATE: Record<Product, number> = {
  working_capital_loan: 0.056,
  investment_loan: 0.049,
  real_estate_loan: 0.041,
  leasing: 0.054,
  factoring: 0.062,
  purchase_financing: 0.058,
  mezzanine: 0.098,
  promotional_loan: 0.033,
};

/** Price level of a lender type relative to the reference (savings and cooperative banks = 0). */
const TYPE_SPREAD: Record<string, number> = {
  savings_bank: 0,
  cooperative_bank: 0.001,
  private_bank: -0.002,
  direct_bank: -0.003,
  promotional_bank: -0.004,
  leasing: 0.004,
  factoring: 0.008,
  fintech_lender: 0.028,
  debt_fund: 0.035,
};

/** Uniform numbers in [0, 1) from a hash: the same inputs always give the same "random" draws. */
function draws(...parts: string[]): number[] {
  const h = createHash('sha256').update(parts.join('|')).digest();
  const out: number[] = [];
  for (let i = 0; i + 4 <= h.length; i += 4) out.push(h.readUInt32BE(i) / 2 ** 32);
  return out;
}

/** The lender's hidden traits: how much risk it takes (0.35–0.95) and where it prices (−0.4 … +0.4 pp). */
export function lenderTraits(lenderId: string) {
  const [a, b] = draws('traits', lenderId);
  return { riskAppetite: 0.35 + 0.6 * a, priceOffset: (b - 0.5) * 0.008 };
}

function yearsBetween(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / (365.25 * 86_400_000);
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const DECLINE_REASONS = {
  leverage: 'Das Verhältnis von Finanzierungsbetrag zu Umsatz liegt über unserem derzeitigen Risikorahmen.',
  young: 'Für Unternehmen in den ersten Jahren nach Gründung können wir derzeit kein Angebot abgeben.',
  rating: 'Die Bonitätseinstufung liegt außerhalb unseres Kreditrisikoappetits.',
  appetite: 'Die Anfrage passt derzeit nicht in unsere Portfolio- und Risikostrategie.',
};

/**
 * Risk score in [0, 1] (higher = riskier) from leverage, age and rating; the driver with the largest
 * share names the decline reason.
 */
function riskOf(input: BehaviourInput) {
  const revenue = Math.max(1, Number(input.company.annualRevenue));
  const leverage = Number(input.request.amount) / revenue; // amount to annual revenue
  const age = Math.max(0, yearsBetween(input.company.foundedOn, input.today));
  const parts = {
    leverage: Math.min(1, leverage / 1.2),
    young: age >= 5 ? 0 : age >= 2 ? 0.35 : 0.8,
    rating: input.ratingClass === null ? 0.25 : (input.ratingClass - 1) / 9,
  };
  const score = 0.45 * parts.leverage + 0.25 * parts.young + 0.3 * parts.rating;
  const main = (Object.entries(parts) as [keyof typeof parts, number][]).sort((x, y) => y[1] - x[1])[0][0];
  return { score, main, leverage, age };
}

/** How long a sandbox lender's automatic credit desk takes to answer: one or two seconds. */
function answerDelaySeconds(draw: number): number {
  return 1 + Math.floor(draw * 2);
}

/** The answer delay of a lender for a request — the same one `decide` reports, without deciding. */
export function sandboxAnswerDelay(lenderId: string, requestId: string): number {
  return answerDelaySeconds(draws('decision', lenderId, requestId)[2]);
}

/**
 * Chance of an offer. Each credit desk has a risk limit set by its hidden appetite (risk scores 0.08 for
 * the most cautious … 0.55 for the boldest lender); requests clearly below it are almost always offered,
 * those clearly above it almost never, with a narrow band of judgement (and noise) around the limit.
 */
export function offerProbability(riskAppetite: number, riskScore: number): number {
  const limit = 0.08 + ((riskAppetite - 0.35) / 0.6) * 0.47;
  return 0.02 + 0.95 / (1 + Math.exp(-(limit - riskScore) / OFFER_JUDGEMENT_BAND));
}

/** Width of the band of judgement around a lender's risk limit (in risk-score units). */
export const OFFER_JUDGEMENT_BAND = 0.05;

export function decide(input: BehaviourInput): Decision {
  const traits = lenderTraits(input.lender.id);
  const risk = riskOf(input);
  const [u, noise, delay, shape, amountCut, grace] = draws('decision', input.lender.id, input.request.id);
  const approvalProbability = offerProbability(traits.riskAppetite, risk.score);
  const delaySeconds = answerDelaySeconds(delay);
  if (u >= approvalProbability) {
    const reason = risk.score < 0.25 ? DECLINE_REASONS.appetite : DECLINE_REASONS[risk.main];
    return { kind: 'decline', reason, approvalProbability, delaySeconds };
  }
  const p = input.request.product;
  const years = input.request.termMonths / 12;
  const rate =
    BASE_RATE[p] +
    (TYPE_SPREAD[input.lender.type] ?? 0) +
    traits.priceOffset +
    0.0005 * Math.max(0, years - 5) + // term premium
    0.035 * risk.score + // risk premium
    (noise - 0.5) * 0.004;
  const nominalRate = new Decimal(Math.max(0.009, rate)).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);

  // Fintechs and debt funds sometimes offer less than asked.
  const partial = (input.lender.type === 'fintech_lender' || input.lender.type === 'debt_fund') && amountCut < 0.3;
  const amount = partial
    ? new Decimal(input.request.amount).mul(0.8).div(1000).floor().mul(1000).toFixed(2) // 80 %, down to whole thousands
    : new Decimal(input.request.amount).toFixed(2);

  const amortization: OfferTerms['amortization'] =
    p === 'mezzanine' ? 'bullet' : p === 'working_capital_loan' && shape < 0.4 ? 'linear' : 'annuity';
  const graceMonths =
    (p === 'investment_loan' || p === 'promotional_loan' || p === 'real_estate_loan') && input.request.termMonths >= 36
      ? [0, 3, 6, 12][Math.floor(grace * 4)]
      : 0;

  const fees: OfferTerms['fees'] = [];
  const feeShare = input.lender.type === 'fintech_lender' ? 0.02 : input.lender.type === 'debt_fund' ? 0.015 : p === 'leasing' || p === 'factoring' ? 0 : 0.005;
  if (feeShare > 0) {
    const fee = Decimal.max(new Decimal(amount).mul(feeShare), 150).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
    fees.push({ type: 'Bearbeitungsentgelt', amount: fee.toFixed(2), when: 'upfront' });
  }
  if (p === 'real_estate_loan') fees.push({ type: 'Wertermittlung', amount: '750.00', when: 'first_instalment' });

  const collateral =
    p === 'real_estate_loan'
      ? 'Erstrangige Grundschuld in Höhe des Darlehensbetrags'
      : p === 'leasing' || p === 'purchase_financing' || p === 'investment_loan'
        ? 'Sicherungsübereignung des finanzierten Wirtschaftsguts'
        : p === 'factoring'
          ? 'Abtretung der angekauften Forderungen'
          : risk.score > 0.4
            ? 'Selbstschuldnerische Bürgschaft der Gesellschafter'
            : 'Blanko (ohne Sicherheiten)';
  const conditions =
    'Angebot vorbehaltlich der Prüfung der letzten zwei Jahresabschlüsse und einer aktuellen BWA. ' +
    'Jährliche Einreichung des Jahresabschlusses. Sondertilgungen bis 10 % p. a. kostenfrei.';
  const validDays = input.lender.type === 'fintech_lender' ? 7 : 21;
  return {
    kind: 'offer',
    approvalProbability,
    delaySeconds,
    terms: {
      amount,
      nominalRate,
      termMonths: input.request.termMonths,
      amortization,
      graceMonths,
      fees,
      collateral,
      conditions,
      validUntil: addDays(input.today, validDays),
    },
  };
}
