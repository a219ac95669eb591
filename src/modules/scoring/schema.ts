import { index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { companies } from '../companies/schema.js';
import { financingRequests } from '../requests/schema.js';

const money = (name: string) => numeric(name, { precision: 16, scale: 2 }).notNull();

/** One fiscal year's financial statement of a company (the figures a credit analyst reads). */
export const financialStatements = pgTable(
  'financial_statements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    fiscalYear: integer('fiscal_year').notNull(),
    revenue: money('revenue'),
    ebitda: money('ebitda'),
    ebit: money('ebit'),
    interestExpense: money('interest_expense'),
    netIncome: money('net_income'),
    totalAssets: money('total_assets'),
    equity: money('equity'),
    liabilitiesShortTerm: money('liabilities_short_term'),
    liabilitiesLongTerm: money('liabilities_long_term'),
    cash: money('cash'),
    currentAssets: money('current_assets'),
    currentLiabilities: money('current_liabilities'),
    source: text('source', { enum: ['manual', 'csv'] }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('financial_statements_company_year_unique').on(t.companyId, t.fiscalYear)],
);

/** A rating of a request: class 1–10, PD, ratios and drivers, as computed at that moment. */
export const ratings = pgTable(
  'ratings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    ratingClass: integer('rating_class').notNull(),
    probabilityOfDefault: numeric('probability_of_default', { precision: 8, scale: 6 }).notNull(),
    score: numeric('score', { precision: 6, scale: 2 }).notNull(),
    fiscalYear: integer('fiscal_year'),
    ratios: jsonb('ratios').notNull(),
    drivers: jsonb('drivers').notNull(),
    missing: jsonb('missing').notNull(),
    trigger: text('trigger', { enum: ['submit', 'financials'] }).notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ratings_request_idx').on(t.requestId, t.computedAt)],
);
