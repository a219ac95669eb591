/**
 * The one error type of the finance module. The HTTP layer maps it to a 400 problem+json whose
 * `field` names the offending input (e.g. `cashFlows[3].date`).
 */
export type FinanceErrorCode =
  | 'invalid_input' // a value is malformed or out of bounds (e.g. not a calendar date)
  | 'no_drawdown' // no positive cash flow (nothing is paid out to the borrower)
  | 'no_repayment' // no negative cash flow (the borrower never pays anything back)
  | 'dates_out_of_order' // cash flows not in non-decreasing date order, or dated before the first drawdown
  | 'no_solution'; // the rate equation has no root for these flows

export class FinanceError extends Error {
  readonly code: FinanceErrorCode;
  /** Path of the offending input, e.g. `cashFlows[3].date`, `graceMonths`, `fees`. */
  readonly field: string;

  constructor(code: FinanceErrorCode, field: string, message: string) {
    super(message);
    this.name = 'FinanceError';
    this.code = code;
    this.field = field;
  }
}

/** ['cashFlows', 3, 'date'] → 'cashFlows[3].date' */
export function toFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
