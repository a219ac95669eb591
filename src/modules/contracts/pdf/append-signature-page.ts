/**
 * The signed contract: the original contract PDF's pages followed by "Signaturseite und
 * Prüfprotokoll" — every signature (role, signer, e-mail, time in Europe/Berlin and UTC, IP address,
 * method, SHA-256 of the exact original bytes that were signed) and the contract's audit trail.
 * The original pages are left as they are; the metadata name the original's hash. Pure and
 * deterministic: the modification date defaults to the latest signature or audit event.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { ContractDocumentError, parseOrThrow } from './contract-document-error.js';
import { type AuditEvent, AuditTrailSchema, type SignatureRecord, SignatureListSchema } from './contract-document.types.js';
import { PDF_PRODUCER, readContractPdfInfo } from './document-info.js';
import { formatBerlinDateTime, formatBerlinDateTimeShort, formatGermanNumber, formatUtcDateTime } from './german-format.js';
import { COLORS, CONTENT_WIDTH, MARGIN_X, PageFlow } from './page-flow.js';
import { drawPageFrame } from './page-frame.js';
import { sha256Hex } from './sha256.js';

export const SIGNATURE_PAGE_TITLE = 'Signaturseite und Prüfprotokoll';

export interface AppendSignatureOptions {
  /** Modification date of the signed PDF; default: the latest signature or audit event. */
  modificationDate?: Date;
}

/** The parties' names as the contract calls them (Darlehens… or Finanzierungs…). */
function roleLabels(documentKind: string | undefined): Record<SignatureRecord['role'], string> {
  return documentKind === 'Finanzierungsvertrag'
    ? { borrower: 'Finanzierungsnehmer', lender: 'Finanzierungsgeber' }
    : { borrower: 'Darlehensnehmer', lender: 'Darlehensgeber' };
}

export async function appendSignaturePage(
  originalPdf: Uint8Array,
  signatures: SignatureRecord[],
  auditTrail: AuditEvent[],
  options: AppendSignatureOptions = {},
): Promise<Uint8Array> {
  const signed = parseOrThrow(SignatureListSchema, signatures, 'signatures');
  const events = parseOrThrow(AuditTrailSchema, auditTrail, 'auditTrail');
  const originalHash = sha256Hex(originalPdf);
  signed.forEach((signature, i) => {
    if (signature.documentSha256 !== originalHash) {
      throw new ContractDocumentError(
        'hash_mismatch',
        `signatures[${i}].documentSha256`,
        `signature ${i + 1} was given for a document with SHA-256 ${signature.documentSha256}, not for this one (${originalHash})`,
      );
    }
  });

  let pdf: PDFDocument;
  try {
    pdf = await PDFDocument.load(originalPdf, { updateMetadata: false });
  } catch (error) {
    throw new ContractDocumentError('invalid_pdf', 'originalPdf', 'the original PDF cannot be read', { cause: error });
  }
  const originalPageCount = pdf.getPageCount();
  const info = readContractPdfInfo(pdf);
  const originalTitle = pdf.getTitle();
  const documentName = info.documentKind && info.contractNumber ? `${info.documentKind} Nr. ${info.contractNumber}` : (originalTitle ?? 'Vertrag');

  const roles = roleLabels(info.documentKind);
  const fonts = { regular: await pdf.embedFont(StandardFonts.Helvetica), bold: await pdf.embedFont(StandardFonts.HelveticaBold) };
  const flow = new PageFlow(pdf, fonts);
  flow.newPage();
  flow.drawLine(SIGNATURE_PAGE_TITLE, MARGIN_X, flow.y - 16, { bold: true, size: 18, color: COLORS.accent });
  flow.gap(26);
  flow.paragraph(`zu: ${documentName} (Seiten 1 bis ${originalPageCount} dieses Dokuments)`, { size: 10, color: COLORS.muted, after: 10 });

  drawHashBox(flow, originalHash, originalPdf.length, originalPageCount);

  flow.heading('Signaturen', { keepWith: 120 });
  signed.forEach((signature, i) => {
    flow.ensure(130);
    flow.paragraph(`Signatur ${i + 1}: ${roles[signature.role]}`, { bold: true, size: 10, after: 2 });
    flow.labelValues(
      [
        {
          label: 'Unterzeichner',
          value: [signature.signerName, signature.signerTitle].filter(Boolean).join(', ') + (signature.onBehalfOf ? ` für ${signature.onBehalfOf}` : ''),
        },
        { label: 'E-Mail', value: signature.signerEmail },
        { label: 'Zeitpunkt (Europe/Berlin)', value: formatBerlinDateTime(new Date(signature.signedAt)) },
        { label: 'Zeitpunkt (UTC)', value: formatUtcDateTime(new Date(signature.signedAt)) },
        { label: 'IP-Adresse', value: signature.ipAddress },
        { label: 'Verfahren', value: signature.method },
        { label: 'SHA-256 des signierten Dokuments', value: signature.documentSha256 },
      ],
      { labelWidth: 150, size: 9 },
    );
  });

  flow.heading('Prüfprotokoll', { keepWith: 60 });
  const ordered = events
    .map((event, i) => ({ event, i, time: Date.parse(event.at) }))
    .sort((a, b) => a.time - b.time || a.i - b.i)
    .map(({ event }) => event);
  if (ordered.length === 0) {
    flow.paragraph('Keine Ereignisse protokolliert.', { size: 9 });
  } else {
    flow.table(
      [
        { title: 'Zeitpunkt (Europe/Berlin)', width: 27 },
        { title: 'Akteur', width: 33 },
        { title: 'Ereignis', width: 40 },
      ],
      ordered.map((event) => [formatBerlinDateTimeShort(new Date(event.at)), event.actor, event.event]),
      { size: 8, zebra: true, continuationTitle: 'Prüfprotokoll (Fortsetzung)' },
    );
  }

  const frame = {
    title: `${documentName} – ${SIGNATURE_PAGE_TITLE}`,
    headerRight: 'Kreditplatz',
    footerLeft: `SHA-256 des Originals: ${originalHash.slice(0, 16)}…`,
    demo: info.demo,
  };
  flow.pages.forEach((page, i) => drawPageFrame(flow, page, frame, `${SIGNATURE_PAGE_TITLE}: Seite ${i + 1} von ${flow.pages.length}`));

  const latest = Math.max(...signed.map((s) => Date.parse(s.signedAt)), ...ordered.map((e) => Date.parse(e.at)));
  const modified = options.modificationDate ?? new Date(latest);
  pdf.setTitle(`${documentName} – unterzeichnet`);
  pdf.setSubject(`${SIGNATURE_PAGE_TITLE}; SHA-256 des unterzeichneten Originals: ${originalHash}`);
  pdf.setKeywords([...(pdf.getKeywords()?.split(/\s+/).filter(Boolean) ?? []), 'unterzeichnet', `sha256:${originalHash}`]);
  pdf.setProducer(PDF_PRODUCER);
  pdf.setModificationDate(modified);
  if (pdf.getCreationDate() === undefined) pdf.setCreationDate(modified);
  return pdf.save({ useObjectStreams: false });
}

function drawHashBox(flow: PageFlow, hash: string, byteCount: number, pageCount: number): void {
  const height = 62;
  flow.ensure(height + 10);
  const top = flow.y;
  flow.page.drawRectangle({
    x: MARGIN_X,
    y: top - height,
    width: CONTENT_WIDTH,
    height,
    color: COLORS.zebra,
    borderColor: COLORS.rule,
    borderWidth: 0.6,
  });
  flow.drawLine('SHA-256 des unterzeichneten Originaldokuments', MARGIN_X + 10, top - 15, { bold: true, size: 9.5 });
  flow.drawLine(hash, MARGIN_X + 10, top - 31, { bold: true, size: 9.5, color: COLORS.accent });
  flow.drawLine(
    `über die ${formatGermanNumber(String(byteCount), 0)} Bytes der Vertragsdatei (Seiten 1 bis ${pageCount}) vor Anfügen dieser Seite;`,
    MARGIN_X + 10,
    top - 45,
    { size: 8, color: COLORS.muted },
  );
  flow.drawLine('mit jeder SHA-256-Implementierung an der Originaldatei nachprüfbar.', MARGIN_X + 10, top - 55, {
    size: 8,
    color: COLORS.muted,
  });
  flow.y = top - height - 10;
}
