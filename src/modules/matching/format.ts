/**
 * Number formatting for reason messages, exact (from integers, never via floating point).
 * German: "1.234.567,89 €", "4,85 %". English: "EUR 1,234,567.89", "4.85%".
 * A plain space separates number and unit in German, as written in the product texts.
 */

export type Language = 'de' | 'en';

function groupThousands(digits: string, separator: string): string {
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += separator;
    out += digits[i];
  }
  return out;
}

/**
 * Formats the non-negative integer `units` / 10^decimals with thousands grouping. Trailing fraction
 * zeros beyond `minDecimals` are dropped.
 */
export function formatFixed(units: number | bigint, decimals: number, language: Language, minDecimals = decimals): string {
  const negative = typeof units === 'bigint' ? units < 0n : units < 0;
  let digits = (negative ? -BigInt(units) : BigInt(units)).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  let fraction = digits.slice(digits.length - decimals);
  while (fraction.length > minDecimals && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  digits = groupThousands(whole, language === 'de' ? '.' : ',');
  const sign = negative ? '-' : '';
  if (fraction.length === 0) return sign + digits;
  return sign + digits + (language === 'de' ? ',' : '.') + fraction;
}

/** Integer cents → "1.234.567,89 €" / "EUR 1,234,567.89". */
export function formatEur(cents: number, language: Language): string {
  const number = formatFixed(cents, 2, language);
  return language === 'de' ? `${number} €` : `EUR ${number}`;
}

/** Hundredths of a percent ×100 (i.e. percent with 4 decimals as an integer) → "4,85 %" / "4.85%". */
export function formatPercent(percentTimes10000: number | bigint, language: Language): string {
  const number = formatFixed(percentTimes10000, 4, language, 2);
  return language === 'de' ? `${number} %` : `${number}%`;
}

/** "1 Jahr" / "3 Jahre", "1 year" / "3 years", "1 Monat" / "60 Monate" … */
export function formatCount(count: number, language: Language, unit: 'year' | 'month'): string {
  const one = count === 1;
  if (language === 'de') {
    if (unit === 'year') return `${count} ${one ? 'Jahr' : 'Jahre'}`;
    return `${count} ${one ? 'Monat' : 'Monate'}`;
  }
  return `${count} ${unit}${one ? '' : 's'}`;
}
