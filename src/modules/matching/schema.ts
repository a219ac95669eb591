import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { lenders } from '../lenders/schema.js';
import { financingRequests } from '../requests/schema.js';

/** One evaluation of a request against every active lender, at one point in time. */
export const matchRuns = pgTable(
  'match_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    /** The policies in force at this instant were used; each result names its version. */
    matchedAt: timestamp('matched_at', { withTimezone: true }).notNull().defaultNow(),
    lenderCount: integer('lender_count').notNull(),
    eligibleCount: integer('eligible_count').notNull(),
    /** A later run for the same request replaces this one. */
    superseded: boolean('superseded').notNull().default(false),
    trigger: text('trigger', { enum: ['submit', 'rematch'] }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
  },
  (t) => [index('match_runs_request_idx').on(t.requestId, t.matchedAt)],
);

export const matchResults = pgTable(
  'match_results',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => matchRuns.id),
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
    policyVersion: integer('policy_version').notNull(),
    eligible: boolean('eligible').notNull(),
    /** 1 = best among the eligible; null when not eligible. */
    rank: integer('rank'),
    score: numeric('score', { precision: 7, scale: 6 }),
    scoreParts: jsonb('score_parts'),
    /** Every failed criterion with its German and English sentence. */
    reasons: jsonb('reasons').notNull(),
    notes: jsonb('notes').notNull(),
    /** With an active approval model: P(offer) for this lender, the model version and the top contributions. */
    approvalProbability: numeric('approval_probability', { precision: 7, scale: 6 }),
    approvalModelVersion: integer('approval_model_version'),
    approvalContributions: jsonb('approval_contributions'),
  },
  (t) => [primaryKey({ columns: [t.runId, t.lenderId] }), index('match_results_lender_idx').on(t.lenderId, t.rank)],
);
