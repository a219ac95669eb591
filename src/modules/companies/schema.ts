import { boolean, date, index, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { FEDERAL_STATES, LEGAL_FORMS } from '../vocabulary/index.js';

export { LEGAL_FORMS, type LegalForm } from '../vocabulary/index.js';

export const companies = pgTable(
  'companies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    legalForm: text('legal_form', { enum: LEGAL_FORMS }).notNull(),
    registerNumber: text('register_number'),
    vatId: text('vat_id'),
    street: text('street').notNull(),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    /** ISO 3166-2:DE suffix, derived from the postal code. */
    federalState: text('federal_state', { enum: FEDERAL_STATES }).notNull(),
    /** WZ 2008 code: section letter or division/group/class ("C", "25", "25.6", "25.62"). */
    industryCode: text('industry_code').notNull(),
    foundedOn: date('founded_on', { mode: 'string' }).notNull(),
    employees: integer('employees').notNull(),
    annualRevenue: numeric('annual_revenue', { precision: 16, scale: 2 }).notNull(),
    /** Produced by the market simulator (src/modules/simulation): history to learn from, not a customer. */
    simulated: boolean('simulated').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('companies_owner_idx').on(t.ownerId)],
);
export type CompanyRow = typeof companies.$inferSelect;
