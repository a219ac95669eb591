import { date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { dispatches } from '../dispatch/schema.js';
import { lenders } from '../lenders/schema.js';
import { financingRequests } from '../requests/schema.js';

export const OFFER_STATUSES = ['open', 'accepted', 'declined', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];
export const AMORTIZATIONS = ['annuity', 'linear', 'bullet'] as const;

/**
 * A lender's offer. The figures a borrower compares by (effective rate, instalment, costs) are computed
 * by the finance module when the offer arrives and stored with it, so ranking never recomputes.
 */
export const offers = pgTable(
  'offers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
    dispatchId: uuid('dispatch_id')
      .notNull()
      .references(() => dispatches.id),
    /** The lender's Idempotency-Key: the same key always means the same offer. */
    idempotencyKey: text('idempotency_key').notNull(),
    bodyHash: text('body_hash').notNull(),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    nominalRate: numeric('nominal_rate', { precision: 9, scale: 6 }).notNull(),
    termMonths: integer('term_months').notNull(),
    amortization: text('amortization', { enum: AMORTIZATIONS }).notNull(),
    graceMonths: integer('grace_months').notNull().default(0),
    fees: jsonb('fees').notNull(),
    collateral: text('collateral'),
    conditions: text('conditions'),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    status: text('status', { enum: OFFER_STATUSES }).notNull().default('open'),
    /** Schedule start the figures were computed for (the offer's date, Europe/Berlin). */
    calculatedFrom: date('calculated_from', { mode: 'string' }).notNull(),
    effectiveAnnualRate: numeric('effective_annual_rate', { precision: 12, scale: 8 }).notNull(),
    instalment: numeric('instalment', { precision: 14, scale: 2 }).notNull(),
    totalInterest: numeric('total_interest', { precision: 14, scale: 2 }).notNull(),
    totalFees: numeric('total_fees', { precision: 14, scale: 2 }).notNull(),
    totalCost: numeric('total_cost', { precision: 14, scale: 2 }).notNull(),
    /** What the platform earns from the lender if this offer is signed; disclosed to the borrower. */
    commission: numeric('commission', { precision: 14, scale: 2 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('offers_lender_idempotency_unique').on(t.lenderId, t.idempotencyKey),
    index('offers_request_idx').on(t.requestId, t.status),
    // Deleting dispatches (the simulator's --replace) checks this foreign key per dispatch.
    index('offers_dispatch_idx').on(t.dispatchId),
  ],
);
export type OfferRow = typeof offers.$inferSelect;
