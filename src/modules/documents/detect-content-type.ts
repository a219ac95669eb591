import fsp from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';

/**
 * What a file is, judged by its content alone — never by its name or the client's declared type.
 * PDF, PNG, JPEG and XLSX by their signatures (file-type); CSV, which has none, by being text in
 * UTF-8 or Windows-1252 with a consistent delimiter structure.
 */
export interface DetectedType {
  mime: string;
  ext: string;
  /** For text: the encoding it was read in. */
  charset?: 'utf-8' | 'windows-1252';
  /** The Content-Type to answer downloads with. */
  contentType: string;
}

export const ALLOWED_SIGNATURE_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};

/** Allowed types in words, for error messages. */
export const ALLOWED_TYPES_TEXT = 'PDF, PNG, JPEG, XLSX oder CSV';

export type Detection = { ok: true; type: DetectedType } | { ok: false; detected: string | null };

export async function detectDocumentType(file: string): Promise<Detection> {
  const signature = await fileTypeFromFile(file);
  if (signature) {
    const ext = ALLOWED_SIGNATURE_TYPES[signature.mime];
    if (!ext) return { ok: false, detected: signature.mime };
    return { ok: true, type: { mime: signature.mime, ext, contentType: signature.mime } };
  }
  const csv = sniffCsv(await fsp.readFile(file));
  if (!csv) return { ok: false, detected: null };
  return { ok: true, type: { mime: 'text/csv', ext: 'csv', charset: csv.charset, contentType: `text/csv; charset=${csv.charset}` } };
}

export interface CsvShape {
  charset: 'utf-8' | 'windows-1252';
  delimiter: string;
  columns: number;
  records: number;
}

/** Bytes Windows-1252 leaves undefined: their presence means the text is not Windows-1252. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);
/** Control characters no CSV contains (tab, LF and CR are fine); C1 controls included for UTF-8. */
export function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}
const DELIMITERS = [';', ',', '\t', '|'] as const;
/** Structure is judged on the beginning of the file; the encoding on all of it. */
const STRUCTURE_SAMPLE_CHARS = 1_000_000;

/**
 * A CSV when: the bytes decode as UTF-8 (strictly) or else as Windows-1252, contain no control
 * characters, and one of `; , TAB |` splits the records (quotes respected) into at least two columns,
 * with a header and at least one record, at least 80 % of the records having the header's column
 * count, and every quote closed.
 * Anything else — binary data, prose, a single column — is not accepted as CSV.
 */
export function sniffCsv(bytes: Uint8Array): CsvShape | null {
  if (bytes.length === 0) return null;
  let body = bytes;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  if (body.includes(0)) return null;
  let text: string;
  let charset: CsvShape['charset'];
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    charset = 'utf-8';
  } catch {
    if (body.some((b) => CP1252_UNDEFINED.has(b))) return null;
    text = new TextDecoder('windows-1252').decode(body);
    charset = 'windows-1252';
  }
  if (hasControlCharacters(text)) return null;
  const sample = text.length > STRUCTURE_SAMPLE_CHARS ? text.slice(0, text.lastIndexOf('\n', STRUCTURE_SAMPLE_CHARS) + 1 || STRUCTURE_SAMPLE_CHARS) : text;
  const truncated = sample.length < text.length;

  let best: CsvShape | null = null;
  for (const delimiter of DELIMITERS) {
    const records = splitRecords(sample, delimiter, truncated);
    // A header and at least one record.
    if (!records || records.length < 2) continue;
    const columns = records[0];
    if (columns < 2) continue;
    const matching = records.filter((n) => n === columns).length;
    if (matching / records.length < 0.8) continue;
    if (!best || columns > best.columns) best = { charset, delimiter, columns, records: records.length };
  }
  return best;
}

/**
 * Field counts of the non-empty records, quotes respected (`""` escapes a quote, line breaks inside
 * quotes belong to the field). Null when a quote is left open at the end of a complete file.
 */
function splitRecords(text: string, delimiter: string, truncated: boolean): number[] | null {
  const counts: number[] = [];
  let fields = 1;
  let inQuotes = false;
  let fieldStart = true;
  let recordHasContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      recordHasContent = true;
    } else if (c === delimiter) {
      fields++;
      fieldStart = true;
      recordHasContent = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (recordHasContent) counts.push(fields);
      fields = 1;
      fieldStart = true;
      recordHasContent = false;
    } else {
      fieldStart = false;
      if (c.trim() !== '') recordHasContent = true;
    }
  }
  if (inQuotes && !truncated) return null;
  if (recordHasContent && !inQuotes) counts.push(fields);
  return counts;
}
