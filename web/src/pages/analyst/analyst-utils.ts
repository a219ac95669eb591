/** How the analyst page shows a cell of a view: exact digits, local decimal mark, Berlin times. */
export type ColumnType = 'text' | 'uuid' | 'integer' | 'bigint' | 'boolean' | 'decimal' | 'timestamp' | 'date' | 'json';
export type CellValue = string | number | boolean | null | undefined;

export interface CellTexts {
  yes: string;
  no: string;
}

/** Keeps every digit of a decimal string and only swaps the decimal mark ("0.048500" → "0,048500"). */
export function localDecimal(value: string, lang: string): string {
  return lang === 'en' ? value : value.replace('.', ',');
}

export function cellText(value: CellValue, type: ColumnType, lang: string, texts: CellTexts): string {
  if (value === null || value === undefined) return '–';
  if (type === 'boolean') return value ? texts.yes : texts.no;
  if (type === 'decimal') return localDecimal(String(value), lang);
  if (type === 'timestamp') {
    const locale = lang === 'en' ? 'en-GB' : 'de-DE';
    return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium', timeZone: 'Europe/Berlin' }).format(new Date(String(value)));
  }
  if (type === 'date') {
    const [y, m, d] = String(value).split('-');
    return lang === 'en' ? `${d}/${m}/${y}` : `${d}.${m}.${y}`;
  }
  if (type === 'json') {
    const text = String(value);
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  }
  return String(value);
}

/** Where the CSV of a view is downloaded from; `de` for German spreadsheets. */
export function csvUrl(view: string, format: 'rfc4180' | 'de'): string {
  const base = `/api/v1/analyst/views/${encodeURIComponent(view)}/export.csv`;
  return format === 'de' ? `${base}?format=de` : base;
}
