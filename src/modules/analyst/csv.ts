import type { AnalystView, ColumnType } from './catalogue.js';

/** A cell as read from an analyst view: decimals, ids, times and JSON already exact strings. */
export type CellValue = string | number | boolean | null;
export type ViewRow = Record<string, CellValue>;

/**
 * `rfc4180`: comma, decimal point, UTF-8 without BOM — for pandas, R, databases.
 * `de`: semicolon, decimal comma, UTF-8 with BOM, text cells that a spreadsheet would run as a formula
 * prefixed with an apostrophe — for German Excel and LibreOffice.
 * Both: header row, CRLF line ends, fields with separator, quote or line break in double quotes (quotes
 * doubled), NULL as an empty field, an empty text as `""`.
 */
export const CSV_FORMATS = ['rfc4180', 'de'] as const;
export type CsvFormat = (typeof CSV_FORMATS)[number];

const separatorOf = (format: CsvFormat) => (format === 'de' ? ';' : ',');

function quote(value: string, separator: string): string {
  if (value === '' || value.includes(separator) || /["\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

function cell(value: CellValue, type: ColumnType, format: CsvFormat): string {
  if (value === null) return '';
  let text = String(value);
  if (format === 'de') {
    if (type === 'decimal') text = text.replace('.', ',');
    // A leading = + - @ (or tab/CR) makes spreadsheets evaluate the cell (CSV injection).
    else if ((type === 'text' || type === 'json') && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  }
  return quote(text, separatorOf(format));
}

/** The first bytes of the file: the BOM (German format) and the header row. */
export function csvHeader(view: AnalystView, format: CsvFormat): string {
  const sep = separatorOf(format);
  return `${format === 'de' ? '\uFEFF' : ''}${view.columns.map((c) => quote(c.name, sep)).join(sep)}\r\n`;
}

/** One data line, columns in catalogue order. */
export function csvLine(view: AnalystView, row: ViewRow, format: CsvFormat): string {
  return `${view.columns.map((c) => cell(row[c.name] ?? null, c.type, format)).join(separatorOf(format))}\r\n`;
}
