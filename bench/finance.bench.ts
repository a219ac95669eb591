/**
 * Benchmark: schedule + effective annual rate of a 360-month annuity loan with fees.
 * Run: npm run bench -- finance   (target: median and p99 ≤ 200 µs), which runs it with the server's V8
 * settings (bench/run.ts); `npx tsx bench/finance.bench.ts` runs it with Node's defaults.
 * `run()` returns the figures so an aggregator (bench/run.ts) can collect them.
 */
import { pathToFileURL } from 'node:url';
import { scheduleWithEffectiveRate, type ScheduleInput } from '../src/modules/finance/index.js';

export interface BenchResult {
  readonly name: string;
  readonly iterations: number;
  readonly medianMicros: number;
  readonly p99Micros: number;
  readonly targetMicros: number;
}

const LOAN: ScheduleInput = {
  amount: '300000.00',
  nominalRate: '0.0485',
  termMonths: 360,
  amortization: 'annuity',
  startDate: '2025-01-31',
  fees: [
    { type: 'arrangement', amount: '1500.00', when: 'upfront' },
    { type: 'valuation', amount: '450.00', when: 'first_instalment' },
  ],
};

export function run(options: { warmup?: number; iterations?: number } = {}): BenchResult {
  const warmup = options.warmup ?? 2_000;
  const iterations = options.iterations ?? 5_000;
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += scheduleWithEffectiveRate(LOAN).rows.length;
  const samples = new Float64Array(iterations);
  for (let i = 0; i < iterations; i++) {
    const started = process.hrtime.bigint();
    const result = scheduleWithEffectiveRate(LOAN);
    samples[i] = Number(process.hrtime.bigint() - started) / 1_000;
    sink += result.rows.length;
  }
  if (sink === 0) throw new Error('benchmark produced nothing');
  samples.sort();
  const at = (q: number) => samples[Math.min(iterations - 1, Math.floor(q * iterations))];
  return {
    name: 'finance: 360-month annuity schedule + effective annual rate',
    iterations,
    medianMicros: Math.round(at(0.5) * 10) / 10,
    p99Micros: Math.round(at(0.99) * 10) / 10,
    targetMicros: 200,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = run();
  console.log(`${result.name}\n  iterations ${result.iterations}\n  median ${result.medianMicros} µs\n  p99    ${result.p99Micros} µs\n  target ≤ ${result.targetMicros} µs (median and p99)`);
}
