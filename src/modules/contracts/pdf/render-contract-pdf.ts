/**
 * The signature-ready contract between lender and borrower, brokered by Kreditplatz, as a PDF:
 * parties, figures, fees, total cost, collateral, the lender's conditions, the broker's commission,
 * offer validity, legal notes, signature fields and, as Anlage 1, the full repayment schedule.
 * Pure: the same input (and options) gives byte-identical output. Structure: README.md.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { parseOrThrow } from './contract-document-error.js';
import { type ContractDocument, type ContractDocumentInput, ContractDocumentInputSchema, type PostalAddress } from './contract-document.types.js';
import {
  AMORTIZATION_LABELS,
  DAY_COUNT_LABELS,
  FEE_TIMING_LABELS,
  KIND_WORDS,
  type KindWords,
  feeTypeLabel,
  legalFormLabel,
} from './contract-wording.js';
import { PDF_PRODUCER, writeContractPdfInfo } from './document-info.js';
import {
  berlinIsoDate,
  compareDecimalStrings,
  divideDecimals,
  formatDate,
  formatEuro,
  formatGermanNumber,
  formatPercent,
  formatTermMonths,
  sumDecimals,
} from './german-format.js';
import { COLORS, CONTENT_WIDTH, MARGIN_X, type LabelValue, PageFlow } from './page-flow.js';
import { DEMO_NOTICE, drawPageFrame } from './page-frame.js';

export interface RenderContractOptions {
  /** Creation and modification date in the PDF metadata; default: `issuedAt` of the input. */
  creationDate?: Date;
}

export async function renderContractPdf(input: ContractDocumentInput, options: RenderContractOptions = {}): Promise<Uint8Array> {
  const contract = parseOrThrow(ContractDocumentInputSchema, input, '');
  const words = KIND_WORDS[contract.kind];
  const issuedOn = berlinIsoDate(new Date(contract.issuedAt));

  const pdf = await PDFDocument.create({ updateMetadata: false });
  const fonts = { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) };
  const flow = new PageFlow(pdf, fonts);

  drawTitle(flow, contract, words, issuedOn);
  drawParties(flow, contract, words);
  drawCreditTerms(flow, contract, words);
  drawFees(flow, contract, words);
  drawTotalCost(flow, contract, words);
  drawCollateral(flow, contract, words);
  drawConditions(flow, contract, words);
  drawBrokerage(flow, contract, words);
  drawValidity(flow, contract, words);
  drawLegalNotes(flow, contract, words);
  drawSignatureFields(flow, contract, words);
  drawSchedule(flow, contract, words);

  const frame = {
    title: `${words.contract} Nr. ${contract.contractNumber}`,
    headerRight: `vermittelt über ${contract.broker.name}`,
    footerLeft: `${words.contract} Nr. ${contract.contractNumber} vom ${formatDate(issuedOn)}`,
    demo: contract.demo,
  };
  flow.pages.forEach((page, i) => drawPageFrame(flow, page, frame, `Seite ${i + 1} von ${flow.pages.length}`));

  const date = options.creationDate ?? new Date(contract.issuedAt);
  pdf.setTitle(`${words.contract} Nr. ${contract.contractNumber}`);
  pdf.setSubject(
    `${words.contract} zwischen ${contract.lender.name} und ${contract.borrower.name}, vermittelt durch ${contract.broker.name}` +
      (contract.demo ? ` (${DEMO_NOTICE})` : ''),
  );
  pdf.setAuthor(contract.broker.name);
  pdf.setKeywords([words.contract, contract.contractNumber, contract.broker.name, ...(contract.demo ? ['Demo-Daten'] : [])]);
  pdf.setCreator(contract.broker.name);
  pdf.setProducer(PDF_PRODUCER);
  pdf.setLanguage('de-DE');
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  writeContractPdfInfo(pdf, { contractNumber: contract.contractNumber, documentKind: words.contract, demo: contract.demo });

  return pdf.save({ useObjectStreams: false });
}

function addressLines(address: PostalAddress | undefined): string[] {
  if (address === undefined) return [];
  const lines = [address.street, `${address.postalCode} ${address.city}`];
  if (address.country) lines.push(address.country);
  return lines;
}

function drawTitle(flow: PageFlow, contract: ContractDocument, words: KindWords, issuedOn: string): void {
  flow.newPage();
  flow.drawLine(words.contract, MARGIN_X, flow.y - 20, { bold: true, size: 22, color: COLORS.accent });
  flow.gap(30);
  flow.paragraph(`Vertragsnummer ${contract.contractNumber} · Datum ${formatDate(issuedOn)}`, { size: 10, color: COLORS.muted, after: 14 });
}

function drawParties(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  const { lender, borrower } = contract;
  const lenderLines = [lender.name, ...addressLines(lender.address), ...(lender.bic ? [`BIC: ${lender.bic}`] : [])];
  const register = [borrower.registerNumber, borrower.registerCourt].filter((s) => s !== undefined).join(', ');
  const borrowerLines = [
    borrower.name,
    `Rechtsform: ${legalFormLabel(borrower.legalForm)}`,
    ...addressLines(borrower.address),
    ...(register ? [`Handelsregister: ${register}`] : []),
    ...(borrower.vatId ? [`USt-IdNr.: ${borrower.vatId}`] : []),
    ...(borrower.representedBy ? [`vertreten durch ${borrower.representedBy}`] : []),
  ];

  flow.paragraph('zwischen', { size: 9.5, color: COLORS.muted, after: 2 });
  drawPartyBlock(flow, lenderLines, words.lender);
  flow.paragraph('und', { size: 9.5, color: COLORS.muted, after: 2 });
  drawPartyBlock(flow, borrowerLines, words.borrower);
  const brokerAddress = addressLines(contract.broker.address).join(', ');
  flow.paragraph(
    `vermittelt durch ${contract.broker.name}${brokerAddress ? `, ${brokerAddress}` : ''} – als Vermittler, nicht Partei dieses Vertrags (siehe §\u00a06).`,
    { size: 9.5, color: COLORS.muted, after: 6 },
  );
}

function drawPartyBlock(flow: PageFlow, lines: string[], role: string): void {
  const indent = 14;
  const size = 10;
  const wrapped = lines.map((line, i) => flow.wrap(line, CONTENT_WIDTH - indent, { size, bold: i === 0 }));
  const count = wrapped.reduce((n, l) => n + l.length, 0) + 1;
  flow.ensure(count * flow.lineHeight({ size }) + 8);
  const top = flow.y;
  flow.page.drawLine({ start: { x: MARGIN_X + 3, y: top }, end: { x: MARGIN_X + 3, y: top - count * flow.lineHeight({ size }) }, thickness: 1.5, color: COLORS.accent });
  wrapped.forEach((group, i) => {
    for (const line of group) {
      flow.drawLine(line, MARGIN_X + indent, flow.y - size * 0.9, { size, bold: i === 0 });
      flow.gap(flow.lineHeight({ size }));
    }
  });
  flow.drawLine(`– nachstehend „${role}“ –`, MARGIN_X + indent, flow.y - size * 0.9, { size: 9, color: COLORS.muted });
  flow.gap(flow.lineHeight({ size }) + 6);
}

function drawCreditTerms(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  const s = contract.schedule;
  const rows = s.rows;
  const first = rows[0];
  const last = rows[rows.length - 1];
  const grace = s.graceMonths;

  flow.heading(`§\u00a01 ${words.credit} und Konditionen`, { keepWith: 80 });
  flow.paragraph(
    `Der ${words.lender} gewährt dem ${words.borrower} ${words.creditWithArticle} zu den folgenden Bedingungen. ` +
      'Der Tilgungsplan in Anlage 1 ist Bestandteil dieses Vertrags.',
    { size: 9.5, after: 6 },
  );

  const items: LabelValue[] = [{ label: words.amount, value: formatEuro(s.amount), strong: true }];
  if (contract.purpose) items.push({ label: 'Verwendungszweck', value: contract.purpose });
  if (compareDecimalStrings(s.financedAmount, s.amount) !== 0) {
    items.push({ label: 'Zu tilgender Betrag', value: formatEuro(s.financedAmount), note: `${words.amount} zuzüglich mitfinanzierter Entgelte` });
  }
  if (compareDecimalStrings(s.disbursedAmount, s.amount) !== 0) {
    items.push({ label: 'Auszahlungsbetrag', value: formatEuro(s.disbursedAmount), note: 'nach Abzug der bei Auszahlung fälligen Entgelte' });
  }
  items.push(
    { label: 'Auszahlung am', value: formatDate(s.startDate) },
    { label: 'Sollzinssatz (nominal) p. a.', value: `${formatPercent(s.nominalRate)}, fest für die gesamte Laufzeit`, strong: true },
    {
      label: 'Effektiver Jahreszins',
      value: formatPercent(s.effectiveAnnualRate, 2),
      strong: true,
      note: 'berechnet nach Anhang I der Richtlinie 2008/48/EG, einschließlich aller Entgelte nach §\u00a02',
    },
    { label: 'Zinsberechnung', value: DAY_COUNT_LABELS[s.dayCount] },
    { label: 'Laufzeit', value: `${formatTermMonths(s.termMonths)}, ${rows.length} monatliche Raten` },
    { label: 'Tilgungsart', value: AMORTIZATION_LABELS[s.amortization] },
    {
      label: 'Tilgungsfreie Anlaufzeit',
      value: grace === 0 ? 'keine' : `${grace} ${grace === 1 ? 'Monat' : 'Monate'} (nur Zinsen, Raten 1 bis ${grace})`,
    },
    { label: 'Monatliche Rate', value: formatEuro(s.instalment), strong: true, note: instalmentNote(contract) },
    { label: 'Erste Rate fällig am', value: `${formatDate(first.dueDate)} (${formatEuro(first.payment)})` },
    { label: 'Letzte Rate fällig am', value: `${formatDate(last.dueDate)} (${formatEuro(last.payment)})` },
  );
  flow.labelValues(items, { labelWidth: 165 });
}

function instalmentNote(contract: ContractDocument): string {
  const s = contract.schedule;
  const grace = s.graceMonths;
  const afterGrace = grace > 0 ? `ab der ${grace + 1}. Rate (${formatDate(s.rows[grace].dueDate)})` : 'ab der ersten Rate';
  const parts: string[] = [];
  if (s.amortization === 'annuity') parts.push(`gleichbleibend ${afterGrace}; die letzte Rate gleicht Rundungen aus`);
  if (s.amortization === 'linear') {
    parts.push(`erste volle Rate ${afterGrace}: Tilgung ${formatEuro(s.rows[grace].principal)} zuzüglich Zinsen; die Raten sinken mit der Restschuld`);
  }
  if (s.amortization === 'bullet') parts.push(`monatliche Zinsen; die letzte Rate enthält die Tilgung von ${formatEuro(s.financedAmount)}`);
  if (grace > 0 && s.amortization !== 'bullet') parts.push(`Raten 1 bis ${grace}: nur Zinsen`);
  const firstFees = s.rows[0].fees;
  if (compareDecimalStrings(firstFees, '0') > 0) parts.push(`die erste Rate erhöht sich um Entgelte von ${formatEuro(firstFees)}`);
  return `${parts.join('; ')}.`;
}

function drawFees(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  flow.heading('§\u00a02 Entgelte', { keepWith: 40 });
  if (contract.fees.length === 0) {
    flow.paragraph(`Für ${words.creditWithDemonstrative} fallen keine Entgelte an.`, { size: 9.5 });
    return;
  }
  flow.paragraph(
    `Der ${words.borrower} zahlt die folgenden Entgelte. „bei Auszahlung“: wird vom Auszahlungsbetrag einbehalten; ` +
      '„mit der ersten Rate“: wird mit der ersten Rate fällig; „mitfinanziert“: erhöht den zu tilgenden Betrag und wird mit den Raten verzinst und getilgt.',
    { size: 9, after: 6 },
  );
  const rows = contract.fees.map((fee) => [feeTypeLabel(fee.type), formatEuro(fee.amount), FEE_TIMING_LABELS[fee.when]]);
  rows.push(['Summe der Entgelte', formatEuro(contract.schedule.totalFees), '']);
  flow.table(
    [
      { title: 'Art des Entgelts', width: 50 },
      { title: 'Betrag', width: 22, align: 'right' },
      { title: 'Fälligkeit', width: 28 },
    ],
    rows,
    { size: 9, strongRows: new Set([rows.length - 1]) },
  );
}

function drawTotalCost(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  const s = contract.schedule;
  flow.heading('§\u00a03 Gesamtkosten und Gesamtbetrag', { keepWith: 90 });
  flow.labelValues(
    [
      { label: 'Zinsen gesamt', value: formatEuro(s.totalInterest) },
      { label: 'Entgelte gesamt', value: formatEuro(s.totalFees) },
      { label: 'Gesamtkosten', value: formatEuro(s.totalCost), strong: true, note: 'Zinsen und Entgelte über die gesamte Laufzeit' },
      {
        label: 'Gesamtbetrag aller Zahlungen',
        value: formatEuro(s.totalPaid),
        strong: true,
        note: `${words.amount} ${formatEuro(s.amount)} zuzüglich Gesamtkosten`,
      },
      { label: 'Kosten je 1.000 € und Jahr', value: formatEuro(s.costPer1000PerYear) },
    ],
    { labelWidth: 165 },
  );
}

function drawCollateral(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  flow.heading('§\u00a04 Sicherheiten', { keepWith: 30 });
  if (contract.collateral.length === 0) {
    flow.paragraph('Es werden keine Sicherheiten vereinbart.', { size: 9.5 });
    return;
  }
  flow.paragraph(`Der ${words.borrower} stellt die folgenden Sicherheiten:`, { size: 9.5, after: 3 });
  for (const item of contract.collateral) flow.paragraph(item, { size: 9.5, indent: 14, hanging: '•', after: 2 });
  flow.gap(3);
}

function drawConditions(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  flow.heading(`§\u00a05 Besondere Bedingungen des ${words.lender}s`, { keepWith: 30 });
  const text = contract.conditions.trim();
  if (text === '') {
    flow.paragraph('Keine.', { size: 9.5 });
    return;
  }
  flow.paragraph(text, { size: 9.5 });
}

function drawBrokerage(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  const { broker } = contract;
  flow.heading(`§\u00a06 Vermittlung durch ${broker.name}`, { keepWith: 50 });
  const commission = formatEuro(broker.commission.amount);
  const share = formatPercent(divideDecimals(broker.commission.amount, contract.schedule.amount, 8), 2);
  const payer =
    broker.commission.paidBy === 'lender'
      ? `Für die Vermittlung erhält ${broker.name} vom ${words.lender} eine Provision von ${commission} (${share} des ${words.amount}s). ` +
        `Sie ist vom ${words.lender} zu zahlen; dem ${words.borrower} entstehen dadurch keine Kosten über die in diesem Vertrag ausgewiesenen hinaus.`
      : `Für die Vermittlung zahlt der ${words.borrower} an ${broker.name} eine Provision von ${commission} (${share} des ${words.amount}s). ` +
        'Sie ist nicht in den Kosten nach §\u00a03 enthalten.';
  flow.paragraph(
    `Dieser Vertrag wurde von ${broker.name} vermittelt. ${broker.name} ist Vermittler und nicht Partei dieses Vertrags; ` +
      `${broker.name} gewährt keine Finanzierung und schuldet keine Leistungen aus diesem Vertrag. ${payer}`,
    { size: 9.5 },
  );
}

function drawValidity(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  flow.heading('§\u00a07 Gültigkeit des Angebots', { keepWith: 30 });
  flow.paragraph(
    `Die Konditionen dieses Vertrags gelten, wenn beide Parteien ihn bis einschließlich ${formatDate(contract.offerValidUntil)} ` +
      `(Ortszeit Berlin) unterzeichnen. Danach ist der ${words.lender} an sie nicht mehr gebunden.`,
    { size: 9.5 },
  );
}

function drawLegalNotes(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  flow.heading('§\u00a08 Hinweise', { keepWith: 50 });
  const notes: [string, string][] = [
    [
      'Widerrufsrecht (Information):',
      `Der ${words.borrower} schließt diesen Vertrag für seine gewerbliche oder selbständige berufliche Tätigkeit ab. ` +
        'Die Vorschriften über Verbraucherdarlehensverträge (§§\u00a0491 ff. BGB) einschließlich des Widerrufsrechts nach §\u00a0495 BGB ' +
        'gelten für solche Verträge grundsätzlich nicht; ein gesetzliches Widerrufsrecht besteht daher in der Regel nicht. ' +
        'Anders kann es bei Existenzgründern sein, die als natürliche Personen ein Darlehen bis 75.000 € aufnehmen (§\u00a0513 BGB); ' +
        'in diesem Fall erhalten sie die gesetzlich vorgeschriebenen Informationen und eine Widerrufsbelehrung gesondert. ' +
        'Dieser Hinweis dient der Information und ist keine Rechtsberatung.',
    ],
    [
      'Datenschutz:',
      `Der ${words.lender} und ${contract.broker.name} verarbeiten die personenbezogenen Daten aus diesem Vertrag ` +
        '(insbesondere Namen und Kontaktdaten der Vertreter und Unterzeichner) jeweils als eigene Verantwortliche nach der DSGVO, ' +
        'soweit dies zur Anbahnung, Durchführung und Dokumentation des Vertrags erforderlich ist (Art. 6 Abs. 1 lit. b, c und f DSGVO), ' +
        `nach Maßgabe ihrer Datenschutzhinweise. Bei elektronischer Unterzeichnung speichert ${contract.broker.name} Name, E-Mail-Adresse, ` +
        'Zeitpunkt und IP-Adresse der Unterzeichner als Nachweis.',
    ],
    [
      'Elektronische Unterzeichnung:',
      `Wird dieser Vertrag über ${contract.broker.name} elektronisch unterzeichnet, wird ihm eine Signaturseite mit Prüfprotokoll ` +
        'angefügt. Sie nennt die Unterzeichner, die Zeitpunkte und den SHA-256-Hashwert dieses Dokuments, wie es unterzeichnet wurde.',
    ],
  ];
  if (contract.demo) {
    notes.unshift(['Demo-Daten:', 'Dieses Dokument wurde mit Demo-Daten erzeugt. Es ist kein echtes Vertragsangebot und begründet keine Verpflichtungen.']);
  }
  for (const [title, text] of notes) {
    flow.paragraph(title, { size: 9.5, bold: true, after: 1 });
    flow.paragraph(text, { size: 9, after: 6 });
  }
}

function drawSignatureFields(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  const columnGap = 30;
  const columnWidth = (CONTENT_WIDTH - columnGap) / 2;
  const parties = [
    { role: `Für den ${words.borrower}`, nameLines: flow.wrap(contract.borrower.name, columnWidth, { size: 9 }) },
    { role: `Für den ${words.lender}`, nameLines: flow.wrap(contract.lender.name, columnWidth, { size: 9 }) },
  ];
  const height = 115 + Math.max(...parties.map((p) => p.nameLines.length)) * 11;
  flow.heading('Unterschriften', { keepWith: height });
  const top = flow.y;
  parties.forEach(({ role, nameLines }, i) => {
    const x = MARGIN_X + i * (columnWidth + columnGap);
    flow.drawLine(role, x, top - 9, { bold: true, size: 9.5 });
    flow.drawLine('Ort, Datum', x, top - 34, { size: 8.5, color: COLORS.muted });
    flow.page.drawLine({ start: { x: x + 45, y: top - 36 }, end: { x: x + columnWidth, y: top - 36 }, thickness: 0.5, color: COLORS.text });
    flow.page.drawLine({ start: { x, y: top - 92 }, end: { x: x + columnWidth, y: top - 92 }, thickness: 0.5, color: COLORS.text });
    nameLines.forEach((line, l) => flow.drawLine(line, x, top - 103 - l * 11, { size: 9 }));
    flow.drawLine('Name, Funktion, Unterschrift', x, top - 103 - nameLines.length * 11, { size: 8, color: COLORS.muted });
  });
  flow.y = top - height;
}

function drawSchedule(flow: PageFlow, contract: ContractDocument, words: KindWords): void {
  const s = contract.schedule;
  flow.newPage();
  flow.heading('Anlage 1 – Tilgungsplan', { size: 13 });
  flow.paragraph(
    `Bestandteil des ${words.contract}s Nr. ${contract.contractNumber}. ${s.rows.length} monatliche Raten, Auszahlung am ` +
      `${formatDate(s.startDate)}, Sollzins ${formatPercent(s.nominalRate)} p. a., Zinsberechnung ${s.dayCount}. ` +
      'Beträge in Euro; Restschuld nach der jeweiligen Rate.',
    { size: 9, after: 6 },
  );
  const rows = s.rows.map((r) => [
    String(r.number),
    formatDate(r.dueDate),
    formatGermanNumber(r.payment, 2),
    formatGermanNumber(r.interest, 2),
    formatGermanNumber(r.principal, 2),
    formatGermanNumber(r.fees, 2),
    formatGermanNumber(r.balance, 2),
  ]);
  rows.push([
    '',
    'Summe',
    formatGermanNumber(sumDecimals(s.rows.map((r) => r.payment)), 2),
    formatGermanNumber(sumDecimals(s.rows.map((r) => r.interest)), 2),
    formatGermanNumber(sumDecimals(s.rows.map((r) => r.principal)), 2),
    formatGermanNumber(sumDecimals(s.rows.map((r) => r.fees)), 2),
    '',
  ]);
  const yearEnds = new Set<number>();
  for (let i = 11; i < s.rows.length - 1; i += 12) yearEnds.add(i);
  flow.table(
    [
      { title: 'Nr.', width: 7, align: 'right' },
      { title: 'Fällig am', width: 14 },
      { title: 'Rate', width: 15, align: 'right' },
      { title: 'Zinsen', width: 15, align: 'right' },
      { title: 'Tilgung', width: 15, align: 'right' },
      { title: 'Entgelte', width: 13, align: 'right' },
      { title: 'Restschuld', width: 18, align: 'right' },
    ],
    rows,
    {
      size: 8,
      zebra: true,
      strongRows: new Set([rows.length - 1]),
      ruleAfterRows: yearEnds,
      continuationTitle: `Anlage 1 – Tilgungsplan (Fortsetzung)`,
    },
  );
}
