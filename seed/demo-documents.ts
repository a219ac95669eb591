import { PDFDocument, StandardFonts } from 'pdf-lib';
import type { AppContext } from '../src/platform/http/context.js';
import type { Actor } from '../src/platform/audit/audit.js';
import { berlinToday } from '../src/platform/time.js';
import { documentsDeps, importDocument } from '../src/modules/documents/index.js';

/** A one-page PDF with a title and a few lines, clearly marked as demo data. */
async function demoPdf(title: string, lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(title);
  const page = doc.addPage([595, 842]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  page.drawText(title, { x: 56, y: 770, size: 18, font: bold });
  lines.forEach((line, i) => page.drawText(line, { x: 56, y: 730 - i * 18, size: 11, font }));
  page.drawText('DEMO-DATEN – kein echtes Dokument', { x: 56, y: 60, size: 9, font });
  return doc.save();
}

/** The last day of the month before today (Berlin), the as-of date of a current BWA. */
function lastMonthEnd(today: string): string {
  const [y, m] = today.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1, 0));
  return end.toISOString().slice(0, 10);
}

/**
 * The demo company's documents: two annual statements (company-wide) and a current BWA, so the
 * request's checklist shows what is there and what is still missing (the investment offer).
 */
export async function seedDemoDocuments(ctx: AppContext, companyId: string, requestId: string, borrower: { id: string }, actor: Actor) {
  const deps = documentsDeps(ctx.config, ctx.database);
  const company = 'Schneider Präzisionstechnik GmbH (Demo)';
  for (const [year, revenue, equity] of [
    [2024, '6.100.000,00 €', '1.650.000,00 €'],
    [2025, '6.400.000,00 €', '1.900.000,00 €'],
  ] as const) {
    const bytes = await demoPdf(`Jahresabschluss ${year}`, [company, `Geschäftsjahr 01.01.–31.12.${year}`, `Umsatzerlöse: ${revenue}`, `Eigenkapital: ${equity}`]);
    await importDocument(
      deps,
      { companyId, requestId: null },
      { fields: { kind: 'annual_statement', fiscalYear: year }, filename: `Jahresabschluss ${year}.pdf`, bytes },
      borrower,
      actor,
    );
  }
  const asOf = lastMonthEnd(berlinToday());
  const bwa = await demoPdf('Betriebswirtschaftliche Auswertung', [company, `Stand: ${asOf.split('-').reverse().join('.')}`, 'Umsatz kumuliert, Rohertrag, Kosten, vorläufiges Ergebnis']);
  await importDocument(deps, { companyId, requestId }, { fields: { kind: 'bwa', asOf }, filename: `BWA ${asOf.slice(0, 7)}.pdf`, bytes: bwa }, borrower, actor);
}
