/**
 * Cross-validates the tabular trainer on a CSV file.
 *
 *   npx tsx scripts/model-cv.ts --csv <file> --target <column> --positive <value>
 *                               [--folds 10] [--seed 1] [--model auto|logistic|gbt]
 *   (npm run model:cv -- …)
 *
 * Stratified k-fold: for each outer fold the model is trained on the other folds only — with
 * `auto`, the choice between logistic regression, gradient boosting and their blend is made by an
 * inner cross-validation inside those training rows — and predicts the held-out fold. Progress goes
 * to stderr; the last stdout line is one JSON object
 *   {"rows":1000,"folds":10,"auc":0.7812,"brier":0.1654,"model":"auto(blend:8,gbt:2)"}
 * with AUC and Brier score pooled over all out-of-fold predictions.
 * Exit codes: 0 success, 1 bad data (file, column, positive value), 2 bad arguments.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  DatasetError,
  crossValidate,
  datasetFromTable,
  describeFoldModels,
  parseCsvTable,
  trainModel,
  type ModelChoice,
} from '../src/modules/analytics/ml/index.js';

const USAGE = 'usage: model-cv --csv <file> --target <column> --positive <value> [--folds 10] [--seed 1] [--model auto|logistic|gbt]';

class UsageError extends Error {}

function fail(code: number, message: string): never {
  process.stderr.write(`model-cv: ${message}\n`);
  if (code === 2) process.stderr.write(`${USAGE}\n`);
  process.exit(code);
}

function integerOption(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got "${value}"`);
  return Number(value);
}

function main(): void {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        csv: { type: 'string' },
        target: { type: 'string' },
        positive: { type: 'string' },
        folds: { type: 'string' },
        seed: { type: 'string' },
        model: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    fail(2, (error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  let folds: number;
  let seed: number;
  let model: ModelChoice;
  const csv = values.csv as string | undefined;
  const target = values.target as string | undefined;
  const positive = values.positive as string | undefined;
  try {
    if (!csv) throw new UsageError('--csv is required');
    if (!target) throw new UsageError('--target is required');
    if (positive === undefined) throw new UsageError('--positive is required');
    folds = integerOption(values.folds as string | undefined, 'folds', 10, 2);
    seed = integerOption(values.seed as string | undefined, 'seed', 1, 0);
    const requested = (values.model as string | undefined) ?? 'auto';
    if (requested !== 'auto' && requested !== 'logistic' && requested !== 'gbt') throw new UsageError(`--model must be auto, logistic or gbt, got "${requested}"`);
    model = requested;
  } catch (error) {
    if (error instanceof UsageError) fail(2, error.message);
    throw error;
  }

  let text: string;
  try {
    text = readFileSync(csv, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    fail(1, code === 'ENOENT' ? `file not found: ${csv}` : `cannot read ${csv}: ${(error as Error).message}`);
  }

  let loaded: ReturnType<typeof datasetFromTable>;
  try {
    loaded = datasetFromTable(parseCsvTable(text), target, positive);
  } catch (error) {
    if (error instanceof DatasetError) fail(1, error.message);
    throw error;
  }
  const { dataset, positives, skippedRows, droppedColumns } = loaded;
  const rows = dataset.rows.length;
  const minority = Math.min(positives, rows - positives);
  if (folds > minority) fail(1, `--folds ${folds} exceeds the ${minority} rows of the smaller class`);

  process.stderr.write(
    `model-cv: ${rows} rows, ${dataset.columns.length} feature columns, ${positives} positive (${((100 * positives) / rows).toFixed(1)} %)` +
      `${skippedRows > 0 ? `, ${skippedRows} rows without target skipped` : ''}` +
      `${droppedColumns.length > 0 ? `, row-number column ${droppedColumns.map((c) => `"${c}"`).join(', ')} ignored` : ''}` +
      `; ${folds}-fold stratified CV, model ${model}, seed ${seed}\n`,
  );
  const started = performance.now();
  const result = crossValidate(dataset, {
    folds,
    seed,
    train: (training, fold) => {
      const trained = trainModel(training, { model, seed: seed + 1000 * (fold + 1) });
      const label = trained.kind === 'blend' ? 'blend' : trained.kind;
      return { name: label, predictRows: (r) => trained.predictRows(r) };
    },
    onFold: (f) => {
      process.stderr.write(
        `  fold ${String(f.fold + 1).padStart(2)}/${folds}: ${f.testRows} rows, auc ${f.auc.toFixed(4)}, brier ${f.brier.toFixed(4)}, model ${f.model}, ${f.seconds.toFixed(1)} s\n`,
      );
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const name = model === 'auto' ? describeFoldModels(result.folds) : model;
  process.stderr.write(
    `model-cv: pooled out-of-fold auc ${result.pooled.auc.toFixed(4)}, brier ${result.pooled.brier.toFixed(4)}, log loss ${result.pooled.logLoss.toFixed(4)}` +
      ` (mean over folds: auc ${result.meanOverFolds.auc.toFixed(4)}, brier ${result.meanOverFolds.brier.toFixed(4)}); ${seconds.toFixed(1)} s\n`,
  );
  const round = (v: number) => Math.round(v * 10000) / 10000;
  process.stdout.write(`${JSON.stringify({ rows, folds, auc: round(result.pooled.auc), brier: round(result.pooled.brier), model: name })}\n`);
}

main();
