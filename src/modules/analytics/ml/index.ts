/**
 * Tabular machine learning for credit data: feature encoding, L2 logistic regression, gradient-
 * boosted trees, metrics, stratified cross-validation, explanations, calibration and `trainModel`
 * with serialisable models. Pure computation, no I/O; see README.md.
 */
export {
  Encoder,
  assertDataset,
  fitStandardizer,
  inferColumnKinds,
  isMissing,
  standardize,
  subsetDataset,
  toCategory,
  toNumber,
  DEFAULT_ENCODER_OPTIONS,
  type ColumnKind,
  type ColumnSpec,
  type EncoderOptions,
  type RawValue,
  type Standardizer,
  type TabularDataset,
} from './dataset.js';
export { DatasetError, datasetFromTable, isRowIndexColumn, parseCsvTable, type CsvTable, type DatasetFromTableResult } from './csv-dataset.js';
export {
  fitLogistic,
  fitLogisticPath,
  logisticLogit,
  logisticLogits,
  sampleWeights,
  sigmoid,
  DEFAULT_LOGISTIC_OPTIONS,
  type ClassWeight,
  type LogisticModel,
  type LogisticOptions,
} from './logistic-regression.js';
export {
  compileTrees,
  compiledLogit,
  maxTreeDepth,
  fitGradientBoosting,
  gbtLogit,
  gbtLogits,
  treeCount,
  truncateTrees,
  stratifiedHoldout,
  DEFAULT_GBT_OPTIONS,
  type CompiledTrees,
  type EarlyStoppingOptions,
  type GbtFitResult,
  type GbtModel,
  type GbtOptions,
} from './gradient-boosting.js';
export { binaryMetrics, brierScore, logLoss, reliabilityTable, rocAuc, type BinaryMetrics, type ReliabilityRow } from './metrics.js';
export {
  crossValidate,
  describeFoldModels,
  foldRows,
  stratifiedKFold,
  type CrossValidationOptions,
  type CrossValidationResult,
  type FoldPredictor,
  type FoldResult,
} from './cross-validation.js';
export { gbtContributions, logisticContributions, topContributions, type Contribution } from './explain.js';
export {
  applyCalibration,
  fitCalibration,
  fitIsotonic,
  fitPlatt,
  type Calibration,
  type IsotonicCalibration,
  type PlattCalibration,
} from './calibration.js';
export {
  TabularModel,
  modelFromJSON,
  trainModel,
  ZSerializedModelSchema,
  DEFAULT_TRAIN_OPTIONS,
  type CandidateReport,
  type ModelChoice,
  type ModelKind,
  type PredictionExplanation,
  type SerializedModel,
  type TrainOptions,
  type TrainingInfo,
} from './train-model.js';
export { createRng, deriveSeed, type Rng } from './random.js';
export {
  CREDIT_COLUMNS,
  datasetToCsv,
  generateCreditData,
  generateLogisticData,
  generateXorData,
  type CreditDataOptions,
  type SyntheticData,
} from './synthetic.js';
