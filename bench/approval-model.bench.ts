/**
 * Approval model benchmark: the market simulator, training on its history with a time-based hold-out,
 * and prediction latency as matching uses it.
 *
 *   npx tsx bench/approval-model.bench.ts             # 4,000 requests over 24 months, logistic and auto
 *   REQUESTS=1500 MODELS=logistic npx tsx bench/approval-model.bench.ts
 *
 * Figures:
 * - simulation time (in memory: generation, rating, matching against the ~270 demo lenders, the sandbox
 *   behaviour, offer figures; storing is measured by `npm run market:simulate`);
 * - per model: training time (inner 5-fold CV included), hold-out AUC, Brier score and log loss on the
 *   last 4 months, against the lenders'-past-offer-rate baseline and the oracle (the hidden behaviour's
 *   own probabilities: the best any model can do); target AUC ≥ 0.85;
 * - latency of one prediction from a match subject (feature row, encoding and model; median and p99,
 *   target ≤ 20 µs), of 250 lenders (target ≤ 2 ms), and of 250 predictions with explanations.
 * Exits non-zero when a prediction differs after the model's JSON round trip (what the registry stores).
 */
import { rocAuc, modelFromJSON, type ModelChoice } from '../src/modules/analytics/index.js';
import { demoLendersForMatching, generateDemoLenders } from '../src/modules/lenders/demo-lenders.js';
import type { MatchSubject } from '../src/modules/matching/index.js';
import { ApprovalModelScorer, approvalCasesFromMarket, trainApprovalModel } from '../src/modules/models/index.js';
import { simulateMarket } from '../src/modules/simulation/index.js';

const requests = process.env.REQUESTS ? Number(process.env.REQUESTS) : 4000;
const models = (process.env.MODELS ?? 'logistic,auto').split(',') as ModelChoice[];
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

const lenders = demoLendersForMatching(generateDemoLenders()).map((l) => ({ ...l, volumeUsedThisMonth: '0.00' }));
const t0 = performance.now();
const market = simulateMarket({ seed: 1, months: 24, requests, until: new Date(Date.UTC(2026, 10, 1)), topN: 8 }, lenders);
const simulateMillis = performance.now() - t0;
const cases = approvalCasesFromMarket(market, new Map(lenders.map((l) => [l.id, l.type])));
const y = Uint8Array.from(market.dispatches, (d) => (d.status === 'offered' ? 1 : 0));
const oracle = Float64Array.from(market.dispatches, (d) => d.approvalProbability);

const lines = [
  `approval model: simulated market of ${requests} requests over 24 months, ${lenders.length} demo lenders`,
  `  simulate (in memory)                   ${round(simulateMillis, 0)} ms: ${market.companies.length} companies, ${cases.length} answered dispatches, ${market.offers.length} offers`,
];
let failed = false;
for (const kind of models) {
  const { model, evaluation: e } = trainApprovalModel(cases, { model: kind, holdoutMonths: 4 });
  const testFrom = Date.parse(e.holdout.from);
  const idx = cases.map((c, i) => (c.at.getTime() >= testFrom ? i : -1)).filter((i) => i >= 0);
  const oracleAuc = rocAuc(Uint8Array.from(idx, (i) => y[i]), Float64Array.from(idx, (i) => oracle[i]));
  lines.push(
    `  ${kind.padEnd(8)} train ${String(e.training.rows).padStart(6)} pairs      ${e.trainMillis} ms → ${e.model.kind} (${e.model.features} features)`,
    `           hold-out ${e.holdout.rows} pairs (last 4 months): AUC ${round(e.holdout.auc, 4)}, Brier ${round(e.holdout.brier, 4)}, log loss ${round(e.holdout.logLoss, 4)}` +
      `  | baseline AUC ${round(e.baseline.auc, 4)}, Brier ${round(e.baseline.brier, 4)} | oracle AUC ${round(oracleAuc, 4)}`,
  );

  const scorer = new ApprovalModelScorer(model, 1);
  const copy = new ApprovalModelScorer(modelFromJSON(JSON.parse(JSON.stringify(model.toJSON()))), 1);
  const samples = cases.slice(0, 2000).map((c) => {
    const subject: MatchSubject = {
      product: c.case.product as MatchSubject['product'],
      amount: c.case.amount,
      termMonths: c.case.termMonths,
      submittedOn: c.case.matchedOn,
      ratingClass: c.case.ratingClass,
      company: {
        federalState: c.case.federalState,
        postalCode: '80331',
        industryCode: c.case.industryCode,
        legalForm: c.case.legalForm as MatchSubject['company']['legalForm'],
        foundedOn: c.case.foundedOn,
        annualRevenue: c.case.annualRevenue,
      },
    };
    return { subject, lender: { id: c.case.lenderId, type: c.case.lenderType as 'savings_bank' }, parts: c.case.scoreParts };
  });
  for (const s of samples) {
    if (scorer.probability(s.subject, s.lender, s.parts) !== copy.probability(s.subject, s.lender, s.parts)) failed = true;
  }
  let sink = 0;
  const n = 20_000;
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = samples[i % samples.length];
    const started = process.hrtime.bigint();
    sink += scorer.probability(s.subject, s.lender, s.parts);
    times[i] = Number(process.hrtime.bigint() - started) / 1000;
  }
  times.sort();
  const batch = (explain: boolean) => {
    const runs = new Float64Array(200);
    for (let k = 0; k < runs.length; k++) {
      const subject = samples[k % samples.length].subject;
      const started = process.hrtime.bigint();
      for (let j = 0; j < 250; j++) {
        const s = samples[(k * 7 + j) % samples.length];
        sink += explain ? scorer.predict(subject, s.lender, s.parts).probability : scorer.probability(subject, s.lender, s.parts);
      }
      runs[k] = Number(process.hrtime.bigint() - started) / 1e6;
    }
    runs.sort();
    return round(runs[100], 3);
  };
  lines.push(
    `           predict one lender median ${round(times[n / 2], 2)} µs, p99 ${round(times[Math.floor(n * 0.99)], 2)} µs; 250 lenders ${batch(false)} ms; 250 with explanations ${batch(true)} ms`,
  );
  if (!Number.isFinite(sink)) failed = true;
}
lines.push('  targets: hold-out AUC ≥ 0.85, one prediction ≤ 20 µs, 250 lenders ≤ 2 ms');
console.log(lines.join('\n'));
if (failed) {
  console.log('!!! predictions differ after the JSON round trip or are not finite');
  process.exit(1);
}
