import { parseAmount } from '../../format';

/** What the borrower typed in the "financing need" step, as typed. */
export interface NeedInput {
  product: string;
  amount: string;
  termMonths: string;
  purpose: string;
}

export interface NeedValues {
  product: string;
  amount: string;
  termMonths: number;
  purpose: string;
}

/** i18n keys (under `wizard.errors`) per field; the server checks the same bounds again. */
export type NeedErrors = Partial<Record<keyof NeedInput, string>>;

const MIN_AMOUNT = 10_000;
const MAX_AMOUNT = 50_000_000;

/** Checks the inputs as the borrower types; returns the values to send or the errors to show. */
export function validateNeed(input: NeedInput): { values: NeedValues } | { errors: NeedErrors } {
  const errors: NeedErrors = {};
  const amount = parseAmount(input.amount);
  if (!input.amount.trim()) errors.amount = 'required';
  else if (amount === null) errors.amount = 'amountFormat';
  else if (Number(amount) < MIN_AMOUNT || Number(amount) > MAX_AMOUNT) errors.amount = 'amountRange';
  const term = Number(input.termMonths);
  if (!input.termMonths.trim()) errors.termMonths = 'required';
  else if (!Number.isInteger(term) || term < 1 || term > 360) errors.termMonths = 'termRange';
  const purpose = input.purpose.trim();
  if (purpose.length < 3) errors.purpose = 'purposeShort';
  else if (purpose.length > 2000) errors.purpose = 'purposeLong';
  if (!input.product) errors.product = 'required';
  if (Object.keys(errors).length > 0) return { errors };
  return { values: { product: input.product, amount: amount!, termMonths: term, purpose } };
}
