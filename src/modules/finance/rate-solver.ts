/**
 * Root of the APR equation  Σ A_k (1 + X)^(−t_k) = 0  (A_k > 0 paid out to the borrower, A_k < 0
 * paid by the borrower, t_k in years from the first drawdown), in binary floating point.
 *
 * Solved for L = ln(1 + X), which maps X ∈ (−1, ∞) onto all reals and turns the terms into plain
 * exponentials: h(L) = Σ A_k e^(−t_k L). Newton's method from a close first guess converges in a
 * few steps for loans (h is then increasing and concave); when it does not, a bracket is searched
 * outwards from X = 0 and a Newton/bisection hybrid finishes inside it. The iteration stops at
 * |ΔL| ≤ 1e-14, and a root is accepted only if |h| ≤ 1e-9 of the flows' total, so X is good to about
 * 1e-12 — far inside the 1e-9 it is needed to.
 *
 * Speed: each t_k is split into whole twelfths m_k and a rest r_k (0 for monthly flows), and
 * e^(−t_k L) = q^m_k · e^(−r_k L) with q = e^(−L/12); the powers q^m come from one table per
 * evaluation, so a 360-month loan costs one exponential per Newton step, not 361.
 */

const MAX_EXPONENT = 700; // e^700 ≈ 1e304, still finite
// L above 700 would make X = e^L − 1 overflow. Below −700 / t_max the terms e^(−t L) would overflow;
// above, large L only lets late terms underflow towards 0, which is harmless.
const NEWTON_ITERATIONS = 60;
const HYBRID_ITERATIONS = 200;
const TOLERANCE = 1e-14;
const ROOT_RESIDUAL = 1e-9;

interface Bounds {
  readonly lower: number;
  readonly upper: number;
}

interface Flows {
  readonly months: Int32Array; // whole twelfths of a year, ≥ 0
  readonly rest: Float64Array; // t − months / 12
  readonly amount: Float64Array; // normalised so that Σ |amount| = 1
  readonly powers: Float64Array; // scratch: q^m for m = 0..maxMonths
  readonly derivativeOut: Float64Array; // scratch: [h, h']
}

/**
 * X solving Σ amounts[k] (1 + X)^(−years[k]) = 0, or undefined when there is no root (or it lies
 * beyond what the exponentials can represent). Amounts of any scale; zero amounts are ignored.
 */
export function solveAnnualRate(years: ArrayLike<number>, amounts: ArrayLike<number>): number | undefined {
  const n = years.length;
  if (amounts.length !== n) throw new RangeError('years and amounts differ in length');
  let scale = 0;
  let maxYears = 0;
  let positive = 0;
  let negative = 0;
  let positiveTime = 0;
  let negativeTime = 0;
  for (let k = 0; k < n; k++) {
    const a = amounts[k];
    const t = years[k];
    if (!(Number.isFinite(a) && Number.isFinite(t)) || t < 0) return undefined;
    if (a === 0) continue;
    scale += Math.abs(a);
    if (t > maxYears) maxYears = t;
    if (a > 0) {
      positive += a;
      positiveTime += a * t;
    } else {
      negative -= a;
      negativeTime -= a * t;
    }
  }
  if (positive === 0 || negative === 0 || maxYears === 0) return undefined;

  let maxMonths = 0;
  const months = new Int32Array(n);
  const rest = new Float64Array(n);
  const amount = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const m = Math.round(years[k] * 12);
    months[k] = m;
    rest[k] = years[k] - m / 12;
    amount[k] = amounts[k] / scale;
    if (m > maxMonths) maxMonths = m;
  }
  const flows: Flows = { months, rest, amount, powers: new Float64Array(maxMonths + 1), derivativeOut: new Float64Array(2) };
  const bounds: Bounds = { lower: -Math.min(MAX_EXPONENT, MAX_EXPONENT / maxYears), upper: MAX_EXPONENT };

  // First guess: one drawdown and one repayment at the amount-weighted mean times.
  const span = negativeTime / negative - positiveTime / positive;
  let guess = span > 0 ? Math.log(negative / positive) / span : 0.05;
  if (!(guess > bounds.lower && guess < bounds.upper)) guess = 0.05;

  let root = newton(flows, guess, bounds);
  if (root === undefined || !isRoot(flows, root)) root = bracketAndRefine(flows, bounds);
  if (root === undefined || !isRoot(flows, root)) return undefined;
  const rate = Math.expm1(root);
  // X = −1 (1 + X underflowed to 0) is no rate: (1 + X)^(−t) would be infinite.
  return rate > -1 && Number.isFinite(rate) ? rate : undefined;
}

/** h(L) into out[0] and, if wanted, h'(L) into out[1]. */
function evaluate(flows: Flows, L: number, withDerivative: boolean): number {
  const { months, rest, amount, powers, derivativeOut } = flows;
  const q = Math.exp(-L / 12);
  powers[0] = 1;
  for (let m = 1; m < powers.length; m++) powers[m] = powers[m - 1] * q;
  let h = 0;
  let dh = 0;
  for (let k = 0; k < amount.length; k++) {
    const r = rest[k];
    const term = amount[k] * powers[months[k]] * (r === 0 ? 1 : Math.exp(-r * L));
    h += term;
    if (withDerivative) dh -= (months[k] / 12 + r) * term;
  }
  derivativeOut[0] = h;
  derivativeOut[1] = dh;
  return h;
}

function isRoot(flows: Flows, L: number): boolean {
  return Math.abs(evaluate(flows, L, false)) <= ROOT_RESIDUAL;
}

function newton(flows: Flows, start: number, bounds: Bounds): number | undefined {
  const out = flows.derivativeOut;
  let L = start;
  for (let i = 0; i < NEWTON_ITERATIONS; i++) {
    evaluate(flows, L, true);
    const h = out[0];
    const dh = out[1];
    if (h === 0) return L;
    if (!(Number.isFinite(h) && Number.isFinite(dh)) || dh === 0) return undefined;
    const step = h / dh;
    const next = L - step;
    if (!(next >= bounds.lower && next <= bounds.upper)) return undefined;
    L = next;
    if (Math.abs(step) <= TOLERANCE * Math.max(1, Math.abs(L))) return L;
  }
  return undefined;
}

const BRACKET_STEPS = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 35, 50, 100, 200, 350, 500, 700];

/** Searches outwards from L = 0 for the sign change nearest to X = 0, then refines it. */
function bracketAndRefine(flows: Flows, bounds: Bounds): number | undefined {
  const h0 = evaluate(flows, 0, false);
  if (h0 === 0) return 0;
  let upL = 0;
  let upH = h0;
  let downL = 0;
  let downH = h0;
  let upOpen = true;
  let downOpen = true;
  for (const s of BRACKET_STEPS) {
    if (upOpen) {
      const x = Math.min(s, bounds.upper);
      upOpen = x < bounds.upper;
      const h = evaluate(flows, x, false);
      if (h === 0) return x;
      if (Number.isFinite(h) && Math.sign(h) !== Math.sign(upH)) return refine(flows, upL, upH, x, h);
      upL = x;
      upH = h;
    }
    if (downOpen) {
      const x = Math.max(-s, bounds.lower);
      downOpen = x > bounds.lower;
      const h = evaluate(flows, x, false);
      if (h === 0) return x;
      if (Number.isFinite(h) && Math.sign(h) !== Math.sign(downH)) return refine(flows, x, h, downL, downH);
      downL = x;
      downH = h;
    }
    if (!upOpen && !downOpen) break;
  }
  return undefined;
}

/** Newton steps kept inside the bracket [lo, hi] (h(lo), h(hi) of opposite signs), else bisection. */
function refine(flows: Flows, lo: number, hLo: number, hi: number, hHi: number): number {
  if (hLo === 0) return lo;
  if (hHi === 0) return hi;
  const out = flows.derivativeOut;
  const loNegative = hLo < 0;
  let L = 0.5 * (lo + hi);
  for (let i = 0; i < HYBRID_ITERATIONS; i++) {
    evaluate(flows, L, true);
    const h = out[0];
    const dh = out[1];
    if (h === 0) return L;
    if (h < 0 === loNegative) lo = L;
    else hi = L;
    let next = dh !== 0 ? L - h / dh : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const step = Math.abs(next - L);
    L = next;
    if (step <= TOLERANCE * Math.max(1, Math.abs(L)) || hi - lo <= TOLERANCE * Math.max(1, Math.abs(L))) return L;
  }
  return L;
}
