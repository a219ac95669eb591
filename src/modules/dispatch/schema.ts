import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { lenders } from '../lenders/schema.js';
import { matchRuns } from '../matching/schema.js';
import { financingRequests } from '../requests/schema.js';

export const DISPATCH_STATUSES = ['sent', 'offered', 'declined'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

/** A request sent to one lender. Unique per (request, lender): a retried dispatch sends nothing twice. */
export const dispatches = pgTable(
  'dispatches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
    matchRunId: uuid('match_run_id')
      .notNull()
      .references(() => matchRuns.id),
    rank: integer('rank').notNull(),
    status: text('status', { enum: DISPATCH_STATUSES }).notNull().default('sent'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    declineReason: text('decline_reason'),
  },
  (t) => [
    uniqueIndex('dispatches_request_lender_unique').on(t.requestId, t.lenderId),
    index('dispatches_lender_idx').on(t.lenderId, t.dispatchedAt),
    // Deleting match runs (the simulator's --replace) checks this foreign key per run.
    index('dispatches_match_run_idx').on(t.matchRunId),
  ],
);
export type DispatchRow = typeof dispatches.$inferSelect;
