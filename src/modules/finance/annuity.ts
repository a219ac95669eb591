/**
 * Instalment formulas.
 */
import { Money, type MoneyDecimal } from './money.js';

type DecimalLike = MoneyDecimal | string | number;

/**
 * Constant payment per period that repays `principal` over `periods` periods at `periodicRate`
 * per period, payments at the end of each period:
 *   principal × i / (1 − (1 + i)^−n), and principal / n when i = 0.
 * Same as spreadsheet PMT(i, n, −principal) and numpy-financial pmt(i, n, −principal). Unrounded,
 * 40 significant digits.
 */
export function annuityPayment(principal: DecimalLike, periodicRate: DecimalLike, periods: number): MoneyDecimal {
  if (!Number.isInteger(periods) || periods < 1) throw new RangeError('periods must be a positive integer');
  const pv = new Money(principal);
  const i = new Money(periodicRate);
  if (i.isZero()) return pv.div(periods);
  const discount = Money.sub(1, i.plus(1).pow(-periods));
  return pv.mul(i).div(discount);
}

/** Nominal annual rate to the monthly rate of the 30/360 convention: nominalRate / 12. */
export function monthlyRate(nominalRate: DecimalLike): MoneyDecimal {
  return new Money(nominalRate).div(12);
}

/**
 * The monthly annuity instalment in whole cents, rounded half-up: annuityPayment(principal,
 * nominalRate / 12, months). Computed in binary floating point (relative error of order 1e-15)
 * and recomputed with decimal.js whenever the
 * result lies near a rounding boundary (0.001 cent plus 1e-12 of the amount), so the rounding is
 * always the exact one.
 */
export function annuityInstalmentCents(principalCents: number, nominalRate: string, months: number): number {
  const i = Number(nominalRate) / 12;
  let cents: number;
  if (i === 0) cents = principalCents / months;
  else cents = (principalCents * i) / -Math.expm1(-months * Math.log1p(i));
  const fraction = cents - Math.floor(cents);
  const margin = 0.001 + Math.abs(cents) * 1e-12;
  if (Number.isFinite(cents) && Math.abs(fraction - 0.5) > margin) return Math.floor(cents + 0.5);
  const exact = annuityPayment(new Money(principalCents).div(100), monthlyRate(nominalRate), months);
  return Number(exact.mul(100).toDecimalPlaces(0, Money.ROUND_HALF_UP).toFixed(0));
}
