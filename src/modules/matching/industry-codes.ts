/**
 * WZ 2008 industry codes and their hierarchy.
 *
 * Levels: section "C" ⊃ division "25" ⊃ group "25.6" ⊃ class "25.62" ⊃ subclass "25.62.0".
 * A prefix matches on hierarchy boundaries only: "47.1" contains "47.11" and "47" contains both,
 * but "4" is no WZ code and contains nothing ("4" must not match "47").
 *
 * For speed every code is turned into a closed interval of integers in which descendants nest:
 * key = division·1000 + group digit·100 + class digit·10 + subclass digit, so "47" = [47000, 47999],
 * "47.1" = [47100, 47199], "47.11" = [47110, 47119], "47.11.1" = [47111, 47111]. Sections are
 * contiguous runs of divisions (A = 01–03, C = 10–33, …), so "C" = [10000, 33999].
 * "x is within prefix p" is then interval containment, "x and p overlap" interval intersection.
 */
import { DIVISION_SECTION, WZ_SECTIONS, type WzSection } from './wz-sections.js';

/** Syntax of a WZ code at any level (existence of the division is checked separately). */
export const WZ_CODE_PATTERN = /^(?:[A-U]|\d{2}(?:\.\d(?:\d(?:\.\d)?)?)?)$/;

export interface WzInterval {
  readonly lo: number;
  readonly hi: number;
}

const SECTION_INTERVALS: ReadonlyMap<string, WzInterval> = (() => {
  const bounds = new Map<string, { lo: number; hi: number }>();
  for (const [division, section] of Object.entries(DIVISION_SECTION)) {
    const d = Number(division);
    const b = bounds.get(section);
    if (b === undefined) bounds.set(section, { lo: d, hi: d });
    else {
      b.lo = Math.min(b.lo, d);
      b.hi = Math.max(b.hi, d);
    }
  }
  const out = new Map<string, WzInterval>();
  for (const section of WZ_SECTIONS) {
    const b = bounds.get(section);
    if (b !== undefined) out.set(section, { lo: b.lo * 1000, hi: b.hi * 1000 + 999 });
  }
  return out;
})();

/** The interval of a WZ code, or null when it is malformed or names a division that does not exist. */
export function wzInterval(code: string): WzInterval | null {
  if (!WZ_CODE_PATTERN.test(code)) return null;
  if (code.length === 1) return SECTION_INTERVALS.get(code) ?? null;
  const division = code.slice(0, 2);
  if (DIVISION_SECTION[division] === undefined) return null;
  const base = Number(division) * 1000;
  // "dd" | "dd.g" | "dd.gc" | "dd.gc.s"
  if (code.length === 2) return { lo: base, hi: base + 999 };
  const group = base + Number(code[3]) * 100;
  if (code.length === 4) return { lo: group, hi: group + 99 };
  const klass = group + Number(code[4]) * 10;
  if (code.length === 5) return { lo: klass, hi: klass + 9 };
  const sub = klass + Number(code[6]);
  return { lo: sub, hi: sub };
}

/** A well-formed WZ 2008 code whose division exists. */
export function isWzCode(code: string): boolean {
  return wzInterval(code) !== null;
}

/** The section of a WZ code ("25.62" → "C", "C" → "C"), or null for an invalid code. */
export function wzSectionOf(code: string): WzSection | null {
  if (!isWzCode(code)) return null;
  if (code.length === 1) return code as WzSection;
  return DIVISION_SECTION[code.slice(0, 2)] ?? null;
}

/** `code` lies in the subtree of `prefix` ("47.11" within "47.1", "47" and "G"; not within "4"). */
export function industryCodeWithin(code: string, prefix: string): boolean {
  const c = wzInterval(code);
  const p = wzInterval(prefix);
  return c !== null && p !== null && p.lo <= c.lo && c.hi <= p.hi;
}

/** The two subtrees share at least one code ("C" and "25" overlap; "25" and "26" do not). */
export function industryCodesOverlap(a: string, b: string): boolean {
  const x = wzInterval(a);
  const y = wzInterval(b);
  return x !== null && y !== null && x.lo <= y.hi && y.lo <= x.hi;
}

/**
 * Sorted, flat [lo0, hi0, lo1, hi1, …] intervals of a list of valid codes, nested ones dropped.
 * WZ intervals are laminar (two either nest or are disjoint), so merging only overlapping ones keeps
 * "within one of the prefixes" exactly as it was; adjacent ones ("10" … "33") are deliberately not
 * fused, so a company coded only as section "C" is not taken to lie within a list of divisions.
 */
export function mergedIntervals(codes: readonly string[]): Int32Array {
  const intervals = codes
    .map((code) => {
      const interval = wzInterval(code);
      if (interval === null) throw new RangeError(`not a WZ 2008 code: ${JSON.stringify(code)}`);
      return interval;
    })
    .sort((a, b) => a.lo - b.lo);
  const flat: number[] = [];
  for (const { lo, hi } of intervals) {
    const last = flat.length - 1;
    if (last > 0 && lo <= flat[last]) flat[last] = Math.max(flat[last], hi);
    else flat.push(lo, hi);
  }
  return Int32Array.from(flat);
}
