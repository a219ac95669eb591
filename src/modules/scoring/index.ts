/**
 * Credit assessment of a company: financial statements (schema and CSV import), ratio analysis with
 * traffic lights and a scorecard rating with a PD master scale. Pure functions, no I/O; see README.md.
 */
export {
  ZFinancialStatementSchema,
  ZFinancialStatementsSchema,
  ZLoanRequestSchema,
  ZMarketRateSchema,
  LOAN_PRODUCTS,
  STATEMENT_FIELDS,
  MONEY_PATTERN,
  BALANCE_TOLERANCE_ABSOLUTE,
  BALANCE_TOLERANCE_RELATIVE,
  type FinancialStatement,
  type LoanRequest,
  type LoanProduct,
  type StatementField,
} from './financials.types.js';
export { parseFinancialsCsv, HEADER_ALIASES, type CsvImportError, type FinancialsCsvResult } from './financials-csv.js';
export {
  computeRatios,
  annualDebtService,
  debtServiceKind,
  judge,
  DEFAULT_MARKET_RATE,
  RATIO_KEYS,
  RATIO_THRESHOLDS,
  type RatioAnalysis,
  type RatioKey,
  type RatioOptions,
  type RatioResult,
  type RatioThreshold,
  type Judgement,
} from './ratios.js';
export {
  rateCompany,
  rateRatios,
  scoreRatios,
  classOfScore,
  probabilityOfDefault,
  PD_MASTER_SCALE,
  CLASS_CUTOFFS,
  SCORECARD,
  INCOMPLETE_DATA_CLASS,
  type CompanyRating,
  type RatingDriver,
  type MasterScaleEntry,
} from './rating.js';
export { ScoringError } from './scoring-error.js';
export { formatGermanNumber, formatGermanPercent } from './german-format.js';
// Database side: statements, stored ratings, routes.
export { financialStatements, ratings } from './schema.js';
export {
  rateRequest,
  currentRating,
  ratingView,
  ratingColumns,
  ratingClassForMatching,
  statementsOf,
  saveStatements,
  importStatementsCsv,
  getRating,
} from './scoring.service.js';
export { scoringRoutes, ZRatingSchema } from './routes.js';
