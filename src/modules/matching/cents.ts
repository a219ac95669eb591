/**
 * Exact money and ratio arithmetic for the matching engine, without floating point.
 *
 * Amounts are decimal strings with at most two decimals ("250000.00"). They become integer cents held
 * in a JS number: with at most 13 integer digits the largest value is < 10^15 < 2^53, so every amount,
 * and the sum of two amounts, is an exact integer and `<`/`<=` compare exactly to the cent.
 * Ratios ("0.5", up to 6 decimals) become numerator/10^k; the one product comparison
 * (amount ≤ ratio × revenue) is done in integers, falling back to BigInt when a product could leave
 * the exact range of a double.
 */

/** Non-negative decimal EUR, at most 13 integer digits and 2 decimals, no sign, no exponent. */
export const MONEY_PATTERN = /^(?:0|[1-9]\d{0,12})(?:\.\d{1,2})?$/;

/** Non-negative decimal ratio, at most 4 integer digits and 6 decimals ("0.5", "1.25"). */
export const RATIO_PATTERN = /^(?:0|[1-9]\d{0,3})(?:\.\d{1,6})?$/;

export function isMoneyString(value: string): boolean {
  return MONEY_PATTERN.test(value);
}

/** "1234.5" → 123450. Throws on anything that is not a MONEY_PATTERN string. */
export function parseCents(value: string): number {
  if (!MONEY_PATTERN.test(value)) {
    throw new RangeError(`not a decimal EUR amount with at most two decimals: ${JSON.stringify(value)}`);
  }
  const dot = value.indexOf('.');
  if (dot === -1) return Number(value) * 100;
  const whole = Number(value.slice(0, dot));
  const fraction = value.slice(dot + 1);
  return whole * 100 + (fraction.length === 1 ? Number(fraction) * 10 : Number(fraction));
}

/** A ratio as an exact fraction numerator / scale, scale a power of ten (1 … 10^6). */
export interface Ratio {
  readonly numerator: number;
  readonly scale: number;
}

export function parseRatio(value: string): Ratio {
  if (!RATIO_PATTERN.test(value)) {
    throw new RangeError(`not a decimal ratio with at most six decimals: ${JSON.stringify(value)}`);
  }
  const dot = value.indexOf('.');
  if (dot === -1) return { numerator: Number(value), scale: 1 };
  const fraction = value.slice(dot + 1);
  const scale = 10 ** fraction.length;
  return { numerator: Number(value.slice(0, dot)) * scale + Number(fraction), scale };
}

/**
 * amountCents ≤ (numerator / scale) × revenueCents, exactly: amount × scale ≤ numerator × revenue.
 * When both double products are ≤ MAX_SAFE_INTEGER they are exact (a true product above 2^53 can
 * never round down to ≤ 2^53 − 1), otherwise the comparison is redone in BigInt.
 */
export function amountWithinRatio(amountCents: number, revenueCents: number, numerator: number, scale: number): boolean {
  const lhs = amountCents * scale;
  const rhs = numerator * revenueCents;
  if (lhs <= Number.MAX_SAFE_INTEGER && rhs <= Number.MAX_SAFE_INTEGER) return lhs <= rhs;
  return BigInt(amountCents) * BigInt(scale) <= BigInt(numerator) * BigInt(revenueCents);
}
