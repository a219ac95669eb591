/**
 * Contract documents as PDF: the signature-ready contract and, once signed, the signature page with
 * the audit trail. Pure functions, bytes in and out; see README.md.
 */
export { renderContractPdf, type RenderContractOptions } from './render-contract-pdf.js';
export { appendSignaturePage, SIGNATURE_PAGE_TITLE, type AppendSignatureOptions } from './append-signature-page.js';
export { sha256Hex } from './sha256.js';
export { renderOfferComparisonPdf, type ComparedOffer, type OfferComparisonInput } from './render-offer-comparison.js';
export { ContractDocumentError, type ContractDocumentErrorCode } from './contract-document-error.js';
export { DEMO_NOTICE } from './page-frame.js';
export { toWinAnsi } from './win-ansi.js';
/** Test support: the text this module drew, read back per page and line. */
export { extractPageLines, extractText } from './extract-pdf-text.js';
export {
  AuditEventSchema,
  AuditTrailSchema,
  BorrowerPartySchema,
  BrokerSchema,
  ContractDocumentInputSchema,
  ContractKindSchema,
  LenderPartySchema,
  PostalAddressSchema,
  SignatureListSchema,
  SignatureRecordSchema,
  type AuditEvent,
  type ContractDocument,
  type ContractDocumentInput,
  type ContractKind,
  type PostalAddress,
  type SignatureRecord,
} from './contract-document.types.js';
