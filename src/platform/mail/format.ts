/**
 * Formatting for mail texts, exact (decimal.js, never floating point), rounded half-up.
 * German: "300.000,00 €", "4,85 %". English: "EUR 300,000.00", "4.85%" (as the matching reasons write them).
 */
import { Decimal } from 'decimal.js';

export type MailLanguage = 'de' | 'en';

function groupThousands(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

function parseDecimal(value: string, what: string): Decimal {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) throw new RangeError(`${what} must be a decimal string, got ${JSON.stringify(value)}`);
  return new Decimal(value.trim());
}

function formatNumber(value: Decimal, decimals: number, lang: MailLanguage): string {
  const fixed = value.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [whole, fraction] = fixed.replace('-', '').split('.');
  const body =
    groupThousands(whole, lang === 'de' ? '.' : ',') + (fraction ? (lang === 'de' ? ',' : '.') + fraction : '');
  return negative ? `-${body}` : body;
}

/** A decimal EUR amount: "300000.00" → "300.000,00 €" / "EUR 300,000.00". */
export function formatAmount(amount: string, lang: MailLanguage): string {
  const n = formatNumber(parseDecimal(amount, 'Amount'), 2, lang);
  return lang === 'de' ? `${n} €` : `EUR ${n}`;
}

/** A rate as a decimal fraction: "0.0485" → "4,85 %" / "4.85%". */
export function formatRate(rate: string, lang: MailLanguage): string {
  const n = formatNumber(parseDecimal(rate, 'Rate').times(100), 2, lang);
  return lang === 'de' ? `${n} %` : `${n}%`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}
