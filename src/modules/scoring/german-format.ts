/**
 * German number formatting for the explanations: "31,3 %", "2,45", "1.250.000,50 €".
 * Exact: formats a decimal string, rounded half-up, never through floating point.
 */
import { Decimal } from 'decimal.js';

function groupThousands(digits: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return out;
}

/** "1234567.891" with 2 decimals → "1.234.567,89"; "-0.004" → "0,00" (no negative zero). */
export function formatGermanNumber(value: Decimal.Value, decimals: number): string {
  const fixed = new Decimal(value).toFixed(decimals, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const unsigned = fixed.replace('-', '');
  const [whole, fraction] = unsigned.split('.');
  const body = groupThousands(whole) + (fraction ? `,${fraction}` : '');
  return negative ? `-${body}` : body;
}

/** A decimal fraction as a German percentage: "0.3125" → "31,3 %" (1 decimal by default). */
export function formatGermanPercent(fraction: Decimal.Value, decimals = 1): string {
  return `${formatGermanNumber(new Decimal(fraction).times(100), decimals)} %`;
}

/** Whole euros: "300000.00" → "300.000 €". */
export function formatGermanEuros(amount: Decimal.Value): string {
  return `${formatGermanNumber(amount, 0)} €`;
}
