/** German-first formats: amounts as `300.000,00 €`, rates as `4,85 %`, dates as `27.11.2026`. */
import i18n from './i18n';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'de-DE');

export function formatEur(amount: string | number): string {
  // Amounts arrive as decimal strings; display rounding to cents is all that happens here.
  return new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(Number(amount));
}

export function formatRate(rate: string | number, digits = 2): string {
  return new Intl.NumberFormat(locale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(Number(rate));
}

export function formatDate(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(iso));
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Berlin' }).format(new Date(iso));
}

/** Accepts German input ("300.000,50") and returns the API's decimal string ("300000.50"), or null. */
export function parseGermanAmount(input: string): string | null {
  const s = input.trim().replace(/\s|€/g, '');
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$|^\d+(\.\d{1,2})?$/.test(s)) return null;
  const normalised = /,/.test(s) || /^\d{1,3}(\.\d{3})+$/.test(s) ? s.replace(/\./g, '').replace(',', '.') : s;
  const [int, frac = ''] = normalised.split('.');
  return `${BigInt(int)}.${frac.padEnd(2, '0')}`;
}

/** Accepts English input ("1,250,000.50") and returns the API's decimal string, or null. */
export function parseEnglishAmount(input: string): string | null {
  const s = input.trim().replace(/\s|€/g, '');
  if (!/^\d{1,3}(,\d{3})*(\.\d{1,2})?$|^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [int, frac = ''] = s.replace(/,/g, '').split('.');
  return `${BigInt(int)}.${frac.padEnd(2, '0')}`;
}

/** An amount typed in the language the person has chosen ("300.000,50" in German, "300,000.50" in English). */
export function parseAmount(input: string): string | null {
  return i18n.language === 'en' ? parseEnglishAmount(input) : parseGermanAmount(input);
}

/** "4,85" (percent, German or English decimal mark) → "0.0485" (the API's decimal fraction), or null. Exact: shifts digits. */
export function parsePercent(input: string): string | null {
  const s = input.trim().replace(/\s|%/g, '').replace(',', '.');
  const m = /^(\d{1,3})(?:\.(\d{1,6}))?$/.exec(s);
  if (!m) return null;
  const digits = (m[1] + (m[2] ?? '')).replace(/^0+(?=\d)/, '');
  const scale = (m[2] ?? '').length + 2;
  const padded = digits.padStart(scale + 1, '0');
  const out = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  return out.replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '.0');
}
