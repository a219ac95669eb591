import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectDocumentType, sniffCsv } from './detect-content-type.js';
import { SAMPLE_CSV_CP1252, SAMPLE_CSV_UTF8, SAMPLE_JPEG, SAMPLE_PNG, SAMPLE_XLSX, samplePdf, zip } from './documents.fixtures.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-detect-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
async function detect(bytes: Buffer) {
  const file = path.join(dir, `f${++n}`);
  fs.writeFileSync(file, bytes);
  return detectDocumentType(file);
}

describe('document type by content', () => {
  it('recognises PDF, PNG, JPEG and XLSX by their signatures', async () => {
    expect(await detect(await samplePdf())).toEqual({ ok: true, type: { mime: 'application/pdf', ext: 'pdf', contentType: 'application/pdf' } });
    expect(await detect(SAMPLE_PNG)).toMatchObject({ ok: true, type: { mime: 'image/png' } });
    expect(await detect(SAMPLE_JPEG)).toMatchObject({ ok: true, type: { mime: 'image/jpeg', ext: 'jpg' } });
    expect(await detect(SAMPLE_XLSX)).toMatchObject({ ok: true, type: { ext: 'xlsx' } });
  });

  it('recognises CSV in UTF-8 and Windows-1252 and says which', async () => {
    expect(await detect(SAMPLE_CSV_UTF8)).toMatchObject({ ok: true, type: { contentType: 'text/csv; charset=utf-8' } });
    expect(await detect(SAMPLE_CSV_CP1252)).toMatchObject({ ok: true, type: { contentType: 'text/csv; charset=windows-1252' } });
  });

  it('rejects other types, naming what was found', async () => {
    expect(await detect(zip({ 'readme.txt': 'hello' }))).toEqual({ ok: false, detected: 'application/zip' });
    expect(await detect(Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))).toEqual({ ok: false, detected: 'image/gif' });
    expect(await detect(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]))).toMatchObject({ ok: false });
    expect(await detect(Buffer.from('Sehr geehrte Damen und Herren,\nanbei die Unterlagen.\nMit freundlichen Grüßen\n'))).toEqual({ ok: false, detected: null });
  });
});

describe('CSV sniffing', () => {
  it('finds the delimiter and respects quoted fields with delimiters and line breaks', () => {
    expect(sniffCsv(Buffer.from('a,b,c\n1,"x, y",3\n4,"zeile\nzwei",6\n'))).toEqual({ charset: 'utf-8', delimiter: ',', columns: 3, records: 3 });
    expect(sniffCsv(Buffer.from('a\tb\n1\t2\n'))).toMatchObject({ delimiter: '\t', columns: 2 });
    expect(sniffCsv(Buffer.from('\ufeffKonto;Saldo\r\n1200;"1.000,00"\r\n'))).toMatchObject({ delimiter: ';', columns: 2 });
  });

  it('rejects binary, control characters, prose, a single column, a lone header and open quotes', () => {
    expect(sniffCsv(Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0x00, 0x3b, 0x01, 0x0a]))).toBeNull();
    expect(sniffCsv(Buffer.from('a;b\n1;\u0007\n'))).toBeNull();
    expect(sniffCsv(Buffer.from('Hallo, Welt.\nDies ist ein Brief.\nGruß\n'))).toBeNull();
    expect(sniffCsv(Buffer.from('eins\nzwei\ndrei\n'))).toBeNull();
    expect(sniffCsv(Buffer.from('a;b;c\n'))).toBeNull();
    expect(sniffCsv(Buffer.from('a;b\n"1;2\n'))).toBeNull();
    expect(sniffCsv(Buffer.alloc(0))).toBeNull();
    // Bytes undefined in Windows-1252 (0x81) that are not UTF-8 either.
    expect(sniffCsv(Buffer.from([0x61, 0x3b, 0x62, 0x0a, 0x81, 0x3b, 0x63, 0x0a]))).toBeNull();
    // Random bytes are never a CSV.
    expect(sniffCsv(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))).toBeNull();
  });

  it('tolerates a few ragged rows but not mostly ragged ones', () => {
    const rows = Array.from({ length: 9 }, (_, i) => `${i};x;y`);
    expect(sniffCsv(Buffer.from(['a;b;c', ...rows, 'summe;10'].join('\n')))).toMatchObject({ columns: 3 });
    expect(sniffCsv(Buffer.from(['a;b;c', '1;2', '3', '4;5', '6;7;8'].join('\n')))).toBeNull();
  });
});
