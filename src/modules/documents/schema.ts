import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid, date } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { companies } from '../companies/schema.js';
import { financingRequests } from '../requests/schema.js';
import { DOCUMENT_KINDS } from './document-kinds.js';

/**
 * A document of a company, optionally attached to one financing request (null: it serves every request
 * of the company, e.g. annual statements). The bytes live in the document store under `storageKey`;
 * the row holds what was detected from the content, never what the client claimed.
 * Unique per (company, SHA-256): the same file is never stored twice for a company.
 */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    requestId: uuid('request_id').references(() => financingRequests.id),
    kind: text('kind', { enum: DOCUMENT_KINDS }).notNull(),
    fiscalYear: integer('fiscal_year'),
    /** The date the document's figures refer to (e.g. a BWA's month end), when given. */
    asOf: date('as_of'),
    filename: text('filename').notNull(),
    /** Detected from the content (file signature, or CSV structure), e.g. `application/pdf`. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('documents_company_sha256_unique').on(t.companyId, t.sha256),
    index('documents_request_idx').on(t.requestId),
  ],
);
export type DocumentRow = typeof documents.$inferSelect;
