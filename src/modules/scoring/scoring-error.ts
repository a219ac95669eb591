/**
 * The one error type of the scoring module: invalid input, with the path of the offending field
 * (e.g. `statements[1].equity`, `loan.termMonths`). The HTTP layer maps it to a 400 problem+json.
 */
export class ScoringError extends Error {
  readonly code = 'invalid_input' as const;
  /** Path of the offending input, e.g. `statements[0].totalAssets`. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(message);
    this.name = 'ScoringError';
    this.field = field;
  }
}

/** ['statements', 1, 'equity'] → 'statements[1].equity' */
export function toFieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
