/**
 * Per-prediction feature contributions in log-odds, additive: bias + Σ contributions = the model's
 * log-odds for the row.
 *
 * - Logistic regression: contribution_j = β_j · (x_j − mean_j) / scale_j (coefficient × standardised
 *   value), bias = the intercept of the standardised model, i.e. the log-odds of an average row.
 * - Gradient boosting: path attribution of Saabas (treeinterpreter): walking a row down a tree, each
 *   split credits its feature with value(child) − value(node); the bias is the base score plus the
 *   root values. Cheap and exact in sum, though (unlike TreeSHAP) it favours splits near the leaves.
 * - A blend (w · LR + (1 − w) · GBT in log-odds) weighs both the same way.
 */
import type { GbtModel } from './gradient-boosting.js';
import type { LogisticModel } from './logistic-regression.js';

/** Writes each feature's contribution to out (length p, overwritten) and returns the bias. */
export function logisticContributions(model: LogisticModel, x: ArrayLike<number>, offset: number, out: Float64Array): number {
  const { coefficients, mean, scale } = model;
  for (let j = 0; j < coefficients.length; j++) out[j] = (coefficients[j] * (x[offset + j] - mean[j])) / scale[j];
  return model.intercept;
}

/** Saabas contributions of the row; out (length p) is overwritten. Returns the bias. */
export function gbtContributions(model: GbtModel, x: ArrayLike<number>, offset: number, out: Float64Array): number {
  out.fill(0);
  const { feature, threshold, left, right, value, treeStart } = model;
  let bias = model.base;
  for (let t = 0; t < treeStart.length - 1; t++) {
    let node = treeStart[t];
    bias += value[node];
    while (left[node] >= 0) {
      const child = x[offset + feature[node]] <= threshold[node] ? left[node] : right[node];
      out[feature[node]] += value[child] - value[node];
      node = child;
    }
  }
  return bias;
}

export interface Contribution {
  /** Feature name ("age", "purpose=car", "savings:missing") or, grouped, the column name. */
  readonly name: string;
  /** Change of the log-odds caused by this feature (column) against the bias. */
  readonly contribution: number;
}

/**
 * The k contributions largest in absolute value, optionally summed per source column
 * (`groups[j]` = column of feature j, `groupNames[c]` its name).
 */
export function topContributions(
  names: readonly string[],
  contributions: ArrayLike<number>,
  k: number,
  grouping?: { readonly groups: ArrayLike<number>; readonly groupNames: readonly string[] },
): Contribution[] {
  let entries: Contribution[];
  if (grouping) {
    const sums = new Float64Array(grouping.groupNames.length);
    for (let j = 0; j < contributions.length; j++) sums[grouping.groups[j]] += contributions[j];
    entries = grouping.groupNames.map((name, c) => ({ name, contribution: sums[c] }));
  } else {
    entries = names.map((name, j) => ({ name, contribution: contributions[j] }));
  }
  return entries
    .filter((e) => e.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.name < b.name ? -1 : 1))
    .slice(0, k);
}
