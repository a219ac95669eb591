/**
 * A CSV text → TabularDataset for the trainer: header row, delimiter `,`, `;` or tab (detected from
 * the header line), values kept as strings (the encoder infers numeric and categorical columns).
 * Values wrapped in single quotes, as in CSV exports of ARFF files ('<0', '?'), lose the quotes. The
 * target column becomes 1 where it equals the positive value (trimmed, quotes ignored) and 0
 * elsewhere; rows whose target is missing are left out and counted, and so are row-number columns of
 * spreadsheet exports.
 */
import { parse } from 'csv-parse/sync';
import { isMissing, type TabularDataset } from './dataset.js';

export class DatasetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetError';
  }
}

export interface CsvTable {
  readonly header: string[];
  readonly records: string[][];
}

function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [ch, count] of counts) if (count > counts.get(best)!) best = ch;
  return best;
}

/** Parses CSV text with a header row; throws DatasetError on malformed CSV or ragged rows. */
export function parseCsvTable(text: string): CsvTable {
  const source = text.replace(/^\uFEFF/, '');
  let rows: string[][];
  try {
    rows = parse(source, { delimiter: detectDelimiter(source), skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new DatasetError(`unreadable CSV: ${(error as Error).message}`);
  }
  if (rows.length === 0) throw new DatasetError('the CSV is empty');
  const header = rows[0].map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new DatasetError(`column "${name}" appears twice in the header`);
    seen.add(name);
  }
  return { header, records: rows.slice(1) };
}

function unquote(value: string): string {
  const v = value.trim();
  return v.length >= 2 && v.startsWith("'") && v.endsWith("'") ? v.slice(1, -1) : v;
}

export interface DatasetFromTableResult {
  readonly dataset: TabularDataset;
  /** Rows left out because their target value is missing. */
  readonly skippedRows: number;
  readonly positives: number;
  /** Columns left out as row numbers (see `isRowIndexColumn`). */
  readonly droppedColumns: string[];
}

/**
 * A row-number column a spreadsheet or pandas export added: an empty or "Unnamed: 0" header, or the
 * values 0, 1, 2, … or 1, 2, 3, … row by row. It carries no information and is left out.
 */
export function isRowIndexColumn(name: string, values: readonly string[]): boolean {
  if (name.trim() === '' || /^unnamed: ?\d+$/i.test(name.trim())) return true;
  if (values.length < 3) return false;
  const start = Number(values[0]);
  if (start !== 0 && start !== 1) return false;
  for (let i = 0; i < values.length; i++) if (values[i] !== String(start + i)) return false;
  return true;
}

/** Splits off the target column; throws DatasetError naming what is wrong (column, positive value). */
export function datasetFromTable(table: CsvTable, target: string, positive: string): DatasetFromTableResult {
  const targetIndex = table.header.indexOf(target);
  if (targetIndex < 0) throw new DatasetError(`no column "${target}"; the columns are: ${table.header.join(', ')}`);
  const wanted = unquote(positive);
  const dropped = table.header.map((name, c) => c !== targetIndex && isRowIndexColumn(name, table.records.map((r) => r[c])));
  const keep = table.header.map((_, c) => c !== targetIndex && !dropped[c]);
  const columns = table.header.filter((_, c) => keep[c]);
  const rows: string[][] = [];
  const labels: number[] = [];
  const values = new Map<string, number>();
  let skippedRows = 0;
  for (const record of table.records) {
    const raw = record[targetIndex];
    if (isMissing(raw)) {
      skippedRows++;
      continue;
    }
    const label = unquote(raw);
    values.set(label, (values.get(label) ?? 0) + 1);
    labels.push(label === wanted ? 1 : 0);
    rows.push(record.filter((_, c) => keep[c]).map(unquote));
  }
  const positives = values.get(wanted) ?? 0;
  if (positives === 0) {
    const list = [...values.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 20)
      .map(([v, count]) => `${v} (${count})`)
      .join(', ');
    throw new DatasetError(`the positive value "${positive}" does not occur in column "${target}"; its values are: ${list || 'none'}`);
  }
  if (positives === rows.length) throw new DatasetError(`every row of column "${target}" is "${positive}": a second class is needed`);
  return {
    dataset: { columns, rows, target: Uint8Array.from(labels) },
    skippedRows,
    positives,
    droppedColumns: table.header.filter((_, c) => dropped[c]),
  };
}
