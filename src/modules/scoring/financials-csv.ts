/**
 * Import of financial statements from CSV (one fiscal year per row), e.g. an export from the
 * accounting software or a spreadsheet. The format is documented in README.md ("CSV import").
 *
 * - Header row with the field names of `ZFinancialStatementSchema` or their German aliases, in any
 *   order, matched case-insensitively and ignoring spaces, `_`, `-` and umlaut spelling
 *   ("Jahresüberschuss" = "Jahresueberschuss" = "jahresueberschuss").
 * - Delimiter `;` or `,`, detected from the header line (the one occurring more often outside quotes;
 *   a tab is accepted too).
 * - Numbers in German or international format: a `,` is the decimal separator ("1.250.000,50",
 *   "1250000,5"); dots are thousands separators when they group three digits ("1.250.000") and the
 *   decimal point otherwise ("1250000.50"). Money has at most two decimals, so "1.250" can only mean
 *   1250. Spaces inside a number are ignored ("1 250 000,50").
 *
 * Pure: takes the file's text, returns the statements of the valid rows and every error with its
 * line number (1 = header).
 */
import { parse } from 'csv-parse/sync';
import { ZFinancialStatementSchema, STATEMENT_FIELDS, type FinancialStatement, type StatementField } from './financials.types.js';

export interface CsvImportError {
  /** Line of the file, 1 = the header row; 0 when the file as a whole is unreadable. */
  readonly line: number;
  /** Canonical field name (e.g. `equity`), the header text for an unknown column, or '' for the whole row. */
  readonly field: string;
  readonly message: string;
}

export interface FinancialsCsvResult {
  /** Valid rows, in file order. */
  readonly statements: FinancialStatement[];
  readonly errors: CsvImportError[];
}

/** Accepted header names per field (after normalisation, see `normaliseHeader`). */
export const HEADER_ALIASES: Readonly<Record<StatementField, readonly string[]>> = {
  fiscalYear: ['fiscalYear', 'Geschäftsjahr', 'Jahr', 'GJ'],
  revenue: ['revenue', 'Umsatz', 'Umsatzerlöse'],
  ebitda: ['ebitda'],
  ebit: ['ebit', 'Betriebsergebnis'],
  interestExpense: ['interestExpense', 'Zinsaufwand', 'Zinsaufwendungen'],
  netIncome: ['netIncome', 'Jahresüberschuss', 'Jahresergebnis'],
  totalAssets: ['totalAssets', 'Bilanzsumme'],
  equity: ['equity', 'Eigenkapital'],
  liabilitiesShortTerm: ['liabilitiesShortTerm', 'kurzfristiges Fremdkapital'],
  liabilitiesLongTerm: ['liabilitiesLongTerm', 'langfristiges Fremdkapital'],
  cash: ['cash', 'Liquide Mittel', 'flüssige Mittel'],
  currentAssets: ['currentAssets', 'Umlaufvermögen'],
  currentLiabilities: ['currentLiabilities', 'kurzfristige Verbindlichkeiten'],
};

/** "Jahresüberschuss" → "jahresueberschuss", "fiscal_year" → "fiscalyear". */
export function normaliseHeader(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

const HEADER_LOOKUP: ReadonlyMap<string, StatementField> = (() => {
  const map = new Map<string, StatementField>();
  for (const field of STATEMENT_FIELDS) {
    for (const alias of HEADER_ALIASES[field]) {
      const key = normaliseHeader(alias);
      const existing = map.get(key);
      if (existing && existing !== field) throw new Error(`ambiguous header alias ${alias}`);
      map.set(key, field);
    }
  }
  return map;
})();

/** The delimiter of the header line: the most frequent of `;`, `,` and tab outside quotes (`,` on a tie). */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ';' || ch === ',' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

const GERMAN_NUMBER = /^(-?)(\d{1,3}(?:\.\d{3})+|\d+),(\d{1,2})$/;
const GROUPED_INTEGER = /^(-?)(\d{1,3}(?:\.\d{3})+)$/;
const PLAIN_NUMBER = /^-?\d+(\.\d{1,2})?$/;

/**
 * A money figure as written in a CSV cell → canonical decimal string ("1.250.000,50" → "1250000.50",
 * "-3.000" → "-3000"), or undefined when it is not a number with at most two decimals.
 */
export function parseGermanOrPlainAmount(cell: string): string | undefined {
  const text = cell.replace(/[\s\u00a0\u202f]/g, '').replace(/^\u2212/, '-');
  if (text === '') return undefined;
  let match = GERMAN_NUMBER.exec(text);
  if (match) return `${match[1]}${match[2].replace(/\./g, '')}.${match[3]}`;
  match = GROUPED_INTEGER.exec(text);
  if (match) return `${match[1]}${match[2].replace(/\./g, '')}`;
  if (PLAIN_NUMBER.test(text)) return text;
  return undefined;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

export function parseFinancialsCsv(text: string): FinancialsCsvResult {
  const errors: CsvImportError[] = [];
  const statements: FinancialStatement[] = [];
  const source = text.replace(/^\uFEFF/, '');
  let records: ParsedRecord[];
  try {
    records = parse(source, {
      delimiter: detectDelimiter(source),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 0;
    return { statements, errors: [{ line, field: '', message: `unreadable CSV: ${(error as Error).message}` }] };
  }
  if (records.length === 0) return { statements, errors: [{ line: 1, field: '', message: 'the file is empty: a header row is required' }] };

  // Header
  const header = records[0];
  const headerLine = header.info.lines;
  const columnField: (StatementField | undefined)[] = [];
  const seen = new Map<StatementField, number>();
  header.record.forEach((name, column) => {
    const field = HEADER_LOOKUP.get(normaliseHeader(name));
    columnField.push(field);
    if (name.trim() === '') {
      // An empty trailing header cell (spreadsheet export) is ignored; its cells must be empty too.
      return;
    }
    if (!field) {
      errors.push({ line: headerLine, field: name, message: `unknown column "${name}"` });
    } else if (seen.has(field)) {
      errors.push({ line: headerLine, field, message: `column "${name}" appears twice (same field as column ${seen.get(field)! + 1})` });
    } else seen.set(field, column);
  });
  for (const field of STATEMENT_FIELDS) {
    if (!seen.has(field)) {
      errors.push({ line: headerLine, field, message: `missing column ${field} (e.g. "${HEADER_ALIASES[field][HEADER_ALIASES[field].length > 1 ? 1 : 0]}")` });
    }
  }
  if (errors.length > 0) return { statements, errors };

  // Rows
  const yearLine = new Map<number, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.record.length) {
      const extrasEmpty = record.length > header.record.length && record.slice(header.record.length).every((cell) => cell === '');
      if (!extrasEmpty) {
        errors.push({ line, field: '', message: `expected ${header.record.length} values, found ${record.length}` });
        continue;
      }
    }
    const candidate: Record<string, unknown> = {};
    let rowOk = true;
    for (const field of STATEMENT_FIELDS) {
      const cell = record[seen.get(field)!] ?? '';
      if (cell === '') {
        errors.push({ line, field, message: 'value missing' });
        rowOk = false;
        continue;
      }
      if (field === 'fiscalYear') {
        if (!/^\d{4}$/.test(cell)) {
          errors.push({ line, field, message: `not a year: "${cell}"` });
          rowOk = false;
        } else candidate[field] = Number(cell);
        continue;
      }
      const amount = parseGermanOrPlainAmount(cell);
      if (amount === undefined) {
        errors.push({ line, field, message: `not an amount with at most two decimals: "${cell}"` });
        rowOk = false;
      } else candidate[field] = amount;
    }
    if (!rowOk) continue;
    const result = ZFinancialStatementSchema.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues) {
        errors.push({ line, field: issue.path.map(String).join('.'), message: issue.message });
      }
      continue;
    }
    const year = result.data.fiscalYear;
    const firstLine = yearLine.get(year);
    if (firstLine !== undefined) {
      errors.push({ line, field: 'fiscalYear', message: `fiscal year ${year} already given in line ${firstLine}` });
      continue;
    }
    yearLine.set(year, line);
    statements.push(result.data);
  }
  if (records.length === 1) errors.push({ line: headerLine, field: '', message: 'no data rows below the header' });
  return { statements, errors };
}
