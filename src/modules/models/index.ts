/**
 * Models: the approval model (features, training with a time-based hold-out, the scorer matching
 * ranks with) and the model registry with its admin API (see README.md).
 */
export { APPROVAL_COLUMNS, APPROVAL_COLUMN_LABELS, approvalRow, type ApprovalCase, type ApprovalColumn } from './approval-features.js';
export {
  trainApprovalModel,
  timeSplit,
  TrainingDataError,
  DEFAULT_APPROVAL_TRAINING,
  type ApprovalEvaluation,
  type ApprovalTrainingOptions,
  type LabelledCase,
} from './train-approval.js';
export { ApprovalModelScorer, TOP_CONTRIBUTIONS } from './approval-scorer.js';
export { loadApprovalHistory } from './approval-history.js';
export { approvalCasesFromMarket } from './simulated-cases.js';
export {
  activeApprovalScorer,
  activateModel,
  rollbackModel,
  listModels,
  getModel,
  registerApprovalModel,
  type ModelView,
} from './registry.service.js';
export { trainAndRegisterApprovalModel, type TrainApprovalRequest } from './approval-training.service.js';
export { mlModels, mlModelActivations, MODEL_KINDS, MODEL_STATUSES, type ModelKind, type ModelStatus } from './schema.js';
export { modelRoutes, ZModelSchema } from './routes.js';
