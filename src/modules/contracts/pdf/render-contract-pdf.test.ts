import { spawnSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleWithEffectiveRate } from '../../finance/index.js';
import { ContractDocumentError } from './contract-document-error.js';
import type { ContractDocumentInput } from './contract-document.types.js';
import { sampleContractInput } from './contract.fixtures.js';
import { extractPageLines, extractText } from './extract-pdf-text.js';
import { DEMO_NOTICE } from './page-frame.js';
import { renderContractPdf } from './render-contract-pdf.js';
import { sha256Hex } from './sha256.js';

/** Lines with the no-break spaces between number and unit read as plain spaces. */
const plain = (text: string): string => text.replace(/\u00a0/g, ' ');
const pagesText = async (pdf: Uint8Array): Promise<string[]> =>
  (await extractPageLines(pdf)).map((lines) => plain(lines.join('\n')));

const pdftotextAvailable = spawnSync('pdftotext', ['-v']).error === undefined;

describe('renderContractPdf, 360 months', () => {
  const input = sampleContractInput({ termMonths: 360, graceMonths: 6 });
  let pdf: Uint8Array;
  let pages: string[];
  let text: string;

  beforeAll(async () => {
    pdf = await renderContractPdf(input);
    pages = await pagesText(pdf);
    text = pages.join('\n');
  });

  it('is a PDF of plausibly many pages, each numbered "Seite i von n"', async () => {
    expect(new TextDecoder('latin1').decode(pdf.subarray(0, 8))).toBe('%PDF-1.7');
    const count = (await PDFDocument.load(pdf)).getPageCount();
    // 361 table rows (with the sum) at 40–60 a page after 2–4 pages of contract text.
    expect(count).toBeGreaterThanOrEqual(2 + Math.ceil(361 / 60));
    expect(count).toBeLessThanOrEqual(4 + Math.ceil(361 / 40));
    expect(pages).toHaveLength(count);
    pages.forEach((page, i) => {
      expect(page).toContain(`Seite ${i + 1} von ${count}`);
      expect(page).toContain('Darlehensvertrag Nr. KP-2026-000123');
    });
  });

  it('names the parties and the broker, who is no party', () => {
    for (const expected of [
      'Darlehensvertrag',
      'Vertragsnummer KP-2026-000123 · Datum 27.11.2026',
      'Musterbank Süd AG',
      'BIC: MUSTDEMMXXX',
      '80333 München',
      '– nachstehend „Darlehensgeber“ –',
      'Beispiel Präzisionstechnik GmbH',
      'Rechtsform: GmbH',
      'Hauptstraße 1',
      'Handelsregister: HRB 123456, Amtsgericht München',
      'USt-IdNr.: DE123456789',
      'vertreten durch Anna Beispiel (Geschäftsführerin)',
      '– nachstehend „Darlehensnehmer“ –',
      'vermittelt durch Kreditplatz, Marktstraße 5, 10115 Berlin – als Vermittler, nicht Partei dieses Vertrags',
    ]) {
      expect(pages[0]).toContain(expected);
    }
  });

  it('shows the figures of the schedule in German formats', () => {
    const s = input.schedule;
    const first = s.rows[0];
    const last = s.rows[s.rows.length - 1];
    expect(s.effectiveAnnualRate).toMatch(/^0\.05/);
    for (const expected of [
      'Darlehensbetrag 300.000,00 €',
      'Verwendungszweck Kauf einer 5-Achs-CNC-Fräsmaschine (Investitionskredit)',
      'Zu tilgender Betrag 300.900,00 €',
      'Auszahlungsbetrag 298.500,00 €',
      'Auszahlung am 01.12.2026',
      'Sollzinssatz (nominal) p. a. 4,85 %, fest für die gesamte Laufzeit',
      `Effektiver Jahreszins ${(Number(s.effectiveAnnualRate) * 100).toFixed(2).replace('.', ',')} %`,
      'Laufzeit 360 Monate (30 Jahre), 360 monatliche Raten',
      'Tilgungsart Annuitätendarlehen (gleichbleibende Rate aus Zins und Tilgung)',
      'Tilgungsfreie Anlaufzeit 6 Monate (nur Zinsen, Raten 1 bis 6)',
      'Monatliche Rate 1.599,80 €',
      'gleichbleibend ab der 7. Rate (01.07.2027)',
      `Erste Rate fällig am ${first.dueDate.split('-').reverse().join('.')} (1.666,14 €)`,
      `Letzte Rate fällig am 01.12.2056 (${last.payment.replace('.', ',').replace(/^(\d)(\d{3}),/, '$1.$2,')} €)`,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('lists the fees with when they are due, and the total cost', () => {
    for (const expected of [
      'Bearbeitungsentgelt 1.500,00 € bei Auszahlung',
      'Wertgutachten Maschine 450,00 € mit der ersten Rate',
      'Bürgschaftsentgelt 900,00 € mitfinanziert',
      'Summe der Entgelte 2.850,00 €',
      'Zinsen gesamt 272.727,97 €',
      'Entgelte gesamt 2.850,00 €',
      'Gesamtkosten 275.577,97 €',
      'Gesamtbetrag aller Zahlungen 575.577,97 €',
    ]) {
      expect(text).toContain(expected);
    }
    expect(input.schedule.totalInterest).toBe('272727.97');
    expect(input.schedule.totalPaid).toBe('575577.97');
  });

  it('has collateral, the conditions wrapped, commission, validity, legal notes and signature fields', () => {
    for (const expected of [
      '§ 4 Sicherheiten',
      '• Sicherungsübereignung der finanzierten Maschine',
      '§ 5 Besondere Bedingungen des Darlehensgebers',
      'Sondertilgungen sind einmal jährlich bis zu 10 %',
      '§ 6 Vermittlung durch Kreditplatz',
      'Provision von 3.000,00 € (1,00 % des Darlehensbetrags)',
      '§ 7 Gültigkeit des Angebots',
      'bis einschließlich 11.12.2026',
      'Widerrufsrecht (Information):',
      '§ 513 BGB',
      'keine Rechtsberatung',
      'Datenschutz:',
      'Für den Darlehensnehmer Für den Darlehensgeber',
      'Ort, Datum Ort, Datum',
      'Name, Funktion, Unterschrift Name, Funktion, Unterschrift',
    ]) {
      expect(text).toContain(expected);
    }
    // The conditions are one long paragraph wrapped into several lines, none lost.
    const conditions = text.slice(text.indexOf('§ 5 Besondere'), text.indexOf('§ 6 Vermittlung'));
    expect(conditions.replace(/\s+/g, ' ')).toContain(
      'Die Eigenkapitalquote soll 20 % nicht unterschreiten (Financial Covenant); eine Unterschreitung ist dem Darlehensgeber unverzüglich anzuzeigen.',
    );
    expect(text).not.toContain(DEMO_NOTICE);
  });

  it('has every schedule row, in order, with the header repeated on every schedule page', () => {
    const scheduleStart = pages.findIndex((page) => page.includes('Anlage 1 – Tilgungsplan'));
    expect(scheduleStart).toBeGreaterThan(0);
    const rowLines = pages.slice(scheduleStart).flatMap((page) => page.split('\n').filter((line) => /^\d+ \d{2}\.\d{2}\.\d{4} /.test(line)));
    expect(rowLines).toHaveLength(360);
    input.schedule.rows.forEach((row, i) => {
      const de = (v: string) => v.replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.');
      const cells = [row.payment, row.interest, row.principal, row.fees, row.balance].map((v) => {
        const [whole, fraction] = v.split('.');
        return `${de(whole)},${fraction}`;
      });
      expect(rowLines[i]).toBe(`${row.number} ${row.dueDate.split('-').reverse().join('.')} ${cells.join(' ')}`);
    });
    for (const page of pages.slice(scheduleStart)) expect(page).toContain('Nr. Fällig am Rate Zinsen Tilgung Entgelte Restschuld');
    for (const page of pages.slice(scheduleStart + 1)) expect(page).toContain('Anlage 1 – Tilgungsplan (Fortsetzung)');
    expect(pages[pages.length - 1]).toContain('Summe 574.077,97 272.727,97 300.900,00 450,00');
  });

  it('is byte-identical for the same input, and carries its dates and metadata', async () => {
    const again = await renderContractPdf(input);
    expect(sha256Hex(again)).toBe(sha256Hex(pdf));
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Darlehensvertrag Nr. KP-2026-000123');
    expect(doc.getSubject()).toBe('Darlehensvertrag zwischen Musterbank Süd AG und Beispiel Präzisionstechnik GmbH, vermittelt durch Kreditplatz');
    expect(doc.getAuthor()).toBe('Kreditplatz');
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-11-27T09:15:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2026-11-27T09:15:00.000Z');

    const otherDate = await renderContractPdf(input, { creationDate: new Date('2027-01-01T00:00:00Z') });
    expect(sha256Hex(otherDate)).not.toBe(sha256Hex(pdf));
    expect((await PDFDocument.load(otherDate)).getCreationDate()?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(sha256Hex(await renderContractPdf({ ...input, contractNumber: 'KP-2026-000124' }))).not.toBe(sha256Hex(pdf));
  });

  it.skipIf(!pdftotextAvailable)(
    pdftotextAvailable
      ? 'reads the same in poppler’s pdftotext (umlauts, €, quotes)'
      : 'reads the same in poppler’s pdftotext — SKIPPED: pdftotext (Debian package poppler-utils) is not installed',
    () => {
      const result = spawnSync('pdftotext', ['-q', '-', '-'], { input: pdf, encoding: 'utf8' });
      expect(result.status).toBe(0);
      const out = plain(result.stdout);
      expect(out).toContain('Darlehensbetrag');
      expect(out).toContain('300.000,00 €');
      expect(out).toContain('„Darlehensnehmer“');
      expect(out).toContain('Beispiel Präzisionstechnik GmbH');
      expect(out).toContain('Sicherungsübereignung');
      expect(out).toContain('01.12.2056');
    },
  );
});

describe('renderContractPdf, variants', () => {
  it('renders 60 months on fewer pages than 360', async () => {
    const short = await renderContractPdf(sampleContractInput({ termMonths: 60 }));
    const long = await renderContractPdf(sampleContractInput({ termMonths: 360 }));
    const count = async (bytes: Uint8Array) => (await PDFDocument.load(bytes)).getPageCount();
    expect(await count(short)).toBeGreaterThanOrEqual(4);
    expect(await count(short)).toBeLessThanOrEqual(6);
    expect(await count(long)).toBeGreaterThan((await count(short)) + 4);
  });

  it('puts the demo notice in the header of every page of a demo contract', async () => {
    const pages = await pagesText(await renderContractPdf(sampleContractInput({ termMonths: 120, demo: true })));
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) expect(page.split('\n')[0]).toBe(DEMO_NOTICE);
    expect(pages.join('\n')).toContain('Es ist kein echtes Vertragsangebot');
  });

  it('survives text outside WinAnsi anywhere: emoji, Chinese, control characters, endless words', async () => {
    const base = sampleContractInput({ termMonths: 12 });
    const input: ContractDocumentInput = {
      ...base,
      borrower: { ...base.borrower, name: 'Sonnenschein 🌞 GmbH', representedBy: '李小龙 (Geschäftsführer)' },
      lender: { ...base.lender, name: 'Bank Łódź\u0000 AG' },
      purpose: 'Expansion 🚀🚀 nach 中国',
      collateral: ['Grundschuld 🏠', '\u202eRTL-Text'],
      conditions: `Bedingung 1 ✅ erfüllt\tsofort.\n${'X'.repeat(400)}\nZeile mit\u200b Nullbreite, ẞ und „Anführungszeichen“ – 😀👨‍👩‍👧`,
      fees: [{ type: 'Gebühr 💶', amount: '100.00', when: 'upfront' }],
      schedule: scheduleWithEffectiveRate({
        amount: '300000.00',
        nominalRate: '0.0485',
        termMonths: 12,
        startDate: '2026-12-01',
        fees: [{ type: 'Gebühr 💶', amount: '100.00', when: 'upfront' }],
      }),
    };
    const text = plain(await extractText(await renderContractPdf(input)));
    for (const expected of [
      'Sonnenschein ? GmbH',
      'vertreten durch ??? (Geschäftsführer)',
      'Bank ?ódz AG',
      'Expansion ?? nach ??',
      '• Grundschuld ?',
      '• RTL-Text',
      'Bedingung 1 ? erfüllt sofort.',
      'Zeile mit Nullbreite, SS und „Anführungszeichen“ – ????',
      'Gebühr ? 100,00 € bei Auszahlung',
    ]) {
      expect(text).toContain(expected);
    }
    // The 400 X are broken over lines, none lost.
    expect((text.match(/X/g) ?? []).length).toBeGreaterThanOrEqual(400);
    expect(text.split('\n').some((line) => /^X{50,}$/.test(line))).toBe(true);
  });

  it('words a leasing or other financing generically and handles no fees and no collateral', async () => {
    const base = sampleContractInput({ termMonths: 36, kind: 'financing', fees: [], amortization: 'linear', conditions: '' });
    const text = plain(await extractText(await renderContractPdf({ ...base, collateral: [] })));
    for (const expected of [
      'Finanzierungsvertrag',
      '– nachstehend „Finanzierungsgeber“ –',
      '– nachstehend „Finanzierungsnehmer“ –',
      '§ 1 Finanzierung und Konditionen',
      'Finanzierungsbetrag 300.000,00 €',
      'Für diese Finanzierung fallen keine Entgelte an.',
      'Es werden keine Sicherheiten vereinbart.',
      '§ 5 Besondere Bedingungen des Finanzierungsgebers',
      'Keine.',
      'Tilgungsart Ratentilgung (gleichbleibende Tilgung, sinkende Raten)',
      'Tilgung 8.333,33 € zuzüglich Zinsen',
      'Für den Finanzierungsnehmer Für den Finanzierungsgeber',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Auszahlungsbetrag');
    expect(text).not.toContain('Darlehensgeber');
  });

  it('describes a bullet loan', async () => {
    const text = plain(await extractText(await renderContractPdf(sampleContractInput({ termMonths: 24, amortization: 'bullet' }))));
    expect(text).toContain('Endfällig (monatlich nur Zinsen, Tilgung mit der letzten Rate)');
    expect(text).toContain('die letzte Rate enthält die Tilgung von 300.900,00 €');
  });

  it('rejects inconsistent input with the offending field', async () => {
    const base = sampleContractInput({ termMonths: 60 });
    const cases: [ContractDocumentInput, string][] = [
      [{ ...base, schedule: { ...base.schedule, rows: base.schedule.rows.slice(0, 59) } }, 'schedule.rows'],
      [{ ...base, fees: [] }, 'fees'],
      [{ ...base, offerValidUntil: '2026-11-26' }, 'offerValidUntil'],
      [{ ...base, issuedAt: '27.11.2026' }, 'issuedAt'],
      [{ ...base, lender: { ...base.lender, bic: 'nope' } }, 'lender.bic'],
      [{ ...base, broker: { ...base.broker, commission: { amount: '1.234,00' } } }, 'broker.commission.amount'],
      [{ ...base, extra: true } as ContractDocumentInput, ''],
    ];
    for (const [input, field] of cases) {
      const error = await renderContractPdf(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ContractDocumentError);
      expect(error).toMatchObject({ code: 'invalid_input', field });
    }
  });
});
