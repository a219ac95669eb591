/**
 * Seeded synthetic data with known structure, for tests, benchmarks and CLI checks (no real data set
 * is shipped or downloaded).
 *
 * - `generateCreditData`: a consumer/SME credit table shaped like the German credit data ("credit-g":
 *   20 attributes, 7 numeric and 13 categorical, about 30 % bad). Attribute names and levels mimic it;
 *   the risk model is invented: main effects on the log-odds plus interactions (high monthly burden
 *   with an overdrawn account, long terms without savings, young applicants in new jobs), a step in
 *   the amount and a few rare categories and missing values ("?"). The true probability of every row
 *   is returned, so the best achievable (Bayes) AUC is known.
 * - `generateLogisticData`: standard-normal features with a logistic ground truth.
 * - `generateXorData`: a pure interaction (sign of x₁·x₂) that no additive model can find.
 */
import type { RawValue, TabularDataset } from './dataset.js';
import { sigmoid } from './logistic-regression.js';
import { createRng, normal, type Rng } from './random.js';

export interface SyntheticData {
  readonly dataset: TabularDataset;
  /** True probability of the positive class of each row. */
  readonly truth: Float64Array;
}

function pick<T extends string>(rng: Rng, levels: readonly (readonly [T, number])[]): T {
  const total = levels.reduce((s, [, w]) => s + w, 0);
  let u = rng() * total;
  for (const [level, w] of levels) {
    u -= w;
    if (u < 0) return level;
  }
  return levels[levels.length - 1][0];
}

/** Intercept that makes the mean probability equal `rate` (bisection). */
function interceptFor(logits: Float64Array, rate: number): number {
  let lo = -20;
  let hi = 20;
  for (let k = 0; k < 100; k++) {
    const mid = (lo + hi) / 2;
    let mean = 0;
    for (const z of logits) mean += sigmoid(z + mid);
    mean /= logits.length;
    if (mean < rate) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export const CREDIT_COLUMNS = [
  'checking_status',
  'duration',
  'credit_history',
  'purpose',
  'credit_amount',
  'savings_status',
  'employment',
  'installment_commitment',
  'personal_status',
  'other_parties',
  'residence_since',
  'property_magnitude',
  'age',
  'other_payment_plans',
  'housing',
  'existing_credits',
  'job',
  'num_dependents',
  'own_telephone',
  'foreign_worker',
] as const;

export interface CreditDataOptions {
  readonly rows: number;
  readonly seed: number;
  /** Share of positives ("bad"). Default 0.3. */
  readonly positiveRate?: number;
  /** Share of values replaced by "?" in savings_status, employment, age and credit_amount. Default 0.03. */
  readonly missingRate?: number;
  /** Multiplies every effect (signal strength). Default 1. */
  readonly signal?: number;
}

export function generateCreditData(options: CreditDataOptions): SyntheticData {
  const rng = createRng(options.seed);
  const n = options.rows;
  const signal = options.signal ?? 1;
  const missingRate = options.missingRate ?? 0.03;
  const rows: RawValue[][] = [];
  const logits = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = 0;
    const checking = pick(rng, [['<0', 27], ['0<=X<200', 27], ['>=200', 6], ['no checking', 40]] as const);
    z += { '<0': 0.9, '0<=X<200': 0.45, '>=200': -0.1, 'no checking': -0.9 }[checking];
    const history = pick(rng, [['critical/other existing credit', 29], ['existing paid', 53], ['delayed previously', 9], ['all paid', 5], ['no credits/all paid', 4]] as const);
    z += { 'critical/other existing credit': -0.55, 'existing paid': 0, 'delayed previously': 0.2, 'all paid': 0.9, 'no credits/all paid': 1.1 }[history];
    const duration = pick(rng, [['6', 10], ['9', 5], ['12', 24], ['15', 6], ['18', 11], ['24', 18], ['30', 4], ['36', 8], ['48', 5], ['60', 2], ['72', 1]] as const);
    const months = Number(duration) + (rng() < 0.3 ? Math.floor(rng() * 5) - 2 : 0);
    z += 0.025 * (months - 18) + (months > 36 ? 0.25 : 0);
    const amount = Math.round(Math.min(18500, Math.max(250, Math.exp(7.3 + 0.03 * months + 0.55 * normal(rng)))));
    z += amount > 8000 ? 0.55 : 0; // step
    const installment = 1 + Math.floor(rng() * 4);
    z += 0.15 * (installment - 2.5);
    const purpose = pick(rng, [
      ['radio/tv', 28],
      ['new car', 23],
      ['furniture/equipment', 18],
      ['used car', 10],
      ['business', 10],
      ['education', 5],
      ['repairs', 2],
      ['domestic appliance', 1.2],
      ['other', 1.2],
      ['retraining', 0.9],
    ] as const);
    z += { 'radio/tv': -0.25, 'new car': 0.35, 'furniture/equipment': 0, 'used car': -0.65, business: 0.15, education: 0.5, repairs: 0.3, 'domestic appliance': 0.2, other: 0.1, retraining: -0.9 }[purpose];
    const savings = pick(rng, [['<100', 60], ['100<=X<500', 10], ['500<=X<1000', 6], ['>=1000', 5], ['no known savings', 19]] as const);
    z += { '<100': 0.3, '100<=X<500': 0.1, '500<=X<1000': -0.35, '>=1000': -0.6, 'no known savings': -0.5 }[savings];
    const employment = pick(rng, [['unemployed', 6], ['<1', 17], ['1<=X<4', 34], ['4<=X<7', 17], ['>=7', 26]] as const);
    z += { unemployed: 0.15, '<1': 0.3, '1<=X<4': 0, '4<=X<7': -0.3, '>=7': -0.15 }[employment];
    const personal = pick(rng, [['male single', 55], ['female div/dep/mar', 31], ['male mar/wid', 9], ['male div/sep', 5]] as const);
    z += { 'male single': -0.15, 'female div/dep/mar': 0.15, 'male mar/wid': -0.05, 'male div/sep': 0.3 }[personal];
    const parties = pick(rng, [['none', 91], ['guarantor', 5], ['co applicant', 4]] as const);
    z += { none: 0, guarantor: -0.55, 'co applicant': 0.3 }[parties];
    const residence = 1 + Math.floor(rng() * 4);
    const property = pick(rng, [['real estate', 28], ['life insurance', 23], ['car', 33], ['no known property', 16]] as const);
    z += { 'real estate': -0.3, 'life insurance': 0, car: 0.05, 'no known property': 0.45 }[property];
    // age: 19 + Gamma(2, 8)
    const age = Math.min(75, Math.round(19 + -8 * Math.log(Math.max(rng(), 1e-12) * Math.max(rng(), 1e-12))));
    z += age < 25 ? 0.45 : age > 62 ? 0.2 : -0.004 * (age - 35);
    const plans = pick(rng, [['none', 81], ['bank', 14], ['stores', 5]] as const);
    z += { none: 0, bank: 0.45, stores: 0.35 }[plans];
    const housing = property === 'no known property' && rng() < 0.5 ? 'for free' : pick(rng, [['own', 75], ['rent', 19], ['for free', 6]] as const);
    z += { own: -0.15, rent: 0.25, 'for free': 0.3 }[housing];
    const credits = rng() < 0.63 ? 1 : rng() < 0.9 ? 2 : rng() < 0.8 ? 3 : 4;
    const job = pick(rng, [['skilled', 63], ['unskilled resident', 20], ['high qualif/self emp/mgmt', 15], ['unemp/unskilled non res', 2]] as const);
    z += { skilled: 0, 'unskilled resident': -0.05, 'high qualif/self emp/mgmt': 0.1, 'unemp/unskilled non res': 0.2 }[job];
    const dependents = rng() < 0.85 ? 1 : 2;
    const telephone = rng() < 0.4 ? 'yes' : 'none';
    z += telephone === 'yes' ? -0.1 : 0;
    const foreign = rng() < 0.96 ? 'yes' : 'no';
    z += foreign === 'no' ? -0.8 : 0;
    // Interactions
    const burden = amount / months;
    if (burden > 250 && checking === '<0') z += 0.9;
    if (months > 30 && savings === '<100') z += 0.5;
    if (age < 28 && (employment === '<1' || employment === 'unemployed')) z += 0.6;
    if (checking === 'no checking' && history === 'critical/other existing credit') z -= 0.4;
    logits[i] = signal * z;
    const missing = (value: RawValue): RawValue => (rng() < missingRate ? '?' : value);
    rows.push([
      checking,
      months,
      history,
      purpose,
      missing(amount),
      missing(savings),
      missing(employment),
      installment,
      personal,
      parties,
      residence,
      property,
      missing(age),
      plans,
      housing,
      credits,
      job,
      dependents,
      telephone,
      foreign,
    ]);
  }
  const intercept = interceptFor(logits, options.positiveRate ?? 0.3);
  const truth = new Float64Array(n);
  const target = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = sigmoid(logits[i] + intercept);
    target[i] = rng() < truth[i] ? 1 : 0;
  }
  return { dataset: { columns: [...CREDIT_COLUMNS], rows, target }, truth };
}

export interface LogisticDataOptions {
  readonly rows: number;
  readonly seed: number;
  readonly coefficients: readonly number[];
  /** Default: chosen for a 30 % positive rate. */
  readonly positiveRate?: number;
}

/** Features x_j ~ N(0, 1) named x1 … xp, P(y = 1) = σ(b + Σ β_j x_j). */
export function generateLogisticData(options: LogisticDataOptions): SyntheticData {
  const rng = createRng(options.seed);
  const p = options.coefficients.length;
  const rows: number[][] = [];
  const logits = new Float64Array(options.rows);
  for (let i = 0; i < options.rows; i++) {
    const row = Array.from({ length: p }, () => normal(rng));
    rows.push(row);
    logits[i] = row.reduce((s, v, j) => s + v * options.coefficients[j], 0);
  }
  const intercept = interceptFor(logits, options.positiveRate ?? 0.3);
  const truth = logits.map((z) => sigmoid(z + intercept));
  const target = Uint8Array.from(truth, (q) => (rng() < q ? 1 : 0));
  return { dataset: { columns: Array.from({ length: p }, (_, j) => `x${j + 1}`), rows, target }, truth };
}

/** x1, x2 ~ U(−1, 1) and `noise` further uniform features; P(y = 1) = σ(±strength) by the sign of x1 · x2. */
export function generateXorData(options: { rows: number; seed: number; noise?: number; strength?: number }): SyntheticData {
  const rng = createRng(options.seed);
  const noise = options.noise ?? 3;
  const strength = options.strength ?? 2.5;
  const rows: number[][] = [];
  const truth = new Float64Array(options.rows);
  const target = new Uint8Array(options.rows);
  for (let i = 0; i < options.rows; i++) {
    const row = Array.from({ length: 2 + noise }, () => 2 * rng() - 1);
    rows.push(row);
    truth[i] = sigmoid(row[0] * row[1] > 0 ? strength : -strength);
    target[i] = rng() < truth[i] ? 1 : 0;
  }
  return { dataset: { columns: Array.from({ length: 2 + noise }, (_, j) => `x${j + 1}`), rows, target }, truth };
}

function csvCell(value: RawValue): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The dataset as comma-separated text with the target as last column ("bad"/"good" by default). */
export function datasetToCsv(dataset: TabularDataset, targetColumn = 'class', labels: { positive: string; negative: string } = { positive: 'bad', negative: 'good' }): string {
  const lines = [[...dataset.columns, targetColumn].map(csvCell).join(',')];
  dataset.rows.forEach((row, i) => {
    lines.push([...row, dataset.target[i] === 1 ? labels.positive : labels.negative].map(csvCell).join(','));
  });
  return `${lines.join('\n')}\n`;
}
