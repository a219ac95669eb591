/**
 * The one error of the contract documents. `invalid_input`: the input fails its schema (`field` names
 * the first offending path, e.g. `schedule.rows[3].dueDate`); `hash_mismatch`: a signature was given
 * for other bytes than the PDF it is to be appended to; `invalid_pdf`: the original PDF cannot be read.
 */
import type { z } from 'zod';

export type ContractDocumentErrorCode = 'invalid_input' | 'hash_mismatch' | 'invalid_pdf';

export class ContractDocumentError extends Error {
  readonly code: ContractDocumentErrorCode;
  readonly field: string;

  constructor(code: ContractDocumentErrorCode, field: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ContractDocumentError';
    this.code = code;
    this.field = field;
  }
}

/** ['schedule', 'rows', 3, 'dueDate'] → 'schedule.rows[3].dueDate' */
function fieldPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** Parses with `schema` or throws `ContractDocumentError('invalid_input')` naming the first issue. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, root: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = fieldPath([root, ...(issue?.path ?? [])].filter((key) => key !== ''));
  throw new ContractDocumentError('invalid_input', path, `${path}: ${issue?.message ?? 'invalid'}`, { cause: result.error });
}
