/**
 * Scoring benchmark: the tabular trainer and the company rating.
 *
 *   npx tsx bench/scoring.bench.ts            # 20,000 × 30 training table
 *   ROWS=5000 npx tsx bench/scoring.bench.ts
 *
 * Figures:
 * - training time on a synthetic 20,000 × 30 table (the 20 credit-g-like columns of
 *   generateCreditData plus 10 numeric columns): the bare fits (logistic regression at a fixed
 *   penalty; gradient boosting with its internal early stopping and refit) and trainModel (inner
 *   5-fold cross-validation of the penalty / number of trees, then the final fit; `auto` runs both
 *   inner cross-validations on the same folds, so it costs about their sum);
 * - one-prediction latency from a raw row of strings (encoding included), median and p99 in µs, for
 *   the logistic, the boosted and the blended model — target ≤ 20 µs — and the time of 250
 *   predictions in one call (target ≤ 2 ms);
 * - rating latency: rateCompany on two fiscal years (validation, ratios, scorecard).
 * The predictions of every model are checked against its JSON round trip; a mismatch exits non-zero.
 */
import { pathToFileURL } from 'node:url';
import {
  fitGradientBoosting,
  fitLogistic,
  generateCreditData,
  modelFromJSON,
  trainModel,
  createRng,
  Encoder,
  TabularModel,
  type RawValue,
  type TabularDataset,
} from '../src/modules/analytics/ml/index.js';
import { rateCompany, type FinancialStatement } from '../src/modules/scoring/index.js';

export interface LatencyFigures {
  readonly medianMicros: number;
  readonly p99Micros: number;
  /** 250 predictions in one predictRows call, median over repetitions. */
  readonly batch250Millis: number;
}

export interface ScoringBenchFigures {
  readonly rows: number;
  readonly columns: number;
  readonly encodedFeatures: number;
  readonly fitLogisticMillis: number;
  readonly fitGbtMillis: number;
  readonly gbtTrees: number;
  readonly trainLogisticMillis: number;
  readonly trainGbtMillis: number;
  readonly prediction: Readonly<Record<'logistic' | 'gbt' | 'blend', LatencyFigures>>;
  readonly ratingMedianMicros: number;
  readonly ratingP99Micros: number;
  readonly targets: { readonly predictionMicros: 20; readonly batch250Millis: 2 };
}

const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

/** 20 credit columns + `extra` numeric columns (half of them informative). */
function benchTable(rows: number, extra: number): TabularDataset {
  const { dataset } = generateCreditData({ rows, seed: 42 });
  const rng = createRng(43);
  const columns = [...dataset.columns, ...Array.from({ length: extra }, (_, j) => `metric_${j + 1}`)];
  const target = Uint8Array.from(dataset.target);
  const out: RawValue[][] = dataset.rows.map((row, i) => {
    const more = Array.from({ length: extra }, (_, j) => {
      const shift = j < extra / 2 && target[i] === 1 ? 0.3 : 0;
      return (rng() + rng() + rng() - 1.5 + shift).toFixed(4);
    });
    // as from a CSV: every value a string
    return [...row.map((v) => (v === null || v === undefined ? '' : String(v))), ...more];
  });
  return { columns, rows: out, target };
}

function time<T>(fn: () => T): { value: T; millis: number } {
  const started = process.hrtime.bigint();
  const value = fn();
  return { value, millis: Number(process.hrtime.bigint() - started) / 1e6 };
}

function latency(model: TabularModel, rows: readonly (readonly RawValue[])[], iterations: number): LatencyFigures {
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += model.predictRow(rows[i % rows.length]);
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const row = rows[i % rows.length];
    const started = process.hrtime.bigint();
    sink += model.predictRow(row);
    samples[i] = Number(process.hrtime.bigint() - started) / 1000;
  }
  samples.sort();
  const batch = rows.slice(0, 250);
  const batches = new Float64Array(200);
  for (let k = 0; k < batches.length; k++) {
    const started = process.hrtime.bigint();
    sink += model.predictRows(batch)[0];
    batches[k] = Number(process.hrtime.bigint() - started) / 1e6;
  }
  batches.sort();
  if (!Number.isFinite(sink)) throw new Error('predictions are not finite');
  return {
    medianMicros: round(samples[Math.floor(iterations * 0.5)], 2),
    p99Micros: round(samples[Math.floor(iterations * 0.99)], 2),
    batch250Millis: round(batches[Math.floor(batches.length / 2)], 3),
  };
}

function checkRoundTrip(model: TabularModel, rows: readonly (readonly RawValue[])[]): void {
  const copy = modelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
  for (const row of rows.slice(0, 500)) {
    if (copy.predictRow(row) !== model.predictRow(row)) throw new Error(`${model.kind}: JSON round trip changes predictions`);
  }
}

const STATEMENTS: FinancialStatement[] = [
  {
    fiscalYear: 2023,
    revenue: '4600000.00',
    ebitda: '600000.00',
    ebit: '400000.00',
    interestExpense: '50000.00',
    netIncome: '250000.00',
    totalAssets: '4000000.00',
    equity: '1250000.00',
    liabilitiesShortTerm: '1000000.00',
    liabilitiesLongTerm: '1750000.00',
    cash: '300000.00',
    currentAssets: '1800000.00',
    currentLiabilities: '900000.00',
  },
];
STATEMENTS.push({ ...STATEMENTS[0], fiscalYear: 2024, revenue: '5000000.00' });

function ratingLatency(iterations: number): { median: number; p99: number } {
  const loan = { amount: '300000.00', termMonths: 60, product: 'investment_loan' as const };
  let sink = 0;
  for (let i = 0; i < 2_000; i++) sink += rateCompany(STATEMENTS, loan).ratingClass;
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    sink += rateCompany(STATEMENTS, loan).ratingClass;
    samples[i] = Number(process.hrtime.bigint() - started) / 1000;
  }
  if (sink === 0) throw new Error('rating produced nothing');
  samples.sort();
  return { median: round(samples[Math.floor(iterations / 2)]), p99: round(samples[Math.floor(iterations * 0.99)]) };
}

export function run(options: { rows?: number; extraColumns?: number } = {}): ScoringBenchFigures {
  const rows = options.rows ?? 20_000;
  // The rating first, before the training tables fill the heap (their garbage would land in its p99).
  const rating = ratingLatency(5_000);
  const dataset = benchTable(rows, options.extraColumns ?? 10);
  const encoder = Encoder.fit(dataset.columns, dataset.rows);
  const x = encoder.encodeRows(dataset.rows);
  const p = encoder.width;

  const lrFit = time(() => fitLogistic(x, rows, p, dataset.target, { l2: 10 }));
  const gbtFit = time(() => fitGradientBoosting(x, rows, p, dataset.target, { seed: 1 }));
  const trainedLr = time(() => trainModel(dataset, { model: 'logistic', seed: 1 }));
  const trainedGbt = time(() => trainModel(dataset, { model: 'gbt', seed: 1 }));
  // An equal log-odds blend of the two (what auto usually picks); both were fitted with the same encoder.
  const blend = new TabularModel({
    kind: 'blend',
    columns: dataset.columns,
    encoder: trainedLr.value.encoder,
    logistic: trainedLr.value.logistic,
    gbt: trainedGbt.value.gbt,
    blendWeight: 0.5,
    calibration: null,
    training: trainedLr.value.training,
  });

  const sample = dataset.rows.slice(0, 2_000);
  for (const model of [trainedLr.value, trainedGbt.value, blend]) checkRoundTrip(model, sample);
  const iterations = 20_000;
  const prediction = {
    logistic: latency(trainedLr.value, sample, iterations),
    gbt: latency(trainedGbt.value, sample, iterations),
    blend: latency(blend, sample, iterations),
  };
  return {
    rows,
    columns: dataset.columns.length,
    encodedFeatures: p,
    fitLogisticMillis: round(lrFit.millis),
    fitGbtMillis: round(gbtFit.millis),
    gbtTrees: gbtFit.value.nTrees,
    trainLogisticMillis: round(trainedLr.millis),
    trainGbtMillis: round(trainedGbt.millis),
    prediction,
    ratingMedianMicros: rating.median,
    ratingP99Micros: rating.p99,
    targets: { predictionMicros: 20, batch250Millis: 2 },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = run({ rows: process.env.ROWS ? Number(process.env.ROWS) : undefined });
  const lines = [
    `scoring: tabular trainer on ${figures.rows} × ${figures.columns} (${figures.encodedFeatures} encoded features) and company rating`,
    `  fit logistic (l2 = 10)                 ${figures.fitLogisticMillis} ms`,
    `  fit gbt (early stopping + refit)       ${figures.fitGbtMillis} ms (${figures.gbtTrees} trees)`,
    `  trainModel logistic (inner 5-fold CV)  ${figures.trainLogisticMillis} ms`,
    `  trainModel gbt (inner 5-fold CV)       ${figures.trainGbtMillis} ms (auto runs both inner CVs: about the sum)`,
  ];
  for (const [kind, l] of Object.entries(figures.prediction)) {
    lines.push(`  predict one row, ${kind.padEnd(8)}         median ${l.medianMicros} µs, p99 ${l.p99Micros} µs; 250 rows ${l.batch250Millis} ms`);
  }
  lines.push(`  rateCompany (2 fiscal years)           median ${figures.ratingMedianMicros} µs, p99 ${figures.ratingP99Micros} µs`);
  lines.push(`  targets: one prediction ≤ ${figures.targets.predictionMicros} µs, 250 predictions ≤ ${figures.targets.batch250Millis} ms`);
  console.log(lines.join('\n'));
}
