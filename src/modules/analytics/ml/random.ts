/**
 * Seeded pseudo-random numbers: every random choice of the trainer (folds, subsamples, synthetic
 * data) comes from here, so a seed reproduces a run exactly.
 */

/** Random number generator returning floats in [0, 1). */
export type Rng = () => number;

/** mulberry32: a small, fast 32-bit generator, good enough for sampling (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A derived seed for a sub-task (fold f of a run), so sub-tasks do not share random streams. */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = (Math.floor(seed) ^ 0x811c9dc5) >>> 0;
  for (const part of parts) {
    h = Math.imul(h ^ (Math.floor(part) >>> 0), 0x01000193) >>> 0;
    h ^= h >>> 13;
  }
  return h;
}

/** Integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T extends { length: number; [index: number]: number }>(values: T, rng: Rng): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}

/** Standard normal variate (Box–Muller). */
export function normal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** The first `count` entries of a random permutation of 0 … n−1, in random order. */
export function sampleWithoutReplacement(n: number, count: number, rng: Rng, scratch?: Int32Array): Int32Array {
  const pool = scratch && scratch.length >= n ? scratch : new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const take = Math.min(count, n);
  for (let i = 0; i < take; i++) {
    const j = i + randomInt(rng, n - i);
    const tmp = pool[i];
    pool[i] = pool[j];
    pool[j] = tmp;
  }
  return pool.subarray(0, take);
}
