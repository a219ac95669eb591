/**
 * Tabular data for the trainer: rows of raw values (strings from CSV, numbers, null), a binary
 * target, column-type inference and the feature encoder.
 *
 * Encoder (fitted on training rows only, so nothing of a test fold leaks into it):
 * - numeric columns: values that do not parse as a number count as missing and are imputed with the
 *   training median; when the training rows have any missing value, a missing-indicator feature
 *   `column:missing` (1 = was missing) follows. Strongly right-skewed non-negative columns
 *   (skewness > SKEW_LIMIT = 2, at least 10 distinct values) are log1p-transformed — a monotone map that
 *   trees do not notice and that keeps a linear model from being dominated by a few large amounts.
 * - categorical columns: one-hot, one feature per category seen at least `minCategoryCount` times in
 *   the training rows, plus one `column=(other)` feature for rarer categories, missing values and
 *   categories never seen in training.
 * - standardisation (linear models only) is fitted by the model on its own training matrix
 *   (`fitStandardizer`), never on data it is evaluated on.
 *
 * Missing: null, undefined, NaN and the strings "", "NA", "N/A", "NaN", "?", "null" (any case, trimmed).
 */

export type RawValue = string | number | boolean | null | undefined;

export interface TabularDataset {
  /** Feature column names (the target is not among them). */
  readonly columns: readonly string[];
  /** One array per row, values in the order of `columns`. */
  readonly rows: readonly (readonly RawValue[])[];
  /** 1 = positive class (e.g. "bad": default), 0 = negative; one entry per row. */
  readonly target: Uint8Array;
}

export type ColumnKind = 'numeric' | 'categorical';

const MISSING_STRINGS = new Set(['', 'na', 'n/a', 'nan', '?', 'null']);

/** Whether a raw value counts as missing. */
export function isMissing(value: RawValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value === 'boolean') return false;
  const text = value.trim();
  return text.length <= 4 && MISSING_STRINGS.has(text.toLowerCase());
}

/**
 * A raw value as a number: numbers as they are (NaN for ±Infinity), strings parsed ("1.5", " 2 ",
 * "1e3", also a decimal comma "1,5"), booleans as 1/0; NaN when missing or not numeric.
 * Allocation-free on the fast path (plain numeric strings).
 */
export function toNumber(value: RawValue): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (value === null || value === undefined) return Number.NaN;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value.length === 0) return Number.NaN;
  let n = Number(value);
  if (Number.isNaN(n) && value.indexOf(',') >= 0 && value.indexOf('.') < 0) n = Number(value.replace(',', '.'));
  if (!Number.isFinite(n)) return Number.NaN;
  // Number('   ') is 0: a blank string is missing, not zero.
  if (n === 0 && value.trim() === '') return Number.NaN;
  return n;
}

/** A raw value as a category label (trimmed string); undefined when missing. */
export function toCategory(value: RawValue): string | undefined {
  if (isMissing(value)) return undefined;
  if (typeof value === 'string') return value.trim();
  return String(value);
}

/**
 * Numeric when every non-missing value parses as a number (and at least one does), categorical
 * otherwise. Booleans are categorical.
 */
export function inferColumnKinds(columns: readonly string[], rows: readonly (readonly RawValue[])[]): ColumnKind[] {
  return columns.map((_, c) => {
    let numeric = 0;
    for (const row of rows) {
      const value = row[c];
      if (isMissing(value)) continue;
      if (typeof value === 'boolean' || Number.isNaN(toNumber(value))) return 'categorical';
      numeric++;
    }
    return numeric > 0 ? 'numeric' : 'categorical';
  });
}

/** The rows `indices` of a dataset (rows are shared, not copied). */
export function subsetDataset(dataset: TabularDataset, indices: ArrayLike<number>): TabularDataset {
  const rows: (readonly RawValue[])[] = new Array(indices.length);
  const target = new Uint8Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    rows[i] = dataset.rows[indices[i]];
    target[i] = dataset.target[indices[i]];
  }
  return { columns: dataset.columns, rows, target };
}

/** Checks shape and target; throws a RangeError naming the problem. */
export function assertDataset(dataset: TabularDataset): void {
  if (dataset.rows.length !== dataset.target.length) throw new RangeError(`rows (${dataset.rows.length}) and target (${dataset.target.length}) differ in length`);
  dataset.rows.forEach((row, i) => {
    if (row.length !== dataset.columns.length) throw new RangeError(`row ${i} has ${row.length} values, expected ${dataset.columns.length}`);
  });
  for (let i = 0; i < dataset.target.length; i++) {
    if (dataset.target[i] !== 0 && dataset.target[i] !== 1) throw new RangeError(`target[${i}] must be 0 or 1`);
  }
}

export interface EncoderOptions {
  /** Categories seen fewer times in training are grouped into the "(other)" bucket. Default 5. */
  readonly minCategoryCount: number;
  /** log1p-transform strongly right-skewed non-negative numeric columns. Default true. */
  readonly logTransformSkewed: boolean;
  /** Column kinds to use instead of inferring them (by column name). */
  readonly columnKinds?: Readonly<Record<string, ColumnKind>>;
}

export const DEFAULT_ENCODER_OPTIONS: EncoderOptions = { minCategoryCount: 5, logTransformSkewed: true };

/** Skewness above which a non-negative numeric column is log1p-transformed. */
export const SKEW_LIMIT = 2;

export interface NumericColumnSpec {
  readonly kind: 'numeric';
  readonly name: string;
  /** Training median (after the log transform, if any), used for missing values. */
  readonly median: number;
  readonly log: boolean;
  /** Whether a missing-indicator feature follows the value feature. */
  readonly indicator: boolean;
}

export interface CategoricalColumnSpec {
  readonly kind: 'categorical';
  readonly name: string;
  /** Frequent categories, each with its own feature, followed by the "(other)" feature. */
  readonly categories: readonly string[];
}

export type ColumnSpec = NumericColumnSpec | CategoricalColumnSpec;

export interface EncoderJson {
  readonly columns: readonly ColumnSpec[];
}

function median(sorted: Float64Array): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function skewness(values: Float64Array): number {
  const n = values.length;
  if (n < 3) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 <= 0 ? 0 : m3 / Math.pow(m2, 1.5);
}

/**
 * Turns raw rows into numeric feature vectors. Fitted once on training rows; `encodeInto` writes one
 * row without allocating (fast path for single predictions).
 */
export class Encoder {
  readonly columns: readonly ColumnSpec[];
  /** Number of features. */
  readonly width: number;
  readonly featureNames: readonly string[];
  /** For each feature, the index of the raw column it comes from. */
  readonly featureColumn: Int32Array;
  private readonly lookups: (Map<string, number> | undefined)[];

  constructor(json: EncoderJson) {
    this.columns = json.columns;
    const names: string[] = [];
    const owner: number[] = [];
    this.lookups = json.columns.map((spec, c) => {
      if (spec.kind === 'numeric') {
        names.push(spec.name);
        owner.push(c);
        if (spec.indicator) {
          names.push(`${spec.name}:missing`);
          owner.push(c);
        }
        return undefined;
      }
      const map = new Map<string, number>();
      spec.categories.forEach((category, k) => {
        map.set(category, k);
        names.push(`${spec.name}=${category}`);
        owner.push(c);
      });
      names.push(`${spec.name}=(other)`);
      owner.push(c);
      return map;
    });
    this.featureNames = names;
    this.featureColumn = Int32Array.from(owner);
    this.width = names.length;
  }

  /** Fits the encoder on training rows. */
  static fit(columns: readonly string[], rows: readonly (readonly RawValue[])[], options: Partial<EncoderOptions> = {}): Encoder {
    const opts = { ...DEFAULT_ENCODER_OPTIONS, ...options };
    const inferred = inferColumnKinds(columns, rows);
    const specs: ColumnSpec[] = columns.map((name, c) => {
      const kind = opts.columnKinds?.[name] ?? inferred[c];
      if (kind === 'numeric') {
        const values: number[] = [];
        let missing = 0;
        for (const row of rows) {
          const v = toNumber(row[c]);
          if (Number.isNaN(v)) missing++;
          else values.push(v);
        }
        const sorted = Float64Array.from(values).sort();
        let distinct = 0;
        for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
        const log = opts.logTransformSkewed && sorted.length > 0 && sorted[0] >= 0 && distinct >= 10 && skewness(sorted) > SKEW_LIMIT;
        if (log) for (let i = 0; i < sorted.length; i++) sorted[i] = Math.log1p(sorted[i]);
        return { kind: 'numeric', name, median: median(sorted), log, indicator: missing > 0 };
      }
      const counts = new Map<string, number>();
      for (const row of rows) {
        const category = toCategory(row[c]);
        if (category !== undefined) counts.set(category, (counts.get(category) ?? 0) + 1);
      }
      const categories = [...counts.entries()]
        .filter(([, count]) => count >= opts.minCategoryCount)
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
        .map(([category]) => category);
      return { kind: 'categorical', name, categories };
    });
    return new Encoder({ columns: specs });
  }

  /** Writes the features of one raw row to out[offset … offset + width). No allocation for numeric strings and known categories. */
  encodeInto(row: readonly RawValue[], out: Float64Array, offset = 0): void {
    let k = offset;
    const columns = this.columns;
    for (let c = 0; c < columns.length; c++) {
      const spec = columns[c];
      const value = row[c];
      if (spec.kind === 'numeric') {
        let v = toNumber(value);
        const missing = Number.isNaN(v);
        if (missing) v = spec.median;
        else if (spec.log) v = Math.log1p(Math.max(v, 0));
        out[k++] = v;
        if (spec.indicator) out[k++] = missing ? 1 : 0;
      } else {
        const size = spec.categories.length + 1;
        for (let j = 0; j < size; j++) out[k + j] = 0;
        let index: number | undefined;
        if (typeof value === 'string') index = this.lookups[c]!.get(value) ?? this.lookups[c]!.get(value.trim());
        else if (!isMissing(value)) index = this.lookups[c]!.get(String(value));
        out[k + (index ?? size - 1)] = 1;
        k += size;
      }
    }
  }

  /** Row-major matrix (rows × width) of the encoded rows. */
  encodeRows(rows: readonly (readonly RawValue[])[]): Float64Array {
    const out = new Float64Array(rows.length * this.width);
    for (let i = 0; i < rows.length; i++) this.encodeInto(rows[i], out, i * this.width);
    return out;
  }

  toJSON(): EncoderJson {
    return { columns: this.columns };
  }

  static fromJSON(json: EncoderJson): Encoder {
    return new Encoder(json);
  }
}

/** Column means and scales (population standard deviation; 1 for constant columns) of a row-major matrix. */
export interface Standardizer {
  readonly mean: Float64Array;
  readonly scale: Float64Array;
}

export function fitStandardizer(x: Float64Array, n: number, p: number): Standardizer {
  const mean = new Float64Array(p);
  const scale = new Float64Array(p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) mean[j] += x[i * p + j];
  for (let j = 0; j < p; j++) mean[j] /= Math.max(n, 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const d = x[i * p + j] - mean[j];
      scale[j] += d * d;
    }
  }
  for (let j = 0; j < p; j++) {
    const sd = Math.sqrt(scale[j] / Math.max(n, 1));
    scale[j] = sd > 1e-12 ? sd : 1;
  }
  return { mean, scale };
}

/** (x − mean) / scale, a new matrix. */
export function standardize(x: Float64Array, n: number, p: number, s: Standardizer): Float64Array {
  const z = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) z[i * p + j] = (x[i * p + j] - s.mean[j]) / s.scale[j];
  return z;
}
