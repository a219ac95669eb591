import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_PAGE_TITLE, appendSignaturePage } from './append-signature-page.js';
import { ContractDocumentError } from './contract-document-error.js';
import type { AuditEvent, SignatureRecord } from './contract-document.types.js';
import { sampleContractInput } from './contract.fixtures.js';
import { extractPageLines } from './extract-pdf-text.js';
import { DEMO_NOTICE } from './page-frame.js';
import { renderContractPdf } from './render-contract-pdf.js';
import { sha256Hex } from './sha256.js';

const METHOD = 'Kreditplatz-Signatur (fortgeschritten, Re-Authentifizierung)';
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');
const pagesText = async (pdf: Uint8Array): Promise<string[]> =>
  (await extractPageLines(pdf)).map((lines) => plain(lines.join('\n')));

function signatures(hash: string): SignatureRecord[] {
  return [
    {
      role: 'borrower',
      signerName: 'Anna Beispiel',
      signerTitle: 'Geschäftsführerin',
      onBehalfOf: 'Beispiel Präzisionstechnik GmbH',
      signerEmail: 'anna@beispiel.de',
      signedAt: '2026-11-28T10:03:05Z',
      ipAddress: '203.0.113.7',
      method: METHOD,
      documentSha256: hash,
    },
    {
      role: 'lender',
      signerName: 'Bernd Banker',
      signerTitle: 'Prokurist',
      onBehalfOf: 'Musterbank Süd AG',
      signerEmail: 'b.banker@musterbank.example',
      signedAt: '2026-11-30T15:45:00+01:00',
      ipAddress: '2001:db8::42',
      method: METHOD,
      documentSha256: hash,
    },
  ];
}

const AUDIT: AuditEvent[] = [
  { at: '2026-11-27T09:15:00Z', actor: 'System', event: 'Vertragsdokument erstellt' },
  { at: '2026-11-28T10:03:05Z', actor: 'Anna Beispiel (Kreditnehmer)', event: 'Vertrag unterzeichnet ✍️' },
  { at: '2026-11-28T09:58:00Z', actor: 'Anna Beispiel (Kreditnehmer)', event: 'Re-Authentifizierung erfolgreich' },
  { at: '2026-11-30T14:45:00Z', actor: 'Bernd Banker (Musterbank Süd AG)', event: 'Vertrag unterzeichnet' },
];

describe('appendSignaturePage', () => {
  let original: Uint8Array;
  let hash: string;
  let signed: Uint8Array;
  let originalPages: string[];
  let signedPages: string[];

  beforeAll(async () => {
    original = await renderContractPdf(sampleContractInput({ termMonths: 60 }));
    hash = sha256Hex(original);
    signed = await appendSignaturePage(original, signatures(hash), AUDIT);
    originalPages = await pagesText(original);
    signedPages = await pagesText(signed);
  });

  it('keeps the original pages and adds the signature page', () => {
    expect(signedPages).toHaveLength(originalPages.length + 1);
    expect(signedPages.slice(0, originalPages.length)).toEqual(originalPages);
    const page = signedPages[signedPages.length - 1];
    expect(page).toContain(SIGNATURE_PAGE_TITLE);
    expect(page).toContain(`zu: Darlehensvertrag Nr. KP-2026-000123 (Seiten 1 bis ${originalPages.length} dieses Dokuments)`);
    expect(page).toContain(`${SIGNATURE_PAGE_TITLE}: Seite 1 von 1`);
  });

  it('lists each signature with role, signer, e-mail, Berlin and UTC time, IP, method and the hash of the signed bytes', () => {
    const page = signedPages[signedPages.length - 1];
    for (const expected of [
      'SHA-256 des unterzeichneten Originaldokuments',
      hash,
      `über die ${original.length.toLocaleString('de-DE')} Bytes der Vertragsdatei`,
      'Signatur 1: Darlehensnehmer',
      'Unterzeichner Anna Beispiel, Geschäftsführerin für Beispiel Präzisionstechnik GmbH',
      'E-Mail anna@beispiel.de',
      'Zeitpunkt (Europe/Berlin) 28.11.2026, 11:03:05 MEZ (UTC+01:00)',
      'Zeitpunkt (UTC) 28.11.2026, 10:03:05 UTC',
      'IP-Adresse 203.0.113.7',
      `Verfahren ${METHOD}`,
      'Signatur 2: Darlehensgeber',
      'Unterzeichner Bernd Banker, Prokurist für Musterbank Süd AG',
      'Zeitpunkt (Europe/Berlin) 30.11.2026, 15:45:00 MEZ (UTC+01:00)',
      'Zeitpunkt (UTC) 30.11.2026, 14:45:00 UTC',
      'IP-Adresse 2001:db8::42',
    ]) {
      expect(page).toContain(expected);
    }
    // The hash is named for each signature (label wrapped over two lines, value on the first).
    expect(page.split('\n').filter((line) => line.endsWith(hash))).toHaveLength(3);
  });

  it('lists the audit trail in time order', () => {
    const page = signedPages[signedPages.length - 1];
    const lines = page.split('\n');
    const at = (text: string) => lines.findIndex((line) => line.includes(text));
    expect(at('Zeitpunkt (Europe/Berlin) Akteur Ereignis')).toBeGreaterThan(0);
    expect(at('27.11.2026, 10:15:00 MEZ System Vertragsdokument erstellt')).toBeGreaterThan(0);
    expect(at('Re-Authentifizierung erfolgreich')).toBeGreaterThan(at('Vertragsdokument erstellt'));
    expect(at('Vertrag unterzeichnet ?')).toBeGreaterThan(at('Re-Authentifizierung erfolgreich'));
    expect(at('30.11.2026, 15:45:00 MEZ Bernd Banker (Musterbank Süd AG) Vertrag unterzeichnet')).toBeGreaterThan(at('Vertrag unterzeichnet ?'));
  });

  it('names the original hash in its own metadata and keeps the creation date', async () => {
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Darlehensvertrag Nr. KP-2026-000123 – unterzeichnet');
    expect(doc.getSubject()).toBe(`${SIGNATURE_PAGE_TITLE}; SHA-256 des unterzeichneten Originals: ${hash}`);
    expect(doc.getKeywords()).toContain(`sha256:${hash}`);
    expect(doc.getKeywords()).toContain('KP-2026-000123');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-27T09:15:00.000Z');
    // Latest signature or audit event.
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-30T14:45:00.000Z');
  });

  it('is deterministic and leaves the original bytes alone', async () => {
    const copy = original.slice();
    const again = await appendSignaturePage(copy, signatures(hash), AUDIT);
    expect(sha256Hex(again)).toBe(sha256Hex(signed));
    expect(sha256Hex(copy)).toBe(hash);
    const dated = await appendSignaturePage(original, signatures(hash), AUDIT, { modificationDate: new Date('2027-01-01T00:00:00Z') });
    expect((await PDFDocument.load(dated, { updateMetadata: false })).getModificationDate()?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('refuses a signature given for other bytes', async () => {
    const other = signatures(hash);
    other[1] = { ...other[1], documentSha256: sha256Hex(new Uint8Array([1, 2, 3])) };
    const error = await appendSignaturePage(original, other, AUDIT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContractDocumentError);
    expect(error).toMatchObject({ code: 'hash_mismatch', field: 'signatures[1].documentSha256' });
  });

  it('refuses malformed records and unreadable PDFs', async () => {
    const badIp = signatures(hash);
    badIp[0] = { ...badIp[0], ipAddress: '999.1.1.1' };
    await expect(appendSignaturePage(original, badIp, AUDIT)).rejects.toMatchObject({ code: 'invalid_input', field: 'signatures[0].ipAddress' });
    await expect(appendSignaturePage(original, [], AUDIT)).rejects.toMatchObject({ code: 'invalid_input', field: 'signatures' });
    await expect(appendSignaturePage(original, signatures(hash), [{ at: 'gestern', actor: 'x', event: 'y' }])).rejects.toMatchObject({
      code: 'invalid_input',
      field: 'auditTrail[0].at',
    });
    const junk = new TextEncoder().encode('kein PDF');
    await expect(appendSignaturePage(junk, signatures(sha256Hex(junk)), AUDIT)).rejects.toMatchObject({ code: 'invalid_pdf' });
  });

  it('runs a long audit trail over several pages with the header repeated, and keeps the demo notice', async () => {
    const demo = await renderContractPdf(sampleContractInput({ termMonths: 12, demo: true }));
    const demoHash = sha256Hex(demo);
    const trail: AuditEvent[] = Array.from({ length: 150 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 10, 27, 10, i)).toISOString(),
      actor: i % 2 === 0 ? 'System' : 'Anna Beispiel (Kreditnehmer)',
      event: `Ereignis ${i + 1}`,
    }));
    const pages = await pagesText(await appendSignaturePage(demo, signatures(demoHash), trail));
    const originalCount = (await PDFDocument.load(demo)).getPageCount();
    const added = pages.slice(originalCount);
    expect(added.length).toBeGreaterThanOrEqual(3);
    added.forEach((page, i) => {
      expect(page.split('\n')[0]).toBe(DEMO_NOTICE);
      expect(page).toContain(`${SIGNATURE_PAGE_TITLE}: Seite ${i + 1} von ${added.length}`);
    });
    for (const page of added.slice(1)) expect(page).toContain('Zeitpunkt (Europe/Berlin) Akteur Ereignis');
    const all = added.join('\n');
    for (let i = 1; i <= 150; i++) expect(all).toMatch(new RegExp(`Ereignis ${i}$`, 'm'));
  });
});

describe('sha256Hex', () => {
  it('is SHA-256 in lower-case hex (FIPS 180-2 test vector "abc")', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
