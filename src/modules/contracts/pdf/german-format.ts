/**
 * German number and date formats of the contract: "300.000,00 €", "4,85 %", "27.11.2026",
 * "27.11.2026, 14:03:05 MEZ (UTC+01:00)". Exact: amounts and rates are formatted from decimal strings
 * with decimal.js, never through floating point. A no-break space (U+00A0, in WinAnsi) binds number and
 * unit so a line never breaks between them.
 */
import { Decimal } from 'decimal.js';

const NBSP = '\u00a0';
const BUSINESS_TIME_ZONE = 'Europe/Berlin';

const Exact = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A decimal value with `decimals` places (half-up), German separators: "-1.234,5" for decimals = 1. */
export function formatGermanNumber(value: string, decimals: number): string {
  const fixed = new Exact(value).toFixed(decimals, Decimal.ROUND_HALF_UP);
  const negative = fixed.startsWith('-') && /[1-9]/.test(fixed);
  const [whole, fraction] = fixed.replace('-', '').split('.');
  const grouped = groupThousands(whole);
  return (negative ? '-' : '') + (fraction === undefined ? grouped : `${grouped},${fraction}`);
}

/** "300000" / "300000.00" → "300.000,00 €". */
export function formatEuro(amount: string): string {
  return `${formatGermanNumber(amount, 2)}${NBSP}€`;
}

/**
 * A rate given as a decimal fraction, in percent: "0.0485" → "4,85 %". With `decimals` the percent is
 * rounded half-up to exactly that many places; without, it is shown exactly with at least two places
 * ("0.04875" → "4,875 %", "0.05" → "5,00 %").
 */
export function formatPercent(fraction: string, decimals?: number): string {
  const percent = new Exact(fraction).times(100);
  const places = decimals ?? Math.max(2, percent.decimalPlaces());
  return `${formatGermanNumber(percent.toString(), places)}${NBSP}%`;
}

/** "2026-11-27" → "27.11.2026". */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) throw new RangeError(`not a date YYYY-MM-DD: ${JSON.stringify(isoDate)}`);
  return `${match[3]}.${match[2]}.${match[1]}`;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const berlinParts = new Intl.DateTimeFormat('en-US', {
  timeZone: BUSINESS_TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

function berlinWallClock(instant: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const part of berlinParts.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

function utcWallClock(instant: Date): WallClock {
  return {
    year: instant.getUTCFullYear(),
    month: instant.getUTCMonth() + 1,
    day: instant.getUTCDate(),
    hour: instant.getUTCHours(),
    minute: instant.getUTCMinutes(),
    second: instant.getUTCSeconds(),
  };
}

const two = (n: number): string => String(n).padStart(2, '0');
const dateOf = (c: WallClock): string => `${two(c.day)}.${two(c.month)}.${String(c.year).padStart(4, '0')}`;
const timeOf = (c: WallClock): string => `${two(c.hour)}:${two(c.minute)}:${two(c.second)}`;

/** The Berlin calendar date of an instant as "27.11.2026". */
export function formatBerlinDate(instant: Date): string {
  return dateOf(berlinWallClock(instant));
}

/** The Berlin calendar date of an instant as "2026-11-27". */
export function berlinIsoDate(instant: Date): string {
  const c = berlinWallClock(instant);
  return `${String(c.year).padStart(4, '0')}-${two(c.month)}-${two(c.day)}`;
}

/** "27.11.2026, 14:03:05 MEZ (UTC+01:00)"; MESZ in summer time. */
export function formatBerlinDateTime(instant: Date): string {
  const { clock, zone, offset } = berlinTime(instant);
  return `${dateOf(clock)}, ${timeOf(clock)} ${zone} (UTC${offset})`;
}

/** "27.11.2026, 14:03:05 MEZ" (MEZ/MESZ tell the two 02:xx hours of the autumn change apart). */
export function formatBerlinDateTimeShort(instant: Date): string {
  const { clock, zone } = berlinTime(instant);
  return `${dateOf(clock)}, ${timeOf(clock)} ${zone}`;
}

function berlinTime(instant: Date): { clock: WallClock; zone: string; offset: string } {
  const c = berlinWallClock(instant);
  // Offset = Berlin wall clock read as UTC − the instant (whole seconds; Berlin offsets are whole hours).
  const wallAsUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  const offsetMinutes = Math.round((wallAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const zone = offsetMinutes === 60 ? 'MEZ' : offsetMinutes === 120 ? 'MESZ' : 'Ortszeit Berlin';
  return { clock: c, zone, offset: `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}` };
}

/** "27.11.2026, 13:03:05 UTC". */
export function formatUtcDateTime(instant: Date): string {
  const c = utcWallClock(instant);
  return `${dateOf(c)}, ${timeOf(c)} UTC`;
}

/** "1 Monat", "60 Monate (5 Jahre)", "18 Monate (1 Jahr und 6 Monate)". */
export function formatTermMonths(months: number): string {
  const monthsText = `${months} ${months === 1 ? 'Monat' : 'Monate'}`;
  if (months < 12) return monthsText;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const yearsText = `${years} ${years === 1 ? 'Jahr' : 'Jahre'}`;
  if (rest === 0) return `${monthsText} (${yearsText})`;
  return `${monthsText} (${yearsText} und ${rest} ${rest === 1 ? 'Monat' : 'Monate'})`;
}

/** Sum of decimal strings, exact, as a decimal string. */
export function sumDecimals(values: Iterable<string>): string {
  let total = new Exact(0);
  for (const value of values) total = total.plus(value);
  return total.toFixed();
}

/** Compares two decimal strings: negative, 0, positive. */
export function compareDecimalStrings(a: string, b: string): number {
  return new Exact(a).comparedTo(b);
}

/** a / b rounded half-up to `places` decimals (b > 0), as a decimal string. */
export function divideDecimals(a: string, b: string, places: number): string {
  return new Exact(a).dividedBy(b).toFixed(places, Decimal.ROUND_HALF_UP);
}
