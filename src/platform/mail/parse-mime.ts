/**
 * A minimal MIME reader for the SMTP catcher: enough to show a caught message, not a full mail parser.
 *
 * Understands RFC 5322 headers with folding, RFC 2047 encoded-words (B and Q, any charset TextDecoder
 * knows) in header values, RFC 2231 parameter values and continuations (non-ASCII attachment names),
 * nested multipart bodies, the quoted-printable and base64 transfer encodings and text charsets.
 * Attachments are reported by name, type and decoded size; their content is not kept.
 *
 * The body is handled as a "binary" string (one char per byte, latin1) so that byte offsets, boundaries
 * and transfer decodings stay exact; text is decoded with its charset only at the end.
 * It never throws on malformed input: whatever cannot be read is left out or shown as it is.
 */

export interface MimeHeader {
  /** Header name as written (case kept). */
  name: string;
  /** Unfolded value with encoded-words decoded. */
  value: string;
}

export interface MimeAttachment {
  filename: string;
  contentType: string;
  /** Decoded size in bytes. */
  size: number;
}

export interface ParsedMessage {
  headers: MimeHeader[];
  /** Message-ID as written, angle brackets included (`<…@…>`), or null when absent. */
  messageId: string | null;
  /** The From header, decoded: `Name <address>` or `address`; '' when absent. */
  from: string;
  /** The To header's addresses, decoded, one per entry: `Name <address>` or `address`. */
  to: string[];
  cc: string[];
  subject: string;
  /** The plain-text body ('' when the message has none), line breaks as `\n`. */
  text: string;
  /** The HTML body, or null. */
  html: string | null;
  attachments: MimeAttachment[];
}

/** Deeper nesting than this is not a message a platform sends; its parts are skipped. */
const MAX_DEPTH = 20;

interface RawHeader {
  name: string;
  /** Unfolded, undecoded value (UTF-8 decoded bytes, encoded-words untouched). */
  raw: string;
}

interface Entity {
  headers: RawHeader[];
  /** Binary string: one char per byte. */
  body: string;
}

// ---------------------------------------------------------------------------------------------------------
// Charsets and encodings

/** Decodes bytes in a named charset; unknown charsets fall back to UTF-8, never throw. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  let label = (charset ?? 'utf-8').trim().toLowerCase();
  // RFC 2231 allows a language after the charset in encoded-words: utf-8*de
  const star = label.indexOf('*');
  if (star >= 0) label = label.slice(0, star);
  if (label === '' || label === 'us-ascii' || label === 'ascii' || label === 'utf8') label = 'utf-8';
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function binaryToBytes(binary: string): Buffer {
  return Buffer.from(binary, 'latin1');
}

/** Decodes `=XX` escapes to bytes; every other char is one byte. Invalid escapes are kept as written. */
function decodeHexEscapes(binary: string): Buffer {
  const out = Buffer.allocUnsafe(binary.length);
  let n = 0;
  for (let i = 0; i < binary.length; i++) {
    const c = binary.charCodeAt(i);
    if (c === 0x3d /* = */ && /^[0-9A-Fa-f]{2}$/.test(binary.slice(i + 1, i + 3))) {
      out[n++] = parseInt(binary.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[n++] = c & 0xff;
    }
  }
  return out.subarray(0, n);
}

/** Quoted-printable (RFC 2045 §6.7) → bytes. */
export function decodeQuotedPrintable(binary: string): Buffer {
  const unpadded = binary.replace(/[ \t]+(?=\r?\n|$)/g, ''); // transport padding at line ends
  return decodeHexEscapes(unpadded.replace(/=\r?\n/g, '')); // soft line breaks
}

function decodeBase64(binary: string): Buffer {
  return Buffer.from(binary.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
}

function decodeTransfer(binary: string, encoding: string): Buffer {
  switch (encoding) {
    case 'base64':
      return decodeBase64(binary);
    case 'quoted-printable':
      return decodeQuotedPrintable(binary);
    default: // 7bit, 8bit, binary, or unknown: the bytes as they are
      return binaryToBytes(binary);
  }
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function encodedWordBytes(encoding: string, text: string): Buffer {
  if (encoding === 'B' || encoding === 'b') return decodeBase64(text);
  // Q: "_" is a space, =XX a byte
  return decodeHexEscapes(text.replace(/_/g, ' '));
}

/**
 * Decodes RFC 2047 encoded-words in a header value. Whitespace between two adjacent encoded-words is
 * dropped, and adjacent words of one charset are joined as bytes first, so a multi-byte character
 * split across two words comes out whole.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  type Piece = { word: false; text: string } | { word: true; charset: string; bytes: Buffer };
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of value.matchAll(ENCODED_WORD)) {
    const index = m.index ?? 0;
    if (index > last) pieces.push({ word: false, text: value.slice(last, index) });
    pieces.push({ word: true, charset: m[1].toLowerCase(), bytes: encodedWordBytes(m[2], m[3]) });
    last = index + m[0].length;
  }
  if (last < value.length) pieces.push({ word: false, text: value.slice(last) });

  let out = '';
  let pending: { charset: string; chunks: Buffer[] } | null = null;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.chunks), pending.charset);
    pending = null;
  };
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.word) {
      if (pending && pending.charset === piece.charset) pending.chunks.push(piece.bytes);
      else {
        flush();
        pending = { charset: piece.charset, chunks: [piece.bytes] };
      }
      continue;
    }
    const between = i > 0 && pieces[i - 1].word && i + 1 < pieces.length && pieces[i + 1].word;
    if (between && /^[ \t\r\n]*$/.test(piece.text)) continue;
    flush();
    out += piece.text;
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Headers

/** Splits an entity (binary string) into its unfolded headers and its body. */
function splitEntity(binary: string): Entity {
  const m = /\r?\n\r?\n/.exec(binary);
  // a part that starts with a blank line has no headers
  const startsBlank = /^\r?\n/.exec(binary);
  let headerBlock: string;
  let body: string;
  if (startsBlank) {
    headerBlock = '';
    body = binary.slice(startsBlank[0].length);
  } else if (m) {
    headerBlock = binary.slice(0, m.index);
    body = binary.slice(m.index + m[0].length);
  } else {
    headerBlock = binary;
    body = '';
  }
  // header bytes may be UTF-8 (RFC 6532)
  const headerText = decodeCharset(binaryToBytes(headerBlock), 'utf-8');
  const headers: RawHeader[] = [];
  for (const line of headerText.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      headers[headers.length - 1].raw += line; // folding: the line break goes, the white space stays
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a header (e.g. an mbox "From " line): skip it
    headers.push({ name: line.slice(0, colon).trim(), raw: line.slice(colon + 1).trim() });
  }
  return { headers, body };
}

function header(entity: Entity, name: string): string | undefined {
  const lower = name.toLowerCase();
  return entity.headers.find((h) => h.name.toLowerCase() === lower)?.raw;
}

/** Splits on a separator outside double quotes, angle brackets and comments. */
function splitOutside(value: string, separators: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  let comment = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      current += c;
      if (c === '\\' && i + 1 < value.length) current += value[++i];
      else if (c === '"') quoted = false;
      continue;
    }
    if (c === '"' && comment === 0) quoted = true;
    else if (c === '(') comment++;
    else if (c === ')' && comment > 0) comment--;
    else if (c === '<' && comment === 0) angle++;
    else if (c === '>' && angle > 0 && comment === 0) angle--;
    else if (separators.includes(c) && angle === 0 && comment === 0) {
      out.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  out.push(current);
  return out;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(.)/g, '$1');
  return t;
}

/** One mailbox → `Name <address>` or `address`, display names decoded. */
function formatMailbox(entry: string): string {
  const m = /^(.*)<([^<>]*)>\s*(\([^)]*\))?\s*$/s.exec(entry.trim());
  if (!m) return decodeEncodedWords(entry.trim());
  const address = m[2].trim();
  const name = decodeEncodedWords(unquote(m[1])).trim();
  return name ? `${name} <${address}>` : address;
}

/** An address-list header → its mailboxes, decoded. Group names ("Team: a@x, b@y;") are dropped. */
export function parseAddressList(value: string | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const item of splitOutside(value, ',;')) {
    let entry = item;
    // a group's display name ends at the first ":" outside quotes/brackets
    const group = splitOutside(entry, ':');
    if (group.length > 1) entry = group.slice(1).join(':');
    if (entry.trim() === '') continue;
    out.push(formatMailbox(entry));
  }
  return out;
}

interface HeaderParams {
  /** Main value, lower-case (`text/plain`, `attachment`). */
  value: string;
  params: Record<string, string>;
}

function percentDecode(s: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      for (const b of Buffer.from(s[i], 'utf-8')) bytes.push(b);
    }
  }
  return Buffer.from(bytes);
}

/**
 * Parses a structured header such as Content-Type or Content-Disposition: `value; a=b; c="d"`, with
 * RFC 2231 extended values (`filename*=utf-8''%C3%BC.pdf`) and continuations (`filename*0*=…; filename*1*=…`).
 */
export function parseHeaderParams(raw: string | undefined): HeaderParams {
  if (!raw) return { value: '', params: {} };
  const [first, ...rest] = splitOutside(raw, ';');
  const segments = new Map<string, { index: number; extended: boolean; value: string }[]>();
  for (const item of rest) {
    const eq = item.indexOf('=');
    if (eq <= 0) continue;
    const key = item.slice(0, eq).trim().toLowerCase();
    const value = unquote(item.slice(eq + 1));
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!m) continue;
    const list = segments.get(m[1]) ?? [];
    list.push({ index: m[2] === undefined ? 0 : Number(m[2]), extended: m[3] === '*', value });
    segments.set(m[1], list);
  }
  const params: Record<string, string> = {};
  for (const [name, list] of segments) {
    list.sort((a, b) => a.index - b.index);
    let charset = 'utf-8';
    const chunks: Buffer[] = [];
    list.forEach((segment, i) => {
      let v = segment.value;
      if (segment.extended) {
        if (i === 0) {
          const m = /^([^']*)'[^']*'(.*)$/s.exec(v);
          if (m) {
            charset = m[1] || charset;
            v = m[2];
          }
        }
        chunks.push(percentDecode(v));
      } else {
        chunks.push(Buffer.from(v, 'utf-8'));
      }
    });
    params[name] = decodeEncodedWords(decodeCharset(Buffer.concat(chunks), charset));
  }
  return { value: first.trim().toLowerCase(), params };
}

// ---------------------------------------------------------------------------------------------------------
// Bodies

/** Finds a boundary delimiter line ("--boundary" at a line start) at or after `from`. */
function findDelimiter(body: string, delimiter: string, from: number): number {
  let i = body.indexOf(delimiter, from);
  while (i >= 0) {
    if (i === 0 || body[i - 1] === '\n') {
      const next = body[i + delimiter.length];
      if (next === undefined || next === '-' || next === '\r' || next === '\n' || next === ' ' || next === '\t') return i;
    }
    i = body.indexOf(delimiter, i + 1);
  }
  return -1;
}

/** The body parts of a multipart entity (preamble and epilogue dropped; an unterminated last part kept). */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let at = findDelimiter(body, delimiter, 0);
  while (at >= 0) {
    const after = at + delimiter.length;
    if (body.startsWith('--', after)) break; // close delimiter
    const eol = body.indexOf('\n', after);
    if (eol < 0) break;
    const start = eol + 1;
    const next = findDelimiter(body, delimiter, start);
    if (next < 0) {
      parts.push(body.slice(start));
      break;
    }
    let end = next; // the line break before a delimiter belongs to the delimiter
    if (body[end - 1] === '\n') end--;
    if (body[end - 1] === '\r') end--;
    parts.push(body.slice(start, Math.max(start, end)));
    at = next;
  }
  return parts;
}

interface Collected {
  text: string[];
  html: string[];
  attachments: MimeAttachment[];
}

function decodeText(bytes: Buffer, charset: string | undefined): string {
  return decodeCharset(bytes, charset).replace(/\r\n?/g, '\n');
}

function walk(entity: Entity, depth: number, out: Collected, parentType: string): void {
  const contentType = parseHeaderParams(header(entity, 'content-type'));
  // RFC 2046: parts of a multipart/digest default to message/rfc822, all others to text/plain
  const type = contentType.value || (parentType === 'multipart/digest' ? 'message/rfc822' : 'text/plain');
  const boundary = contentType.params.boundary;
  if (type.startsWith('multipart/') && boundary) {
    if (depth >= MAX_DEPTH) return;
    for (const part of splitMultipart(entity.body, boundary)) walk(splitEntity(part), depth + 1, out, type);
    return;
  }
  const encoding = (header(entity, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const bytes = decodeTransfer(entity.body, encoding);
  const disposition = parseHeaderParams(header(entity, 'content-disposition'));
  const filename = disposition.params.filename ?? contentType.params.name;
  const isBodyType = type === 'text/plain' || type === 'text/html';
  const isAttachment =
    disposition.value === 'attachment' || !isBodyType || (filename !== undefined && disposition.value !== 'inline');
  if (isAttachment) {
    out.attachments.push({ filename: filename ?? 'unnamed', contentType: type, size: bytes.length });
  } else if (type === 'text/html') {
    out.html.push(decodeText(bytes, contentType.params.charset));
  } else {
    out.text.push(decodeText(bytes, contentType.params.charset));
  }
}

/** Reads a raw RFC 5322 message. Never throws. */
export function parseMime(raw: Buffer): ParsedMessage {
  const entity = splitEntity(raw.toString('latin1'));
  // SMTP ends every message with a line break; it is not part of the (last) body
  entity.body = entity.body.replace(/\r?\n$/, '');
  const collected: Collected = { text: [], html: [], attachments: [] };
  try {
    walk(entity, 0, collected, '');
  } catch {
    // a body this reader cannot follow still shows its headers
  }
  const get = (name: string) => header(entity, name);
  return {
    headers: entity.headers.map((h) => ({ name: h.name, value: decodeEncodedWords(h.raw) })),
    messageId: get('message-id')?.trim() || null,
    from: parseAddressList(get('from')).join(', '),
    to: parseAddressList(get('to')),
    cc: parseAddressList(get('cc')),
    subject: decodeEncodedWords(get('subject') ?? ''),
    text: collected.text.join('\n\n'),
    html: collected.html.length > 0 ? collected.html.join('\n') : null,
    attachments: collected.attachments,
  };
}
