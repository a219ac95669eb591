import { doublePrecision, integer, jsonb, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';

/**
 * One run of the market simulator. The history it produced lives in the platform's own tables; every
 * simulated company carries `companies.simulated = true` and belongs to the simulation's owner user,
 * so simulated requests never appear among a real borrower's and are filtered from staff lists.
 */
export const simulationRuns = pgTable('simulation_runs', {
  id: uuid('id').primaryKey().defaultRandom(),
  seed: integer('seed').notNull(),
  months: integer('months').notNull(),
  windowFrom: timestamp('window_from', { withTimezone: true }).notNull(),
  windowUntil: timestamp('window_until', { withTimezone: true }).notNull(),
  /** The user who owns the simulated companies. */
  ownerId: uuid('owner_id')
    .notNull()
    .references(() => users.id),
  /** Rows written per table. */
  counts: jsonb('counts').notNull(),
  /** AUC of the hidden behaviour's own offer probabilities: the ceiling any approval model can reach. */
  oracleAuc: doublePrecision('oracle_auc'),
  millis: integer('millis').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by').references(() => users.id),
});
