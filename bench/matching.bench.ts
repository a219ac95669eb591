/**
 * Matching benchmark: the compiled engine against json-rules-engine and a hand-written loop of plain
 * `if`s, on the same 250 demo lenders and the same seeded requests.
 *
 *   npx tsx bench/matching.bench.ts            # full run: 100,000 requests through all three
 *   REQUESTS=20000 JRE_REQUESTS=500 npx tsx bench/matching.bench.ts   # quicker: json-rules-engine on 500 of them
 *
 * Figures:
 * - one request × 250 lenders: median and p99 latency of `evaluate` (subject preparation and one
 *   result object per lender included; reasons are lazy and not built), target p99 ≤ 50 µs;
 * - throughput over all requests (requests/s) for the engine, the hand loop and json-rules-engine
 *   (one engine with a rule per lender, as its documentation builds it), with the ratios (targets: ≥ 50× json-rules-engine, within 2×
 *   of the hand loop).
 * All three must agree on every lender of every compared request; a disagreement is printed and the
 * process exits non-zero.
 */
import { Engine } from 'json-rules-engine';
import { pathToFileURL } from 'node:url';
import {
  CompiledPolicyCache,
  DIVISION_SECTION,
  evaluate,
  type CreditPolicy,
  type LegalForm,
  type LenderForMatching,
  type MatchSubject,
  type Product,
} from '../src/modules/matching/index.js';
import { demoLendersForMatching, generateDemoLenders, seededRandom } from '../src/modules/lenders/demo-lenders.js';

export interface MatchingBenchOptions {
  requests?: number;
  jreRequests?: number;
  latencySamples?: number;
  lenders?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface MatchingBenchFigures {
  lenders: number;
  requests: number;
  jreRequests: number;
  meanEligiblePerRequest: number;
  singleRequest: { medianMicros: number; p99Micros: number; handLoopMedianMicros: number; handLoopP99Micros: number };
  throughput: { engine: number; handLoop: number; jsonRulesEngine: number };
  ratios: { engineVsJsonRulesEngine: number; engineVsHandLoop: number };
  disagreements: { handLoop: number; jsonRulesEngine: number };
}

// ------------------------------------------------------------------------------------- requests

const STATES_BY_WEIGHT: readonly [string, string[], number][] = [
  // state, a few real postcodes, rough share of SMEs
  ['NW', ['40210', '44135', '45127', '48143', '50667', '52062', '33602', '57072'], 21],
  ['BY', ['80331', '81675', '86150', '90402', '93047', '97070', '84028', '95444'], 17],
  ['BW', ['70173', '68159', '76133', '79098', '89073', '72070', '74072', '88212'], 14],
  ['NI', ['30159', '38100', '49074', '26122', '37073', '21335', '27472', '31134'], 9],
  ['HE', ['60311', '65183', '64283', '34117', '35390', '36037', '63065', '61348'], 8],
  ['SN', ['01067', '04109', '09111', '02826', '08056', '01587'], 5],
  ['RP', ['55116', '56068', '67059', '54290', '66953', '67655'], 5],
  ['BE', ['10115', '10969', '12043', '13353', '14193'], 5],
  ['SH', ['24103', '23552', '25813', '24937', '25335'], 3],
  ['BB', ['14467', '03046', '15230', '16816', '14770'], 3],
  ['ST', ['39104', '06108', '06844', '38820', '29410'], 2],
  ['TH', ['99084', '07743', '98527', '99423', '07545'], 2],
  ['HH', ['20095', '22767', '21073', '22297'], 3],
  ['MV', ['18055', '19053', '17489', '23966', '17033'], 2],
  ['SL', ['66111', '66538', '66740', '66424'], 1],
  ['HB', ['28195', '28217', '27568'], 1],
];

const INDUSTRIES = [
  '01.11', '01.50', '02.10', '08.12', '10.11', '10.71', '11.05', '12.00', '16.10', '22.29', '23.61', '25.11', '25.62', '25.73',
  '26.51', '28.22', '28.41', '29.32', '33.12', '35.11', '38.11', '41.20', '43.21', '43.22', '45.20', '46.46', '46.69', '47.11',
  '47.73', '47.91', '49.41', '52.29', '55.10', '56.10', '62.01', '62.02', '64.19', '68.20', '69.20', '71.12', '73.11', '75.00',
  '77.32', '86.21', '86.23', '87.10', '92.00', '93.13', '95.11', '96.02',
];

const PRODUCT_WEIGHTS: readonly [Product, number][] = [
  ['investment_loan', 30], ['working_capital_loan', 25], ['leasing', 14], ['real_estate_loan', 10], ['factoring', 8],
  ['purchase_financing', 5], ['promotional_loan', 6], ['mezzanine', 2],
];
const LEGAL_FORM_WEIGHTS: readonly [LegalForm, number][] = [
  ['GmbH', 45], ['GmbH & Co. KG', 12], ['UG', 8], ['e.K.', 8], ['Einzelunternehmen', 8], ['AG', 3], ['KG', 4], ['OHG', 2],
  ['GbR', 4], ['freelancer', 4], ['PartG', 1], ['eG', 1],
];
const TERMS = [6, 12, 24, 36, 48, 60, 72, 84, 96, 120, 180, 240, 300];

function weighted<T>(rand: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = rand() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1][0];
}

function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function generateRequests(count: number, seed: number): MatchSubject[] {
  const rand = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const submittedBase = Date.UTC(2025, 0, 2) / 86_400_000;
  const out: MatchSubject[] = [];
  for (let i = 0; i < count; i++) {
    const product = weighted(rand, PRODUCT_WEIGHTS);
    // amounts log-uniform from 5,000 to 20,000,000 EUR, in steps of 100 EUR, some with cents
    const euros = Math.round(Math.exp(Math.log(5_000) + rand() * Math.log(20_000_000 / 5_000)) / 100) * 100;
    const cents = rand() < 0.1 ? Math.floor(rand() * 100) : 0;
    const revenueEuros = Math.max(0, Math.round(euros * Math.exp((rand() - 0.3) * 4)));
    const [state, postcodes] = weighted(rand, STATES_BY_WEIGHT.map(([s, p, w]) => [[s, p] as const, w] as const));
    const submitted = submittedBase + Math.floor(rand() * 365);
    const ageDays = rand() < 0.1 ? Math.floor(rand() * 730) : Math.floor(rand() * 40 * 365);
    out.push({
      product,
      amount: `${euros}.${String(cents).padStart(2, '0')}`,
      termMonths: product === 'factoring' ? pick([3, 6, 12, 24]) : pick(TERMS),
      submittedOn: isoDay(submitted),
      ratingClass: rand() < 0.3 ? null : 1 + Math.floor(rand() * 10),
      company: {
        federalState: state,
        postalCode: pick(postcodes),
        industryCode: pick(INDUSTRIES),
        legalForm: weighted(rand, LEGAL_FORM_WEIGHTS),
        foundedOn: isoDay(submitted - ageDays),
        annualRevenue: `${revenueEuros}.00`,
      },
    });
  }
  return out;
}

// ------------------------------------------------------------------- shared helpers (baselines)

/** "1234.5" → 123450, exact (the inputs are valid decimal strings with ≤ 2 decimals). */
function toCents(value: string): number {
  const [whole, fraction = ''] = value.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

function ratioParts(value: string): { numerator: number; scale: number } {
  const [whole, fraction = ''] = value.split('.');
  const scale = 10 ** fraction.length;
  return { numerator: Number(whole) * scale + Number(fraction || '0'), scale };
}

function withinRatio(amountCents: number, revenueCents: number, numerator: number, scale: number): boolean {
  const lhs = amountCents * scale;
  const rhs = numerator * revenueCents;
  if (lhs <= Number.MAX_SAFE_INTEGER && rhs <= Number.MAX_SAFE_INTEGER) return lhs <= rhs;
  return BigInt(amountCents) * BigInt(scale) <= BigInt(numerator) * BigInt(revenueCents);
}

function sectionOf(code: string): string {
  return /^[A-U]$/.test(code) ? code : DIVISION_SECTION[code.slice(0, 2)];
}

/** WZ codes are string prefixes of their descendants; sections via the division table. */
function industryWithin(code: string, prefix: string): boolean {
  if (prefix.length === 1) return sectionOf(code) === prefix;
  return code.startsWith(prefix);
}

function industryOverlaps(code: string, prefix: string): boolean {
  return industryWithin(code, prefix) || industryWithin(prefix, code);
}

function fullYears(foundedOn: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(foundedOn.slice(0, 4));
  return on.slice(5) < foundedOn.slice(5) ? years - 1 : years;
}

// -------------------------------------------------------------------------- the hand-written loop

interface HandPolicy {
  products: string[] | null;
  amountMin: number;
  amountMax: number;
  termMin: number;
  termMax: number;
  states: string[] | null;
  postcodes: string[] | null;
  include: string[] | null;
  exclude: string[];
  legalForms: string[] | null;
  minYears: number;
  minRevenue: number;
  ratio: { numerator: number; scale: number } | null;
  worstRating: number;
  cap: number;
  used: number;
}

function handPolicy(lender: LenderForMatching): HandPolicy {
  const p: CreditPolicy = lender.policy;
  return {
    products: p.products ?? null,
    amountMin: p.amount?.min !== undefined ? toCents(p.amount.min) : 0,
    amountMax: p.amount?.max !== undefined ? toCents(p.amount.max) : Infinity,
    termMin: p.termMonths?.min ?? 0,
    termMax: p.termMonths?.max ?? Infinity,
    states: p.federalStates ?? null,
    postcodes: p.postalCodePrefixes ?? null,
    include: p.industries?.include ?? null,
    exclude: p.industries?.exclude ?? [],
    legalForms: p.legalForms ?? null,
    minYears: p.minYearsInBusiness ?? 0,
    minRevenue: p.minAnnualRevenue !== undefined ? toCents(p.minAnnualRevenue) : 0,
    ratio: p.maxAmountToRevenue !== undefined ? ratioParts(p.maxAmountToRevenue) : null,
    worstRating: p.worstRatingClass ?? 10,
    cap: p.monthlyVolumeCap !== undefined ? toCents(p.monthlyVolumeCap) : Infinity,
    used: toCents(lender.volumeUsedThisMonth),
  };
}

function handLoop(policies: readonly HandPolicy[], s: MatchSubject, out: Uint8Array): void {
  const amount = toCents(s.amount);
  const revenue = toCents(s.company.annualRevenue);
  const years = fullYears(s.company.foundedOn, s.submittedOn);
  const { federalState, postalCode, industryCode, legalForm } = s.company;
  for (let i = 0; i < policies.length; i++) {
    const p = policies[i];
    let ok = true;
    if (p.products !== null && !p.products.includes(s.product)) ok = false;
    else if (amount < p.amountMin || amount > p.amountMax) ok = false;
    else if (s.termMonths < p.termMin || s.termMonths > p.termMax) ok = false;
    else if (p.states !== null && !p.states.includes(federalState)) ok = false;
    else if (p.postcodes !== null && !p.postcodes.some((prefix) => postalCode.startsWith(prefix))) ok = false;
    else if (p.include !== null && !p.include.some((prefix) => industryWithin(industryCode, prefix))) ok = false;
    else if (p.exclude.some((prefix) => industryOverlaps(industryCode, prefix))) ok = false;
    else if (p.legalForms !== null && !p.legalForms.includes(legalForm)) ok = false;
    else if (years < p.minYears) ok = false;
    else if (revenue < p.minRevenue) ok = false;
    else if (p.ratio !== null && !withinRatio(amount, revenue, p.ratio.numerator, p.ratio.scale)) ok = false;
    else if (s.ratingClass !== null && s.ratingClass > p.worstRating) ok = false;
    else if (p.used + amount > p.cap) ok = false;
    out[i] = ok ? 1 : 0;
  }
}

// --------------------------------------------------------------------------- json-rules-engine

type Condition = { fact: string; operator: string; value: unknown };

/** The conditions of one lender's policy, as json-rules-engine conditions over the request's facts. */
function jreConditions(lender: LenderForMatching): Condition[] {
  const p = lender.policy;
  const all: Condition[] = [{ fact: 'amountCents', operator: 'greaterThanInclusive', value: 0 }];
  if (p.products) all.push({ fact: 'product', operator: 'in', value: p.products });
  if (p.amount?.min !== undefined) all.push({ fact: 'amountCents', operator: 'greaterThanInclusive', value: toCents(p.amount.min) });
  if (p.amount?.max !== undefined) all.push({ fact: 'amountCents', operator: 'lessThanInclusive', value: toCents(p.amount.max) });
  if (p.termMonths?.min !== undefined) all.push({ fact: 'termMonths', operator: 'greaterThanInclusive', value: p.termMonths.min });
  if (p.termMonths?.max !== undefined) all.push({ fact: 'termMonths', operator: 'lessThanInclusive', value: p.termMonths.max });
  if (p.federalStates) all.push({ fact: 'federalState', operator: 'in', value: p.federalStates });
  if (p.postalCodePrefixes) all.push({ fact: 'postalCode', operator: 'startsWithAny', value: p.postalCodePrefixes });
  if (p.industries?.include) all.push({ fact: 'industryCode', operator: 'industryWithinAny', value: p.industries.include });
  if (p.industries?.exclude?.length) all.push({ fact: 'industryCode', operator: 'industryOverlapsNone', value: p.industries.exclude });
  if (p.legalForms) all.push({ fact: 'legalForm', operator: 'in', value: p.legalForms });
  if (p.minYearsInBusiness !== undefined) all.push({ fact: 'yearsInBusiness', operator: 'greaterThanInclusive', value: p.minYearsInBusiness });
  if (p.minAnnualRevenue !== undefined) all.push({ fact: 'revenueCents', operator: 'greaterThanInclusive', value: toCents(p.minAnnualRevenue) });
  if (p.maxAmountToRevenue !== undefined) all.push({ fact: 'amountAndRevenue', operator: 'withinRatio', value: ratioParts(p.maxAmountToRevenue) });
  if (p.worstRatingClass !== undefined) all.push({ fact: 'ratingOrZero', operator: 'lessThanInclusive', value: p.worstRatingClass });
  if (p.monthlyVolumeCap !== undefined) {
    all.push({ fact: 'amountCents', operator: 'lessThanInclusive', value: toCents(p.monthlyVolumeCap) - toCents(lender.volumeUsedThisMonth) });
  }
  return all;
}

/**
 * json-rules-engine as a team would use it: one engine, one rule per lender whose event names the
 * lender; one run per request evaluates every lender (facts are computed once per run).
 */
function jreMarketEngine(lenders: LenderForMatching[]): Engine {
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addOperator<string, string[]>('startsWithAny', (fact, prefixes) => prefixes.some((x) => fact.startsWith(x)));
  engine.addOperator<string, string[]>('industryWithinAny', (fact, prefixes) => prefixes.some((x) => industryWithin(fact, x)));
  engine.addOperator<string, string[]>('industryOverlapsNone', (fact, prefixes) => !prefixes.some((x) => industryOverlaps(fact, x)));
  engine.addOperator<[number, number], { numerator: number; scale: number }>('withinRatio', ([a, r], q) =>
    withinRatio(a, r, q.numerator, q.scale),
  );
  lenders.forEach((lender, index) => {
    engine.addRule({ conditions: { all: jreConditions(lender) }, event: { type: 'eligible', params: { index } } });
  });
  return engine;
}

function jreFacts(s: MatchSubject): Record<string, unknown> {
  const amountCents = toCents(s.amount);
  const revenueCents = toCents(s.company.annualRevenue);
  return {
    product: s.product,
    amountCents,
    termMonths: s.termMonths,
    federalState: s.company.federalState,
    postalCode: s.company.postalCode,
    industryCode: s.company.industryCode,
    legalForm: s.company.legalForm,
    yearsInBusiness: fullYears(s.company.foundedOn, s.submittedOn),
    revenueCents,
    amountAndRevenue: [amountCents, revenueCents],
    ratingOrZero: s.ratingClass ?? 0,
  };
}

// ------------------------------------------------------------------------------------------ run

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export async function run(options: MatchingBenchOptions = {}): Promise<MatchingBenchFigures> {
  const requestsCount = options.requests ?? 100_000;
  const jreRequests = Math.min(options.jreRequests ?? requestsCount, requestsCount);
  const latencySamples = options.latencySamples ?? 20_000;
  const lenderCount = options.lenders ?? 250;
  const seed = options.seed ?? 4711;
  const log = options.log ?? ((line: string) => console.log(line));

  // 250 of the demo lenders, a seeded choice across all types
  const rand = seededRandom(seed);
  const all = demoLendersForMatching(generateDemoLenders());
  const lenders = all
    .map((l) => [rand(), l] as const)
    .sort((a, b) => a[0] - b[0])
    .slice(0, lenderCount)
    .map(([, l]) => l);
  const requests = generateRequests(requestsCount, seed + 1);

  const compiled = new CompiledPolicyCache().compile(lenders);
  const handPolicies = lenders.map(handPolicy);
  const engineVerdicts = new Uint8Array(requestsCount * lenders.length);
  const handVerdicts = new Uint8Array(lenders.length);

  // warm-up of both fast paths
  for (let i = 0; i < 20_000; i++) {
    evaluate(compiled, requests[i % requestsCount]);
    handLoop(handPolicies, requests[i % requestsCount], handVerdicts);
  }

  // 1) latency of one request × 250 lenders
  const samples = new Float64Array(latencySamples);
  const handSamples = new Float64Array(latencySamples);
  let sink = 0;
  for (let i = 0; i < latencySamples; i++) {
    const subject = requests[(i * 7919) % requestsCount];
    const t0 = process.hrtime.bigint();
    const results = evaluate(compiled, subject);
    const t1 = process.hrtime.bigint();
    handLoop(handPolicies, subject, handVerdicts);
    const t2 = process.hrtime.bigint();
    samples[i] = Number(t1 - t0) / 1000;
    handSamples[i] = Number(t2 - t1) / 1000;
    sink += results[i % results.length].eligible ? 1 : 0;
  }
  samples.sort();
  handSamples.sort();

  // 2) throughput of the engine over all requests
  let eligibleTotal = 0;
  const e0 = process.hrtime.bigint();
  for (let r = 0; r < requestsCount; r++) {
    const results = evaluate(compiled, requests[r]);
    const base = r * lenders.length;
    for (let i = 0; i < results.length; i++) {
      if (results[i].eligible) {
        engineVerdicts[base + i] = 1;
        eligibleTotal++;
      }
    }
  }
  const engineSeconds = Number(process.hrtime.bigint() - e0) / 1e9;

  // 3) throughput of the hand-written loop over all requests, then agreement on every request
  const h0 = process.hrtime.bigint();
  for (let r = 0; r < requestsCount; r++) {
    handLoop(handPolicies, requests[r], handVerdicts);
    sink += handVerdicts[r % lenders.length];
  }
  const handSeconds = Number(process.hrtime.bigint() - h0) / 1e9;
  let handDisagreements = 0;
  for (let r = 0; r < requestsCount; r++) {
    handLoop(handPolicies, requests[r], handVerdicts);
    for (let i = 0; i < lenders.length; i++) {
      if (handVerdicts[i] !== engineVerdicts[r * lenders.length + i]) {
        if (handDisagreements < 5) log(`DISAGREEMENT hand loop: request ${r}, lender ${lenders[i].id}: engine ${engineVerdicts[r * lenders.length + i]}, hand ${handVerdicts[i]}`);
        handDisagreements++;
      }
    }
  }

  // 4) json-rules-engine over the same requests (all of them unless a smaller count is asked for)
  const jreEngine = jreMarketEngine(lenders);
  log(`json-rules-engine: evaluating ${jreRequests.toLocaleString('en')} requests × ${lenders.length} lenders (some minutes for all of them) …`);
  const jreStep = Math.max(1, Math.floor(requestsCount / jreRequests));
  const jreIndexes = Array.from({ length: jreRequests }, (_, k) => k * jreStep);
  for (let k = 0; k < Math.min(200, jreRequests); k++) await jreEngine.run(jreFacts(requests[jreIndexes[k]])); // warm-up
  let jreDisagreements = 0;
  const jreVerdicts = new Uint8Array(lenders.length);
  const j0 = process.hrtime.bigint();
  for (const r of jreIndexes) {
    const { events } = await jreEngine.run(jreFacts(requests[r]));
    jreVerdicts.fill(0);
    for (const event of events) jreVerdicts[(event.params as { index: number }).index] = 1;
    for (let i = 0; i < lenders.length; i++) {
      if (jreVerdicts[i] !== engineVerdicts[r * lenders.length + i]) {
        if (jreDisagreements < 5) log(`DISAGREEMENT json-rules-engine: request ${r}, lender ${lenders[i].id}: engine ${engineVerdicts[r * lenders.length + i]}, jre ${jreVerdicts[i]}`);
        jreDisagreements++;
      }
    }
  }
  const jreSeconds = Number(process.hrtime.bigint() - j0) / 1e9;

  const figures: MatchingBenchFigures = {
    lenders: lenders.length,
    requests: requestsCount,
    jreRequests,
    meanEligiblePerRequest: round(eligibleTotal / requestsCount, 1),
    singleRequest: {
      medianMicros: round(percentile(samples, 0.5)),
      p99Micros: round(percentile(samples, 0.99)),
      handLoopMedianMicros: round(percentile(handSamples, 0.5)),
      handLoopP99Micros: round(percentile(handSamples, 0.99)),
    },
    throughput: {
      engine: Math.round(requestsCount / engineSeconds),
      handLoop: Math.round(requestsCount / handSeconds),
      jsonRulesEngine: Math.round(jreRequests / jreSeconds),
    },
    ratios: {
      engineVsJsonRulesEngine: round(jreSeconds / jreRequests / (engineSeconds / requestsCount), 1),
      engineVsHandLoop: round(engineSeconds / handSeconds, 2),
    },
    disagreements: { handLoop: handDisagreements, jsonRulesEngine: jreDisagreements },
  };

  const f = figures;
  log(`matching benchmark — ${f.lenders} lenders, ${f.requests.toLocaleString('en')} requests (json-rules-engine: ${f.jreRequests === f.requests ? 'all of them' : f.jreRequests.toLocaleString('en')}), on average ${f.meanEligiblePerRequest} eligible lenders per request`);
  log(`one request × ${f.lenders} lenders (evaluate):  median ${f.singleRequest.medianMicros} µs   p99 ${f.singleRequest.p99Micros} µs   (target p99 ≤ 50 µs)`);
  log(`  hand-written loop, same requests:     median ${f.singleRequest.handLoopMedianMicros} µs   p99 ${f.singleRequest.handLoopP99Micros} µs`);
  log(`throughput (requests/s, each against all ${f.lenders} lenders):`);
  log(`  compiled engine     ${f.throughput.engine.toLocaleString('en').padStart(12)}`);
  log(`  hand-written loop   ${f.throughput.handLoop.toLocaleString('en').padStart(12)}`);
  log(`  json-rules-engine   ${f.throughput.jsonRulesEngine.toLocaleString('en').padStart(12)}`);
  log(`ratios: engine is ${f.ratios.engineVsJsonRulesEngine}× faster than json-rules-engine (target ≥ 50×); engine time / hand-loop time = ${f.ratios.engineVsHandLoop} (target ≤ 2)`);
  log(`agreement: hand loop ${f.disagreements.handLoop === 0 ? 'identical on all requests' : `${f.disagreements.handLoop} DISAGREEMENTS`}; json-rules-engine ${f.disagreements.jsonRulesEngine === 0 ? (f.jreRequests === f.requests ? 'identical on all requests' : `identical on ${f.jreRequests.toLocaleString('en')} requests`) : `${f.disagreements.jsonRulesEngine} DISAGREEMENTS`}`);
  if (sink === -1) log(''); // keeps the measured work observable
  return figures;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const env = process.env;
  run({
    requests: env.REQUESTS ? Number(env.REQUESTS) : undefined,
    jreRequests: env.JRE_REQUESTS ? Number(env.JRE_REQUESTS) : undefined,
  }).then(
    (figures) => {
      if (figures.disagreements.handLoop + figures.disagreements.jsonRulesEngine > 0) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
