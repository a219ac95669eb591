/**
 * trainModel: encoder + logistic regression and/or gradient boosting, hyperparameters chosen by an
 * inner stratified cross-validation on the training rows only, and a serialisable model.
 *
 * Inner cross-validation (k = innerFolds, default 5) on the rows given to trainModel:
 * - logistic: a regularisation path over `l2Grid`, the penalty with the lowest pooled out-of-fold (OOF)
 *   log-loss wins;
 * - gbt: each fold grows trees until its held-out part has not improved for `patience` trees; the
 *   number of trees with the lowest pooled OOF log-loss wins;
 * - auto: both, on the same folds, then the log-odds blends w · LR + (1 − w) · GBT for w in
 *   `blendWeights` (w = 1 is plain LR, w = 0 plain GBT) are compared on the OOF predictions by
 *   `selectBy`; the best is refitted on all rows. Nothing outside the given rows is looked at, so in
 *   an outer cross-validation the choice is made per outer fold without seeing its test rows.
 * Optional calibration (Platt or isotonic) is fitted on the chosen OOF predictions.
 */
import { z } from 'zod';
import { applyCalibration, fitCalibration, type Calibration } from './calibration.js';
import { foldRows, stratifiedKFold } from './cross-validation.js';
import { Encoder, assertDataset, type EncoderOptions, type RawValue, type TabularDataset } from './dataset.js';
import { gbtContributions, logisticContributions, topContributions, type Contribution } from './explain.js';
import {
  DEFAULT_GBT_OPTIONS,
  compileTrees,
  compiledLogit,
  fitGradientBoosting,
  gbtLogit,
  gbtLogits,
  treeCount,
  type CompiledTrees,
  type GbtModel,
  type GbtOptions,
} from './gradient-boosting.js';
import { fitLogistic, fitLogisticPath, logisticLogit, logisticLogits, sigmoid, type ClassWeight, type LogisticModel } from './logistic-regression.js';
import { binaryMetrics, type BinaryMetrics } from './metrics.js';
import { deriveSeed } from './random.js';

export type ModelChoice = 'logistic' | 'gbt' | 'auto';
export type ModelKind = 'logistic' | 'gbt' | 'blend';

export interface TrainOptions {
  readonly model: ModelChoice;
  readonly seed: number;
  /** Folds of the inner cross-validation (hyperparameters, auto choice, calibration). Default 5. */
  readonly innerFolds: number;
  readonly encoder: Partial<EncoderOptions>;
  /** Penalties tried for the logistic regression. */
  readonly l2Grid: readonly number[];
  readonly classWeight?: ClassWeight;
  /** Options of the gradient boosting (its maxTrees is the upper limit, earlyStopping.patience the patience). */
  readonly gbt: Partial<GbtOptions>;
  /** Weights of LR in the log-odds blends auto compares (1 = LR only, 0 = GBT only). */
  readonly blendWeights: readonly number[];
  /** How auto compares candidates on the OOF predictions. */
  readonly selectBy: 'logLoss' | 'auc';
  readonly calibration: 'none' | 'platt' | 'isotonic';
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = {
  model: 'auto',
  seed: 1,
  innerFolds: 5,
  encoder: {},
  l2Grid: [1, 3, 10, 30, 100, 300],
  gbt: {},
  blendWeights: [1, 0, 0.5],
  selectBy: 'logLoss',
  calibration: 'none',
};

export interface CandidateReport extends BinaryMetrics {
  readonly kind: ModelKind;
  /** Weight of LR in the log-odds blend. */
  readonly weight: number;
}

export interface TrainingInfo {
  readonly rows: number;
  readonly positives: number;
  readonly seed: number;
  readonly requested: ModelChoice;
  readonly innerFolds: number;
  /** Chosen penalty of the logistic part. */
  readonly l2: number | null;
  /** Chosen number of trees of the boosting part. */
  readonly trees: number | null;
  /** OOF metrics of the candidates compared (the chosen one first). */
  readonly candidates: readonly CandidateReport[];
}

export interface PredictionExplanation {
  readonly probability: number;
  /** Log-odds of the model before calibration. */
  readonly logit: number;
  /** Log-odds every contribution is measured against. */
  readonly bias: number;
  /** Top contributions by absolute value, in log-odds. */
  readonly contributions: Contribution[];
}

const SERIAL_FORMAT = 'kreditplatz.tabular-model';

const ZNumberArray = z.array(z.number());
const ZIntArray = z.array(z.int());

const ZColumnSpec = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('numeric'), name: z.string(), median: z.number(), log: z.boolean(), indicator: z.boolean() }),
  z.strictObject({ kind: z.literal('categorical'), name: z.string(), categories: z.array(z.string()) }),
]);

const ZCalibration = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('platt'), a: z.number(), b: z.number() }),
  z.strictObject({ method: z.literal('isotonic'), x: ZNumberArray, y: ZNumberArray }),
]);

/** The JSON form of a model (what a model registry stores). */
export const ZSerializedModelSchema = z.strictObject({
  format: z.literal(SERIAL_FORMAT),
  version: z.literal(1),
  kind: z.enum(['logistic', 'gbt', 'blend']),
  columns: z.array(z.string()),
  encoder: z.strictObject({ columns: z.array(ZColumnSpec) }),
  logistic: z
    .strictObject({ l2: z.number(), mean: ZNumberArray, scale: ZNumberArray, coefficients: ZNumberArray, intercept: z.number() })
    .nullable(),
  gbt: z
    .strictObject({
      p: z.int(),
      base: z.number(),
      learningRate: z.number(),
      treeStart: ZIntArray,
      feature: ZIntArray,
      threshold: ZNumberArray,
      left: ZIntArray,
      right: ZIntArray,
      value: ZNumberArray,
    })
    .nullable(),
  blendWeight: z.number().min(0).max(1),
  calibration: ZCalibration.nullable(),
  training: z.strictObject({
    rows: z.int(),
    positives: z.int(),
    seed: z.number(),
    requested: z.enum(['logistic', 'gbt', 'auto']),
    innerFolds: z.int(),
    l2: z.number().nullable(),
    trees: z.int().nullable(),
    candidates: z.array(
      z.strictObject({ kind: z.enum(['logistic', 'gbt', 'blend']), weight: z.number(), auc: z.number().nullable(), brier: z.number(), logLoss: z.number() }),
    ),
  }),
});
export type SerializedModel = z.infer<typeof ZSerializedModelSchema>;

function logisticFromParts(parts: { l2: number; mean: ArrayLike<number>; scale: ArrayLike<number>; coefficients: ArrayLike<number>; intercept: number }): LogisticModel {
  const mean = Float64Array.from(parts.mean);
  const scale = Float64Array.from(parts.scale);
  const coefficients = Float64Array.from(parts.coefficients);
  const rawWeights = new Float64Array(coefficients.length);
  let rawIntercept = parts.intercept;
  for (let j = 0; j < coefficients.length; j++) {
    rawWeights[j] = coefficients[j] / scale[j];
    rawIntercept -= rawWeights[j] * mean[j];
  }
  return { kind: 'logistic', l2: parts.l2, mean, scale, coefficients, intercept: parts.intercept, rawWeights, rawIntercept, iterations: 0, converged: true };
}

/** A trained model: encoder, its parts, blend weight, optional calibration. Predicting one row allocates nothing. */
export class TabularModel {
  readonly kind: ModelKind;
  readonly columns: readonly string[];
  readonly encoder: Encoder;
  readonly logistic: LogisticModel | null;
  readonly gbt: GbtModel | null;
  /** Weight of the LR log-odds (1 for logistic, 0 for gbt). */
  readonly blendWeight: number;
  readonly calibration: Calibration | null;
  readonly training: TrainingInfo;
  private readonly scratch: Float64Array;
  private readonly compiled: CompiledTrees | null;
  private readonly recordRow: RawValue[];
  private readonly contributionsA: Float64Array;
  private readonly contributionsB: Float64Array;

  constructor(parts: {
    kind: ModelKind;
    columns: readonly string[];
    encoder: Encoder;
    logistic: LogisticModel | null;
    gbt: GbtModel | null;
    blendWeight: number;
    calibration: Calibration | null;
    training: TrainingInfo;
  }) {
    this.kind = parts.kind;
    this.columns = parts.columns;
    this.encoder = parts.encoder;
    this.logistic = parts.logistic;
    this.gbt = parts.gbt;
    this.blendWeight = parts.blendWeight;
    this.calibration = parts.calibration;
    this.training = parts.training;
    this.scratch = new Float64Array(parts.encoder.width);
    this.compiled = parts.gbt ? compileTrees(parts.gbt) : null;
    this.recordRow = new Array<RawValue>(parts.columns.length).fill(null);
    this.contributionsA = new Float64Array(parts.encoder.width);
    this.contributionsB = new Float64Array(parts.encoder.width);
  }

  get featureNames(): readonly string[] {
    return this.encoder.featureNames;
  }

  /** Log-odds of an encoded feature vector at `offset` (before calibration). */
  logitOfEncoded(x: ArrayLike<number>, offset = 0): number {
    const w = this.blendWeight;
    let z = 0;
    if (this.logistic && w > 0) z += w * logisticLogit(this.logistic, x, offset);
    if (this.gbt && w < 1) z += (1 - w) * (this.compiled ? compiledLogit(this.compiled, x, offset) : gbtLogit(this.gbt, x, offset));
    return z;
  }

  private finish(z: number): number {
    const p = sigmoid(z);
    return this.calibration ? applyCalibration(this.calibration, p) : p;
  }

  /** Probability of the positive class for one raw row (values in the order of `columns`). */
  predictRow(row: readonly RawValue[]): number {
    this.encoder.encodeInto(row, this.scratch, 0);
    return this.finish(this.logitOfEncoded(this.scratch, 0));
  }

  /** Probability for a row given as an object keyed by column name (missing keys count as missing values). */
  predictRecord(record: Readonly<Record<string, RawValue>>): number {
    const row = this.recordRow;
    for (let c = 0; c < this.columns.length; c++) row[c] = record[this.columns[c]];
    return this.predictRow(row);
  }

  /** Probabilities for many rows. */
  predictRows(rows: readonly (readonly RawValue[])[]): Float64Array {
    const out = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = this.predictRow(rows[i]);
    return out;
  }

  /**
   * The row's probability and its top-k feature contributions in log-odds (see explain.ts), summed
   * per input column (`by: 'column'`, default) or per encoded feature (`by: 'feature'`).
   */
  explain(row: readonly RawValue[], options: { top?: number; by?: 'column' | 'feature' } = {}): PredictionExplanation {
    const x = this.scratch;
    this.encoder.encodeInto(row, x, 0);
    const total = this.contributionsA.fill(0);
    let bias = 0;
    const w = this.blendWeight;
    if (this.logistic && w > 0) {
      const b = logisticContributions(this.logistic, x, 0, this.contributionsB);
      bias += w * b;
      for (let j = 0; j < total.length; j++) total[j] += w * this.contributionsB[j];
    }
    if (this.gbt && w < 1) {
      const b = gbtContributions(this.gbt, x, 0, this.contributionsB);
      bias += (1 - w) * b;
      for (let j = 0; j < total.length; j++) total[j] += (1 - w) * this.contributionsB[j];
    }
    const z = this.logitOfEncoded(x, 0);
    const grouping = (options.by ?? 'column') === 'column' ? { groups: this.encoder.featureColumn, groupNames: this.columns } : undefined;
    return {
      probability: this.finish(z),
      logit: z,
      bias,
      contributions: topContributions(this.encoder.featureNames, total, options.top ?? 5, grouping),
    };
  }

  toJSON(): SerializedModel {
    const lr = this.logistic;
    const gbt = this.gbt;
    return {
      format: SERIAL_FORMAT,
      version: 1,
      kind: this.kind,
      columns: [...this.columns],
      encoder: { columns: this.encoder.columns.map((c) => (c.kind === 'categorical' ? { ...c, categories: [...c.categories] } : { ...c })) },
      logistic: lr ? { l2: lr.l2, mean: [...lr.mean], scale: [...lr.scale], coefficients: [...lr.coefficients], intercept: lr.intercept } : null,
      gbt: gbt
        ? {
            p: gbt.p,
            base: gbt.base,
            learningRate: gbt.learningRate,
            treeStart: [...gbt.treeStart],
            feature: [...gbt.feature],
            threshold: [...gbt.threshold],
            left: [...gbt.left],
            right: [...gbt.right],
            value: [...gbt.value],
          }
        : null,
      blendWeight: this.blendWeight,
      calibration: this.calibration && (this.calibration.method === 'platt' ? { ...this.calibration } : { method: 'isotonic', x: [...this.calibration.x], y: [...this.calibration.y] }),
      training: {
        ...this.training,
        candidates: this.training.candidates.map((c) => ({ ...c, auc: Number.isNaN(c.auc) ? null : c.auc })),
      },
    };
  }

  /** Restores a model from its JSON form; throws a RangeError when the JSON is malformed or inconsistent. */
  static fromJSON(json: unknown): TabularModel {
    const parsed = ZSerializedModelSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new RangeError(`not a serialised model: ${issue.path.join('.')}: ${issue.message}`);
    }
    const s = parsed.data;
    const encoder = Encoder.fromJSON(s.encoder);
    if (s.encoder.columns.length !== s.columns.length) throw new RangeError('encoder and columns differ');
    const p = encoder.width;
    let logistic: LogisticModel | null = null;
    if (s.logistic) {
      const l = s.logistic;
      if (l.mean.length !== p || l.scale.length !== p || l.coefficients.length !== p) throw new RangeError('logistic part does not match the encoder');
      if (l.scale.some((v) => !(v > 0))) throw new RangeError('logistic scales must be positive');
      logistic = logisticFromParts(l);
    }
    let gbt: GbtModel | null = null;
    if (s.gbt) {
      const g = s.gbt;
      if (g.p !== p) throw new RangeError('gbt part does not match the encoder');
      const nodes = g.value.length;
      if ([g.feature, g.threshold, g.left, g.right].some((a) => a.length !== nodes)) throw new RangeError('gbt node arrays differ in length');
      if (g.treeStart.length < 1 || g.treeStart[g.treeStart.length - 1] !== nodes || g.treeStart[0] !== 0) throw new RangeError('gbt tree offsets are inconsistent');
      for (let t = 0; t + 1 < g.treeStart.length; t++) {
        const end = g.treeStart[t + 1];
        if (!(end > g.treeStart[t])) throw new RangeError('gbt tree offsets are inconsistent');
        for (let i = g.treeStart[t]; i < end; i++) {
          const leaf = g.left[i] === -1;
          // Children come after their parent within the same tree, so every walk ends.
          if (!leaf && !(g.left[i] > i && g.left[i] < end && g.right[i] > i && g.right[i] < end && g.feature[i] >= 0 && g.feature[i] < p)) {
            throw new RangeError(`gbt node ${i} is malformed`);
          }
        }
      }
      gbt = {
        kind: 'gbt',
        p,
        base: g.base,
        learningRate: g.learningRate,
        treeStart: Int32Array.from(g.treeStart),
        feature: Int32Array.from(g.feature),
        threshold: Float64Array.from(g.threshold),
        left: Int32Array.from(g.left),
        right: Int32Array.from(g.right),
        value: Float64Array.from(g.value),
      };
    }
    if ((s.blendWeight > 0 && !logistic) || (s.blendWeight < 1 && !gbt)) throw new RangeError('the blend weight needs a part that is missing');
    return new TabularModel({
      kind: s.kind,
      columns: s.columns,
      encoder,
      logistic,
      gbt,
      blendWeight: s.blendWeight,
      calibration: s.calibration,
      training: { ...s.training, candidates: s.training.candidates.map((c) => ({ ...c, auc: c.auc ?? Number.NaN })) },
    });
  }
}

function selectRows(x: Float64Array, p: number, rows: Int32Array): Float64Array {
  const out = new Float64Array(rows.length * p);
  for (let k = 0; k < rows.length; k++) out.set(x.subarray(rows[k] * p, rows[k] * p + p), k * p);
  return out;
}

function selectLabels(y: Uint8Array, rows: Int32Array): Uint8Array {
  const out = new Uint8Array(rows.length);
  for (let k = 0; k < rows.length; k++) out[k] = y[rows[k]];
  return out;
}

function probabilities(logits: Float64Array): Float64Array {
  return logits.map(sigmoid);
}

interface InnerResult {
  readonly l2: number | null;
  readonly lrOof: Float64Array | null;
  readonly trees: number | null;
  readonly gbtOof: Float64Array | null;
}

/** Inner stratified CV on the training rows: chooses the LR penalty and the number of trees. */
function innerCrossValidation(x: Float64Array, n: number, p: number, y: Uint8Array, opts: TrainOptions, gbtOptions: GbtOptions): InnerResult {
  const wantLr = opts.model !== 'gbt';
  const wantGbt = opts.model !== 'logistic';
  const k = Math.max(2, Math.min(opts.innerFolds, n));
  const fold = stratifiedKFold(y, k, deriveSeed(opts.seed, 101));
  const grid = opts.l2Grid;
  const lrOofByL2 = wantLr ? grid.map(() => new Float64Array(n)) : [];
  const gbtModels: { model: GbtModel; test: Int32Array; xTest: Float64Array; losses: Float64Array }[] = [];
  let longest = 0;
  for (let f = 0; f < k; f++) {
    const { train, test } = foldRows(fold, f);
    const xTrain = selectRows(x, p, train);
    const yTrain = selectLabels(y, train);
    const xTest = selectRows(x, p, test);
    const yTest = selectLabels(y, test);
    if (wantLr) {
      const path = fitLogisticPath(xTrain, train.length, p, yTrain, grid, { classWeight: opts.classWeight });
      path.forEach((model, g) => {
        const logits = logisticLogits(model, xTest, test.length);
        for (let r = 0; r < test.length; r++) lrOofByL2[g][test[r]] = logits[r];
      });
    }
    if (wantGbt) {
      const fit = fitGradientBoosting(xTrain, train.length, p, yTrain, { ...gbtOptions, seed: deriveSeed(gbtOptions.seed, 200 + f) }, {
        x: xTest,
        n: test.length,
        y: yTest,
      });
      gbtModels.push({ model: fit.model, test, xTest, losses: fit.validationLoss! });
      longest = Math.max(longest, fit.validationLoss!.length);
    }
  }

  let l2: number | null = null;
  let lrOof: Float64Array | null = null;
  if (wantLr) {
    let best = Number.POSITIVE_INFINITY;
    grid.forEach((value, g) => {
      const loss = binaryMetrics(y, probabilities(lrOofByL2[g])).logLoss;
      if (loss < best - 1e-12) {
        best = loss;
        l2 = value;
        lrOof = lrOofByL2[g];
      }
    });
  }

  let trees: number | null = null;
  let gbtOof: Float64Array | null = null;
  if (wantGbt) {
    // Pooled OOF log-loss after t trees; a fold that stopped early keeps its last loss.
    let bestLoss = Number.POSITIVE_INFINITY;
    let bestT = 1;
    for (let t = 0; t < longest; t++) {
      let sum = 0;
      for (const m of gbtModels) sum += m.losses[Math.min(t, m.losses.length - 1)] * m.test.length;
      if (sum < bestLoss - 1e-12) {
        bestLoss = sum;
        bestT = t + 1;
      }
    }
    trees = bestT;
    gbtOof = new Float64Array(n);
    for (const m of gbtModels) {
      const logits = gbtLogits(m.model, m.xTest, m.test.length, bestT);
      for (let r = 0; r < m.test.length; r++) gbtOof[m.test[r]] = logits[r];
    }
  }
  return { l2, lrOof, trees, gbtOof };
}

/**
 * Trains a model on the dataset. `model`: 'logistic', 'gbt', or 'auto' (chosen by inner
 * cross-validation on these rows only, possibly a blend of both). Deterministic for a seed.
 */
export function trainModel(dataset: TabularDataset, options: Partial<TrainOptions> = {}): TabularModel {
  const opts: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  assertDataset(dataset);
  const n = dataset.rows.length;
  let positives = 0;
  for (let i = 0; i < n; i++) positives += dataset.target[i];
  if (positives === 0 || positives === n) throw new RangeError('the training rows need both classes');
  if (opts.l2Grid.length === 0) throw new RangeError('l2Grid must not be empty');
  const gbtOptions: GbtOptions = { ...DEFAULT_GBT_OPTIONS, ...opts.gbt, seed: deriveSeed(opts.gbt.seed ?? opts.seed, 7), classWeight: opts.classWeight };

  const encoder = Encoder.fit(dataset.columns, dataset.rows, opts.encoder);
  const p = encoder.width;
  const x = encoder.encodeRows(dataset.rows);
  const y = dataset.target;

  const inner = innerCrossValidation(x, n, p, y, opts, gbtOptions);

  const candidates: CandidateReport[] = [];
  const weights = opts.model === 'logistic' ? [1] : opts.model === 'gbt' ? [0] : opts.blendWeights;
  for (const w of weights) {
    if (!(w >= 0 && w <= 1)) throw new RangeError('blend weights must lie in [0, 1]');
    const logits = new Float64Array(n);
    for (let i = 0; i < n; i++) logits[i] = (w > 0 ? w * inner.lrOof![i] : 0) + (w < 1 ? (1 - w) * inner.gbtOof![i] : 0);
    const kind: ModelKind = w === 1 ? 'logistic' : w === 0 ? 'gbt' : 'blend';
    candidates.push({ kind, weight: w, ...binaryMetrics(y, probabilities(logits)) });
  }
  const better = (a: CandidateReport, b: CandidateReport): boolean =>
    opts.selectBy === 'auc' ? a.auc > b.auc + 1e-12 : a.logLoss < b.logLoss - 1e-12;
  let chosen = candidates[0];
  for (const c of candidates.slice(1)) if (better(c, chosen)) chosen = c;

  const w = chosen.weight;
  const logistic = w > 0 ? fitLogistic(x, n, p, y, { l2: inner.l2!, classWeight: opts.classWeight }) : null;
  const gbt = w < 1 ? fitGradientBoosting(x, n, p, y, { ...gbtOptions, maxTrees: inner.trees!, earlyStopping: null }).model : null;

  let calibration: Calibration | null = null;
  if (opts.calibration !== 'none') {
    const oof = new Float64Array(n);
    for (let i = 0; i < n; i++) oof[i] = sigmoid((w > 0 ? w * inner.lrOof![i] : 0) + (w < 1 ? (1 - w) * inner.gbtOof![i] : 0));
    calibration = fitCalibration(opts.calibration, oof, y);
  }

  return new TabularModel({
    kind: chosen.kind,
    columns: [...dataset.columns],
    encoder,
    logistic,
    gbt,
    blendWeight: w,
    calibration,
    training: {
      rows: n,
      positives,
      seed: opts.seed,
      requested: opts.model,
      innerFolds: opts.innerFolds,
      l2: logistic ? logistic.l2 : null,
      trees: gbt ? treeCount(gbt) : null,
      candidates: [chosen, ...candidates.filter((c) => c !== chosen)],
    },
  });
}

/** Restores a model stored with `model.toJSON()`. */
export function modelFromJSON(json: unknown): TabularModel {
  return TabularModel.fromJSON(json);
}
