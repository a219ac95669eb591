/**
 * Documents of companies and financing requests: upload (type by content, SHA-256, duplicates), the
 * storage interface and its local implementation, per-product checklists, downloads for the borrower,
 * staff and the lenders a request was dispatched to. See README.md.
 */
export { documents, type DocumentRow } from './schema.js';
export { DOCUMENT_KINDS, DOCUMENT_KIND_LABELS, type DocumentKind } from './document-kinds.js';
export { LocalDocumentStore, DocumentNotFoundError, type DocumentStore } from './document-store.js';
export { documentChecklist, PRODUCT_REQUIREMENTS, type ChecklistItem } from './checklist.js';
export {
  documentsDeps,
  createDocumentStore,
  documentsForLender,
  importDocument,
  listRequestDocuments,
  type DocumentsDeps,
} from './documents.service.js';
export { ZDocumentSchema, ZRequestDocumentsSchema, type TDocument } from './documents.types.js';
export { documentRoutes } from './routes.js';
