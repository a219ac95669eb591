/**
 * Facts the signature page needs from the contract PDF, kept in the PDF's document information
 * dictionary next to title and subject: /KreditplatzContractNumber, /KreditplatzDocumentKind and
 * /KreditplatzDemo. A PDF without them (not rendered here) still gets a signature page.
 */
import { PDFBool, PDFDict, PDFHexString, PDFName, PDFString, type PDFDocument } from 'pdf-lib';

/** The /Producer of every PDF rendered here. */
export const PDF_PRODUCER = 'Kreditplatz Vertragsdokumente (pdf-lib)';

export interface ContractPdfInfo {
  contractNumber?: string;
  /** "Darlehensvertrag" / "Finanzierungsvertrag" */
  documentKind?: string;
  demo: boolean;
}

const CONTRACT_NUMBER = PDFName.of('KreditplatzContractNumber');
const DOCUMENT_KIND = PDFName.of('KreditplatzDocumentKind');
const DEMO = PDFName.of('KreditplatzDemo');

function infoDict(pdf: PDFDocument): PDFDict | undefined {
  const info = pdf.context.lookup(pdf.context.trailerInfo.Info);
  return info instanceof PDFDict ? info : undefined;
}

/** Call after setTitle (or any other set… of the information dictionary), which creates it. */
export function writeContractPdfInfo(pdf: PDFDocument, info: Required<ContractPdfInfo>): void {
  const dict = infoDict(pdf);
  if (dict === undefined) throw new Error('the document information dictionary must exist first');
  dict.set(CONTRACT_NUMBER, PDFHexString.fromText(info.contractNumber));
  dict.set(DOCUMENT_KIND, PDFHexString.fromText(info.documentKind));
  dict.set(DEMO, info.demo ? PDFBool.True : PDFBool.False);
}

export function readContractPdfInfo(pdf: PDFDocument): ContractPdfInfo {
  const dict = infoDict(pdf);
  if (dict === undefined) return { demo: false };
  const text = (name: PDFName): string | undefined => {
    const value = dict.lookup(name);
    return value instanceof PDFHexString || value instanceof PDFString ? value.decodeText() : undefined;
  };
  return { contractNumber: text(CONTRACT_NUMBER), documentKind: text(DOCUMENT_KIND), demo: dict.lookup(DEMO) === PDFBool.True };
}
