/**
 * Metrics of predicted probabilities p against labels y ∈ {0, 1}.
 *
 * - ROC AUC = Mann–Whitney U / (n₊ · n₋): the probability that a random positive is ranked above a
 *   random negative, ties counting one half (average ranks). NaN when a class is absent.
 * - Brier score = mean (p − y)².
 * - Log loss = −mean (y log p + (1 − y) log(1 − p)), p clipped to [1e-15, 1 − 1e-15].
 * - Reliability table: rows sorted by p and cut into `bins` groups of (nearly) equal size (deciles by
 *   default): mean prediction vs. observed rate per group.
 */

export function rocAuc(y: ArrayLike<number>, p: ArrayLike<number>): number {
  const n = y.length;
  if (p.length !== n) throw new RangeError('y and p differ in length');
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => p[a] - p[b]);
  let positives = 0;
  let rankSum = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && p[order[j + 1]] === p[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1; // ranks are 1-based
    for (let k = i; k <= j; k++) {
      if (y[order[k]] === 1) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

export function brierScore(y: ArrayLike<number>, p: ArrayLike<number>): number {
  if (p.length !== y.length) throw new RangeError('y and p differ in length');
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (p[i] - y[i]) ** 2;
  return y.length === 0 ? Number.NaN : sum / y.length;
}

export const LOG_LOSS_EPSILON = 1e-15;

export function logLoss(y: ArrayLike<number>, p: ArrayLike<number>): number {
  if (p.length !== y.length) throw new RangeError('y and p differ in length');
  let sum = 0;
  for (let i = 0; i < y.length; i++) {
    const q = Math.min(Math.max(p[i], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
    sum -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return y.length === 0 ? Number.NaN : sum / y.length;
}

export interface ReliabilityRow {
  /** 1 … bins, by increasing prediction. */
  readonly bin: number;
  readonly count: number;
  readonly meanPredicted: number;
  readonly observedRate: number;
  readonly minPredicted: number;
  readonly maxPredicted: number;
}

/** Equal-count bins by sorted prediction (deciles for bins = 10); empty bins are left out. */
export function reliabilityTable(y: ArrayLike<number>, p: ArrayLike<number>, bins = 10): ReliabilityRow[] {
  const n = y.length;
  if (p.length !== n) throw new RangeError('y and p differ in length');
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b] || a - b);
  const rows: ReliabilityRow[] = [];
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    if (end <= start) continue;
    let sumP = 0;
    let sumY = 0;
    for (let k = start; k < end; k++) {
      sumP += p[order[k]];
      sumY += y[order[k]];
    }
    const count = end - start;
    rows.push({
      bin: b + 1,
      count,
      meanPredicted: sumP / count,
      observedRate: sumY / count,
      minPredicted: p[order[start]],
      maxPredicted: p[order[end - 1]],
    });
  }
  return rows;
}

export interface BinaryMetrics {
  readonly auc: number;
  readonly brier: number;
  readonly logLoss: number;
}

export function binaryMetrics(y: ArrayLike<number>, p: ArrayLike<number>): BinaryMetrics {
  return { auc: rocAuc(y, p), brier: brierScore(y, p), logLoss: logLoss(y, p) };
}
