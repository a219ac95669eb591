/**
 * `npm run model:train` and the demo seed: load the approval history from the database, train with a
 * time-based hold-out, register the model and, when asked, activate it.
 */
import type { Executor } from '../../platform/db/database.js';
import type { Actor } from '../../platform/audit/audit.js';
import { loadApprovalHistory } from './approval-history.js';
import { activateModel, modelView, registerApprovalModel } from './registry.service.js';
import { trainApprovalModel, type ApprovalTrainingOptions } from './train-approval.js';

export interface TrainApprovalRequest extends Partial<ApprovalTrainingOptions> {
  /** Activate the new model at once (otherwise an admin activates it). */
  activate?: boolean;
  /** Learn from real requests only (default: real and simulated history). */
  realOnly?: boolean;
}

export async function trainAndRegisterApprovalModel(db: Executor, request: TrainApprovalRequest, actor: Actor) {
  const loadStarted = performance.now();
  const cases = await loadApprovalHistory(db, { includeSimulated: !request.realOnly });
  const loadMillis = Math.round(performance.now() - loadStarted);
  const { model, evaluation } = trainApprovalModel(cases, request);
  const row = await registerApprovalModel(db, model, evaluation, actor);
  const view = request.activate ? await activateModel(db, row.id, actor) : modelView(row);
  return { model: view, loadMillis, pairs: cases.length };
}
