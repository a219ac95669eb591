/**
 * The 14 standard PDF fonts (Helvetica here) are drawn with WinAnsiEncoding (Windows-1252): 218
 * printable characters, enough for German (ä ö ü Ä Ö Ü ß), € and typographic quotes and dashes, but
 * nothing beyond. pdf-lib throws on any other character, so every text that reaches a page goes
 * through `toWinAnsi` first: rendering never fails on user input (emoji, Chinese, …).
 */

/**
 * Unicode code points of the WinAnsi bytes 0x80–0x9F (Windows-1252; 0 where the byte is unassigned).
 * Every other printable byte (0x20–0x7E, 0xA0–0xFF) is the Latin-1 code point of the same number.
 */
export const WIN_ANSI_0X80_TO_0X9F: readonly number[] = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

const EXTRAS = new Set(WIN_ANSI_0X80_TO_0X9F.filter((cp) => cp !== 0));

/** True if Helvetica with WinAnsiEncoding can draw the code point. */
export function isWinAnsi(codePoint: number): boolean {
  return (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff) || EXTRAS.has(codePoint);
}

/** The text of WinAnsi-encoded bytes (as a PDF's standard-font string holds them). */
export function decodeWinAnsi(bytes: Iterable<number>): string {
  let out = '';
  for (const byte of bytes) {
    const cp = byte >= 0x80 && byte <= 0x9f ? WIN_ANSI_0X80_TO_0X9F[byte - 0x80] : byte;
    out += cp === 0 ? '\ufffd' : String.fromCodePoint(cp);
  }
  return out;
}

/** Characters outside WinAnsi with a close stand-in (before falling back to '?'). */
const STAND_INS: Record<number, string> = {
  0x2010: '-', // hyphen
  0x2011: '-', // non-breaking hyphen
  0x2012: '–', // figure dash
  0x2015: '—', // horizontal bar
  0x2032: "'", // prime
  0x2033: '"', // double prime
  0x2212: '-', // minus sign
  0x2007: ' ', // figure space
  0x2009: ' ', // thin space
  0x200a: ' ', // hair space
  0x202f: '\u00a0', // narrow no-break space (German "4,85 %" typography) → no-break space
  0x2002: ' ',
  0x2003: ' ',
  0x2264: '<=',
  0x2265: '>=',
  0x2192: '->',
  0x2190: '<-',
  0x2713: 'x', // check mark
  0x2714: 'x',
  0x2717: 'x',
  0x1e9e: 'SS', // capital sharp s
};

/** Removed without a trace: zero-width characters, joiners, variation selectors, BOM, soft hyphen. */
function isInvisible(codePoint: number): boolean {
  return (
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x2064) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef) ||
    (codePoint >= 0x1f3fb && codePoint <= 0x1f3ff) || // skin-tone modifiers (part of the emoji before them)
    (codePoint >= 0xe0020 && codePoint <= 0xe007f) || // tag characters (flag sequences)
    codePoint === 0xfeff
  );
}

const COMBINING_MARK = /\p{M}/u;

/**
 * One line of text made drawable: NFC-normalised, tabs and other whitespace to a space, control and
 * invisible characters removed, letters with diacritics outside WinAnsi reduced to their base letter
 * (ő → o, ș → s; ł has no decomposition and becomes '?'), anything else replaced by `replacement` (one per character, emoji included).
 * Line breaks become spaces; use `toWinAnsiLines` to keep them.
 */
export function toWinAnsi(text: string, replacement = '?'): string {
  let out = '';
  for (const char of text.normalize('NFC')) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp === 0x00ad) {
      // soft hyphen: in WinAnsi, but Helvetica draws it as a visible hyphen
    } else if (isWinAnsi(cp)) {
      out += char;
    } else if (cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x0b || cp === 0x0c || cp === 0x85 || cp === 0x2028 || cp === 0x2029) {
      out += ' ';
    } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || isInvisible(cp)) {
      // control or invisible: drop
    } else if (STAND_INS[cp] !== undefined) {
      out += STAND_INS[cp];
    } else if (/\s/u.test(char)) {
      out += ' ';
    } else {
      out += baseLetter(char) ?? (COMBINING_MARK.test(char) ? '' : replacement);
    }
  }
  return out;
}

/** Multi-line text: each line sanitised, CR LF / CR / LF / U+2028 / U+2029 as line breaks. */
export function toWinAnsiLines(text: string, replacement = '?'): string[] {
  return text.split(/\r\n|[\r\n\u0085\u2028\u2029]/).map((line) => toWinAnsi(line, replacement));
}

/** 'ő' → 'o', 'Ș' → 'S' (the decomposed base letter if WinAnsi has it and only marks follow). */
function baseLetter(char: string): string | undefined {
  const decomposed = char.normalize('NFD');
  const base = decomposed.codePointAt(0) ?? 0;
  const rest = decomposed.slice(String.fromCodePoint(base).length);
  if (rest.length === 0 || !isWinAnsi(base)) return undefined;
  for (const mark of rest) if (!COMBINING_MARK.test(mark)) return undefined;
  // The base may recompose with some marks into a WinAnsi letter (e.g. 'ậ' → 'â').
  const partial = String.fromCodePoint(base) + rest.slice(0, 1);
  const recomposed = partial.normalize('NFC');
  if ([...recomposed].length === 1 && isWinAnsi(recomposed.codePointAt(0) ?? 0)) return recomposed;
  return String.fromCodePoint(base);
}
