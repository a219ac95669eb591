import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

/** Business dates are Europe/Berlin; the database keeps UTC instants. */
export const BUSINESS_TIME_ZONE = 'Europe/Berlin';

/** Today's date in Berlin as YYYY-MM-DD. */
export function berlinToday(now: Date = new Date()): string {
  return berlinDate(now);
}

/** The Berlin calendar date of an instant, as YYYY-MM-DD. */
export function berlinDate(instant: Date): string {
  return format(new TZDate(instant.getTime(), BUSINESS_TIME_ZONE), 'yyyy-MM-dd');
}

/** True for a real calendar date in YYYY-MM-DD form (rejects 2023-02-29). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
