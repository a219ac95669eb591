/**
 * Trains the approval model on the platform's history and registers it in the model registry
 * (DATABASE_URL or the embedded ./data, the same configuration as the app; with PGlite, stop the
 * server first: one process at a time).
 *
 *   npm run model:train -- [--model auto|logistic|gbt] [--holdout-months 4] [--seed 1] [--activate] [--real-only]
 *
 * Hold-out: the last `--holdout-months` calendar months of the history; the model is trained on the
 * months before and tested on them (AUC, Brier score, reliability table, the lender-offer-rate
 * baseline). The new model is `registered`; an admin activates it (`POST /api/v1/admin/models/:id/activate`)
 * or `--activate` does it at once. The last stdout line is the registered model as JSON.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase, runMigrations } from '../src/platform/db/database.js';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.js';
import { trainAndRegisterApprovalModel, TrainingDataError } from '../src/modules/models/index.js';

const USAGE = 'usage: model:train -- [--model auto|logistic|gbt] [--holdout-months 4] [--seed 1] [--activate] [--real-only]';

function fail(message: string): never {
  console.error(`model:train: ${message}\n${USAGE}`);
  process.exit(2);
}

async function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        model: { type: 'string' },
        'holdout-months': { type: 'string' },
        seed: { type: 'string' },
        activate: { type: 'boolean' },
        'real-only': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  const model = values.model ?? 'auto';
  if (model !== 'auto' && model !== 'logistic' && model !== 'gbt') fail('--model must be auto, logistic or gbt');
  const holdout = values['holdout-months'] ?? '4';
  if (!/^\d+$/.test(holdout) || Number(holdout) < 1 || Number(holdout) > 24) fail('--holdout-months must be an integer from 1 to 24');
  const seed = values.seed ?? '1';
  if (!/^\d+$/.test(seed)) fail('--seed must be a non-negative integer');

  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
    console.error(`training the approval model (${model}, hold-out: last ${holdout} months) …`);
    const result = await trainAndRegisterApprovalModel(
      database.db,
      { model, holdoutMonths: Number(holdout), seed: Number(seed), activate: values.activate ?? false, realOnly: values['real-only'] ?? false },
      { ...SYSTEM_ACTOR, role: 'model_training' },
    );
    const m = result.model.metrics;
    const f = (v: number) => v.toFixed(4);
    console.error(
      [
        `history: ${result.pairs} answered dispatches (loaded in ${result.loadMillis} ms)`,
        `training: ${m.training.rows} pairs ${m.training.from.slice(0, 10)} … ${m.training.to.slice(0, 10)}; model ${m.model.kind} (${m.model.features} features) in ${m.trainMillis} ms`,
        `hold-out: ${m.holdout.rows} pairs ${m.holdout.from.slice(0, 10)} … ${m.holdout.to.slice(0, 10)}: AUC ${f(m.holdout.auc)}, Brier ${f(m.holdout.brier)}, log loss ${f(m.holdout.logLoss)}`,
        `baseline (each lender's past offer rate): AUC ${f(m.baseline.auc)}, Brier ${f(m.baseline.brier)}`,
        'reliability (deciles): predicted → observed',
        ...m.reliability.map((r) => `  ${String(r.bin).padStart(2)}  ${f(r.meanPredicted)} → ${f(r.observedRate)}  (${r.count})`),
        `registered: approval v${result.model.version} (${result.model.status})${result.model.status === 'active' ? '' : ' — activate it with POST /api/v1/admin/models/<id>/activate or --activate'}`,
      ].join('\n'),
    );
    console.log(JSON.stringify(result.model));
  } catch (err) {
    if (err instanceof TrainingDataError) {
      console.error(`model:train: ${err.message} (npm run market:simulate erzeugt eine simulierte Historie)`);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await database.close();
  }
}

void main();
