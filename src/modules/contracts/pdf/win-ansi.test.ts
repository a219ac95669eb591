import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { decodeWinAnsi, isWinAnsi, toWinAnsi, toWinAnsiLines } from './win-ansi.js';

describe('WinAnsi sanitising', () => {
  it("knows exactly the characters pdf-lib's Helvetica can encode", async () => {
    const pdf = await PDFDocument.create();
    for (const name of [StandardFonts.Helvetica, StandardFonts.HelveticaBold]) {
      const font = await pdf.embedFont(name);
      const supported = new Set(font.getCharacterSet());
      const ours = [];
      for (let cp = 0; cp <= 0xffff; cp++) if (isWinAnsi(cp)) ours.push(cp);
      // pdf-lib also lists a few control characters it maps to nothing visible; we never draw those.
      const printable = [...supported].filter((cp) => cp >= 0x20 && cp !== 0x7f).sort((a, b) => a - b);
      expect(ours).toEqual(printable);
      expect(ours).toHaveLength(218);
    }
  });

  it('keeps German text, € and typographic quotes as they are', () => {
    const german = 'Größe Übergabe Ärger Öl ß – „Zitat“ ‚x‘ 1.000,00 € … • ™';
    expect(toWinAnsi(german)).toBe(german);
  });

  it('replaces what WinAnsi lacks: emoji and Chinese with ?, letters with diacritics by their base letter', () => {
    expect(toWinAnsi('Danke 😀!')).toBe('Danke ?!');
    expect(toWinAnsi('👨‍👩‍👧 Familie')).toBe('??? Familie'); // joiners dropped, one ? per emoji
    expect(toWinAnsi('👍🏽')).toBe('?'); // skin tone belongs to the emoji
    expect(toWinAnsi('中文合同')).toBe('????');
    expect(toWinAnsi('Łódź, Őrség, Şişli')).toBe('?ódz, Orség, Sisli');
    expect(toWinAnsi('ẞ')).toBe('SS');
    expect(toWinAnsi('e\u0301')).toBe('é'); // decomposed input is composed first
    expect(toWinAnsi('\u05e9\u05dc\u05d5\u05dd \u202eabc')).toBe('???? abc');
  });

  it('turns whitespace into spaces and drops control and invisible characters', () => {
    expect(toWinAnsi('a\tb\nc\r\nd')).toBe('a b c  d');
    expect(toWinAnsi('a\u0000b\u0007c\u007fd\u0085e')).toBe('abcd e');
    expect(toWinAnsi('zero\u200bwidth\ufeff soft\u00adhyphen')).toBe('zerowidth softhyphen');
    expect(toWinAnsi('4,85\u202f%')).toBe('4,85\u00a0%');
    expect(toWinAnsi('a\u2212b\u2011c')).toBe('a-b-c');
    expect(toWinAnsiLines('eins\r\nzwei\rdrei\nvier\u2028fünf')).toEqual(['eins', 'zwei', 'drei', 'vier', 'fünf']);
  });

  it('never lets a character through that Helvetica cannot draw', async () => {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const safe = toWinAnsi(text);
        for (const char of safe) expect(isWinAnsi(char.codePointAt(0) ?? 0)).toBe(true);
        expect(() => font.widthOfTextAtSize(safe, 10)).not.toThrow();
        expect(() => font.encodeText(safe)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('decodes WinAnsi bytes', () => {
    expect(decodeWinAnsi([0x47, 0x72, 0xfc, 0xdf, 0x65, 0x20, 0x80, 0x84, 0x93])).toBe('Grüße €„“');
  });
});
