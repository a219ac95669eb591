import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { companies } from '../companies/schema.js';

export const CONSENT_KINDS = ['dataProcessing', 'lenderSharing', 'marketing'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** Append-only: granting and revoking are both new records, so the history is the table itself. */
export const consents = pgTable(
  'consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    kind: text('kind', { enum: CONSENT_KINDS }).notNull(),
    granted: boolean('granted').notNull(),
    textVersion: text('text_version').notNull(),
    givenBy: uuid('given_by')
      .notNull()
      .references(() => users.id),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip'),
  },
  (t) => [index('consents_company_idx').on(t.companyId, t.kind, t.givenAt)],
);
