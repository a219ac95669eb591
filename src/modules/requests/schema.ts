import { index, integer, numeric, pgTable, text, timestamp, uuid, bigserial } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { companies } from '../companies/schema.js';
import { REQUEST_STATUSES } from './lifecycle.js';
import { PRODUCTS } from '../vocabulary/index.js';

export { PRODUCTS, type Product } from '../vocabulary/index.js';

export const financingRequests = pgTable(
  'financing_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    companyId: uuid('company_id')
      .notNull()
      .references(() => companies.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    product: text('product', { enum: PRODUCTS }).notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    termMonths: integer('term_months').notNull(),
    purpose: text('purpose').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('draft'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('requests_company_idx').on(t.companyId), index('requests_status_idx').on(t.status, t.submittedAt)],
);
export type FinancingRequestRow = typeof financingRequests.$inferSelect;

/** Every status change with who, when and why; the service levels are measured from it. */
export const requestHistory = pgTable(
  'request_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    fromStatus: text('from_status', { enum: REQUEST_STATUSES }),
    toStatus: text('to_status', { enum: REQUEST_STATUSES }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    actorRole: text('actor_role').notNull(),
    reason: text('reason'),
  },
  (t) => [index('request_history_request_idx').on(t.requestId, t.at)],
);
