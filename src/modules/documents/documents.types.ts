import { z } from 'zod';
import { DOCUMENT_KINDS } from './document-kinds.js';

export const ZDocumentSchema = z
  .object({
    id: z.uuid(),
    companyId: z.uuid(),
    /** Null: a document of the company, used by all its requests. */
    requestId: z.uuid().nullable(),
    kind: z.enum(DOCUMENT_KINDS),
    fiscalYear: z.number().int().nullable(),
    asOf: z.string().nullable(),
    filename: z.string(),
    /** Detected from the content, e.g. `application/pdf` or `text/csv; charset=utf-8`. */
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: z.string(),
    uploadedBy: z.string().nullable(),
    downloadUrl: z.string(),
  })
  .meta({ id: 'Document' });
export type TDocument = z.infer<typeof ZDocumentSchema>;

export const ZChecklistItemSchema = z
  .object({
    kind: z.enum(DOCUMENT_KINDS),
    label: z.string(),
    fiscalYear: z.number().int().optional(),
    maxAgeMonths: z.number().int().optional(),
    /** The item stands in for another kind (a business plan for annual statements a young company cannot have). */
    replaces: z.enum(DOCUMENT_KINDS).optional(),
    required: z.boolean(),
    satisfied: z.boolean(),
    documentIds: z.array(z.uuid()),
  })
  .meta({ id: 'DocumentChecklistItem' });

export const ZRequestDocumentsSchema = z
  .object({
    items: z.array(ZDocumentSchema),
    checklist: z.array(ZChecklistItemSchema),
    missing: z.array(ZChecklistItemSchema),
    /**
     * False for a lender whose access to the company's documents ended (lenderSharing consent revoked,
     * request withdrawn/rejected/expired, declined by it, or another lender's offer accepted): no items then.
     */
    documentsAvailable: z.boolean(),
  })
  .meta({ id: 'RequestDocuments' });

/** The multipart form of an upload, for the OpenAPI document (the route reads the parts as a stream). */
export const ZUploadFormSchema = z.object({
  kind: z.enum(DOCUMENT_KINDS).describe('Art des Dokuments'),
  fiscalYear: z.string().optional().describe('Geschäftsjahr (bei Jahresabschluss und Steuerbescheid erforderlich), z. B. "2025"'),
  asOf: z.string().optional().describe('Stichtag der Unterlage (JJJJ-MM-TT), z. B. Monatsende einer BWA'),
  file: z.any().describe('Die Datei (PDF, PNG, JPEG, XLSX oder CSV; höchstens 20 MB); Reihenfolge der Formularteile beliebig').meta({ type: 'string', format: 'binary' }),
});

/** The text fields of an upload, validated once all parts have arrived. */
export const ZUploadFieldsSchema = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS, { message: `eine von: ${DOCUMENT_KINDS.join(', ')}` }),
  fiscalYear: z.coerce.number({ message: 'Jahreszahl, z. B. 2025' }).int({ message: 'Jahreszahl, z. B. 2025' }).min(1990).max(2100).optional(),
  asOf: z.iso.date({ message: 'Datum als JJJJ-MM-TT' }).optional(),
});
export type TUploadFields = z.infer<typeof ZUploadFieldsSchema>;
