/**
 * The offer comparison as a PDF the borrower can keep, print or show to the tax adviser: the request,
 * every offer ranked by effective annual rate (fees included), a bar chart of the effective rates, each
 * offer's collateral and conditions, and how the ranking and the broker's pay work. Pure: data in, bytes out.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { AMORTIZATION_LABELS } from './contract-wording.js';
import { formatBerlinDateTime, formatDate, formatEuro, formatPercent, formatTermMonths } from './german-format.js';
import { COLORS, CONTENT_WIDTH, MARGIN_X, PageFlow } from './page-flow.js';
import { drawPageFrame } from './page-frame.js';

export interface ComparedOffer {
  lenderName: string;
  demo: boolean;
  amount: string;
  nominalRate: string;
  effectiveAnnualRate: string;
  termMonths: number;
  amortization: 'annuity' | 'linear' | 'bullet';
  graceMonths: number;
  instalment: string;
  totalInterest: string;
  totalFees: string;
  totalCost: string;
  validUntil: string;
  /** open, accepted, declined … and whether an open offer has run out. */
  status: string;
  expired: boolean;
  collateral: string | null;
  conditions: string | null;
}

export interface OfferComparisonInput {
  companyName: string;
  productLabel: string;
  requestedAmount: string;
  requestedTermMonths: number;
  generatedAt: Date;
  offers: readonly ComparedOffer[];
}

const STATUS_LABELS: Record<string, string> = {
  open: 'gültig',
  accepted: 'angenommen',
  declined: 'nicht gewählt',
  withdrawn: 'zurückgezogen',
};

function statusOf(o: ComparedOffer): string {
  if (o.expired) return 'abgelaufen';
  return STATUS_LABELS[o.status] ?? o.status;
}

export async function renderOfferComparisonPdf(input: OfferComparisonInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const fonts = { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) };
  const flow = new PageFlow(pdf, fonts);
  const demo = input.offers.some((o) => o.demo);

  flow.heading('Angebotsvergleich', { size: 16 });
  flow.labelValues([
    { label: 'Unternehmen', value: input.companyName },
    { label: 'Finanzierungsart', value: input.productLabel },
    { label: 'Angefragt', value: `${formatEuro(input.requestedAmount)}, ${formatTermMonths(input.requestedTermMonths)}` },
    { label: 'Stand', value: formatBerlinDateTime(input.generatedAt) },
  ]);
  flow.gap(8);

  if (input.offers.length === 0) {
    flow.paragraph('Bisher liegen keine Angebote vor.');
  } else {
    flow.heading('Angebote nach effektivem Jahreszins');
    flow.table(
      [
        { title: 'Nr.', width: 0.05, align: 'right' },
        { title: 'Finanzierungspartner', width: 0.2 },
        { title: 'Betrag', width: 0.12, align: 'right' },
        { title: 'Sollzins', width: 0.08, align: 'right' },
        { title: 'Effektiv', width: 0.09, align: 'right' },
        { title: 'Laufzeit', width: 0.1, align: 'right' },
        { title: 'Rate', width: 0.1, align: 'right' },
        { title: 'Gesamtkosten', width: 0.14, align: 'right' },
        { title: 'Status', width: 0.12 },
      ],
      input.offers.map((o, i) => [
        String(i + 1),
        o.demo ? `${o.lenderName} (Demo)` : o.lenderName,
        formatEuro(o.amount),
        formatPercent(o.nominalRate, 2),
        formatPercent(o.effectiveAnnualRate, 2),
        formatTermMonths(o.termMonths),
        formatEuro(o.instalment),
        formatEuro(o.totalCost),
        statusOf(o),
      ]),
      { size: 8, zebra: true, continuationTitle: 'Angebote (Fortsetzung)' },
    );
    flow.gap(10);
    drawRateChart(flow, input.offers);

    flow.heading('Einzelheiten der Angebote');
    input.offers.forEach((o, i) => {
      flow.ensure(90);
      flow.paragraph(`${i + 1}. ${o.lenderName}${o.demo ? ' (Demo-Daten)' : ''}`, { bold: true, after: 2 });
      flow.labelValues(
        [
          { label: 'Tilgung', value: `${AMORTIZATION_LABELS[o.amortization]}${o.graceMonths > 0 ? `, ${o.graceMonths} tilgungsfreie Monate` : ''}` },
          { label: 'Zinsen gesamt', value: formatEuro(o.totalInterest) },
          { label: 'Gebühren gesamt', value: formatEuro(o.totalFees) },
          { label: 'Gültig bis', value: formatDate(o.validUntil) },
          { label: 'Sicherheiten', value: o.collateral || '–' },
          { label: 'Bedingungen', value: o.conditions || '–' },
        ],
        { size: 9 },
      );
      flow.gap(6);
    });
  }

  flow.heading('So vergleichen wir');
  flow.paragraph(
    'Die Reihenfolge richtet sich allein nach dem effektiven Jahreszins nach der EU-Verbraucherkreditrichtlinie ' +
      '2008/48/EG, Anhang I, mit allen Gebühren zum Zeitpunkt ihrer Zahlung; bei gleichem Zins entscheiden die ' +
      'Gesamtkosten. Die Gesamtkosten sind Zinsen plus Gebühren über die ganze Laufzeit.',
    { size: 9, after: 4 },
  );
  flow.paragraph(
    'Kreditplatz ist Vermittler und für Sie kostenlos. Bei Vertragsschluss zahlt der Finanzierungspartner uns eine ' +
      'Provision; sie hat keinen Einfluss auf die Reihenfolge.',
    { size: 9 },
  );

  const frame = {
    title: `Angebotsvergleich – ${input.companyName}`,
    headerRight: 'Kreditplatz',
    footerLeft: 'Unverbindliche Übersicht; maßgeblich ist allein der unterschriebene Vertrag.',
    demo,
  };
  flow.pages.forEach((page, i) => drawPageFrame(flow, page, frame, `Seite ${i + 1} von ${flow.pages.length}`));
  pdf.setTitle(`Angebotsvergleich – ${input.companyName}`);
  pdf.setAuthor('Kreditplatz');
  pdf.setCreationDate(input.generatedAt);
  pdf.setModificationDate(input.generatedAt);
  return pdf.save({ useObjectStreams: false });
}

/** Horizontal bars of the effective annual rates, longest = highest, labelled with lender and rate. */
function drawRateChart(flow: PageFlow, offers: readonly ComparedOffer[]): void {
  const barHeight = 11;
  const rowHeight = 16;
  flow.ensure(24 + offers.length * rowHeight);
  flow.paragraph('Effektiver Jahreszins im Vergleich', { bold: true, size: 9, after: 4 });
  const max = Math.max(...offers.map((o) => Number(o.effectiveAnnualRate)), 0.0001);
  const labelWidth = 170;
  const barMax = CONTENT_WIDTH - labelWidth - 60;
  for (const o of offers) {
    const top = flow.y;
    const name = o.lenderName.length > 34 ? `${o.lenderName.slice(0, 33)}…` : o.lenderName;
    flow.drawLine(name, MARGIN_X, top - 9, { size: 8 });
    const width = Math.max(1, (Number(o.effectiveAnnualRate) / max) * barMax);
    flow.page.drawRectangle({ x: MARGIN_X + labelWidth, y: top - barHeight, width, height: barHeight, color: COLORS.accent });
    flow.drawLine(formatPercent(o.effectiveAnnualRate, 2), MARGIN_X + labelWidth + width + 4, top - 9, { size: 8 });
    flow.y -= rowHeight;
  }
  flow.gap(8);
}
