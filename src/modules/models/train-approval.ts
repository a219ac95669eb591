/**
 * Training and evaluation of the approval model: P(the lender makes an offer | request, lender).
 *
 * Evaluation is on a time-based hold-out: the model is trained on the earlier months and tested on the
 * last `holdoutMonths` calendar months (UTC) of the history — the way it will be used, on requests that
 * come after everything it learned from. Reported: ROC AUC, Brier score, log loss, a reliability table
 * (deciles of the prediction) and, for comparison, a baseline that predicts each lender's past offer rate.
 * The registered model is the one that was tested (trained on the training months only), so its
 * metrics describe exactly the parameters that are stored.
 */
import {
  binaryMetrics,
  reliabilityTable,
  rocAuc,
  brierScore,
  trainModel,
  type ModelChoice,
  type RawValue,
  type ReliabilityRow,
  type TabularModel,
} from '../analytics/index.js';
import { APPROVAL_COLUMNS, approvalRow, type ApprovalCase } from './approval-features.js';

export interface LabelledCase {
  readonly case: ApprovalCase;
  readonly offered: boolean;
  /** When the request was sent to the lender; orders the history for the time split. */
  readonly at: Date;
}

export interface ApprovalTrainingOptions {
  /** The last this many calendar months are the hold-out. */
  holdoutMonths: number;
  seed: number;
  model: ModelChoice;
  calibration: 'none' | 'platt' | 'isotonic';
}

export const DEFAULT_APPROVAL_TRAINING: ApprovalTrainingOptions = { holdoutMonths: 4, seed: 1, model: 'logistic', calibration: 'none' };

export interface HoldoutMetrics {
  rows: number;
  positives: number;
  auc: number;
  brier: number;
  logLoss: number;
}

export interface ApprovalEvaluation {
  /** Time span of all labelled pairs, of the training part and of the hold-out (ISO instants). */
  window: { from: string; to: string };
  training: { from: string; to: string; rows: number; positives: number };
  holdout: HoldoutMetrics & { from: string; to: string };
  reliability: ReliabilityRow[];
  /** Each lender's offer rate in the training months (smoothed), scored on the hold-out. */
  baseline: { name: string; auc: number; brier: number };
  model: { kind: string; requested: ModelChoice; l2: number | null; trees: number | null; features: number };
  trainMillis: number;
}

export class TrainingDataError extends Error {}

/** First instant of the UTC month `months` after (or before) the month of `d`. */
function monthStart(d: Date, months = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
}

/**
 * Splits the pairs by time: the hold-out is the last `holdoutMonths` calendar months (counted back from
 * the month of the latest pair), the training part everything before. Returns indices into `cases`.
 */
export function timeSplit(cases: readonly Pick<LabelledCase, 'at'>[], holdoutMonths: number): { train: number[]; test: number[]; cutoff: Date } {
  if (cases.length === 0) throw new TrainingDataError('Keine Historie: es gibt keine beantworteten Anfragen.');
  let latest = cases[0].at;
  for (const c of cases) if (c.at > latest) latest = c.at;
  const cutoff = monthStart(latest, 1 - holdoutMonths);
  const train: number[] = [];
  const test: number[] = [];
  cases.forEach((c, i) => (c.at < cutoff ? train : test).push(i));
  return { train, test, cutoff };
}

function labels(cases: readonly LabelledCase[], idx: readonly number[]): Uint8Array {
  return Uint8Array.from(idx, (i) => (cases[i].offered ? 1 : 0));
}

function span(cases: readonly LabelledCase[], idx: readonly number[]): { from: string; to: string } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const i of idx) {
    const t = cases[i].at.getTime();
    if (t < lo) lo = t;
    if (t > hi) hi = t;
  }
  return { from: new Date(lo).toISOString(), to: new Date(hi).toISOString() };
}

/** Baseline: each lender's smoothed offer rate in the training rows (unseen lenders get the overall rate). */
function lenderRateBaseline(cases: readonly LabelledCase[], train: readonly number[], test: readonly number[]): Float64Array {
  const k = 10;
  let positives = 0;
  const byLender = new Map<string, [number, number]>();
  for (const i of train) {
    const c = cases[i];
    const e = byLender.get(c.case.lenderId) ?? [0, 0];
    e[0] += c.offered ? 1 : 0;
    e[1] += 1;
    byLender.set(c.case.lenderId, e);
    positives += c.offered ? 1 : 0;
  }
  const overall = positives / train.length;
  return Float64Array.from(test, (i) => {
    const e = byLender.get(cases[i].case.lenderId);
    return e ? (e[0] + k * overall) / (e[1] + k) : overall;
  });
}

/** Trains the approval model on the training months and evaluates it on the hold-out months. */
export function trainApprovalModel(
  cases: readonly LabelledCase[],
  options: Partial<ApprovalTrainingOptions> = {},
): { model: TabularModel; evaluation: ApprovalEvaluation } {
  const opts = { ...DEFAULT_APPROVAL_TRAINING, ...options };
  const { train, test } = timeSplit(cases, opts.holdoutMonths);
  const yTrain = labels(cases, train);
  const yTest = labels(cases, test);
  const count = (y: Uint8Array) => y.reduce((s, v) => s + v, 0);
  if (train.length < 50 || count(yTrain) === 0 || count(yTrain) === train.length) {
    throw new TrainingDataError(`Zu wenig Historie vor dem Prüfzeitraum (${train.length} Paare; beide Ausgänge nötig).`);
  }
  if (test.length < 20 || count(yTest) === 0 || count(yTest) === test.length) {
    throw new TrainingDataError(`Zu wenig Historie im Prüfzeitraum der letzten ${opts.holdoutMonths} Monate (${test.length} Paare; beide Ausgänge nötig).`);
  }
  const rows = (idx: readonly number[]): RawValue[][] => idx.map((i) => approvalRow(cases[i].case));
  const started = performance.now();
  const model = trainModel(
    { columns: [...APPROVAL_COLUMNS], rows: rows(train), target: yTrain },
    {
      model: opts.model,
      seed: opts.seed,
      calibration: opts.calibration,
      // Lender ids are categories: a lender seen at least 5 times gets its own effect.
      encoder: { columnKinds: { lender_id: 'categorical', lender_type: 'categorical' } },
    },
  );
  const trainMillis = performance.now() - started;
  const p = model.predictRows(rows(test));
  const metrics = binaryMetrics(yTest, p);
  const baseline = lenderRateBaseline(cases, train, test);
  return {
    model,
    evaluation: {
      window: span(cases, [...train, ...test]),
      training: { ...span(cases, train), rows: train.length, positives: count(yTrain) },
      holdout: { ...span(cases, test), rows: test.length, positives: count(yTest), auc: metrics.auc, brier: metrics.brier, logLoss: metrics.logLoss },
      reliability: reliabilityTable(yTest, p, 10),
      baseline: { name: 'lender_offer_rate', auc: rocAuc(yTest, baseline), brier: brierScore(yTest, baseline) },
      model: {
        kind: model.kind,
        requested: opts.model,
        l2: model.training.l2,
        trees: model.training.trees,
        features: model.featureNames.length,
      },
      trainMillis: Math.round(trainMillis),
    },
  };
}
