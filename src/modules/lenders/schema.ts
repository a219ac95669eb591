import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { LENDER_TYPES } from '../matching/index.js';

export const lenders = pgTable(
  'lenders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stable slug, e.g. for the demo seed and for lender systems' configuration. */
    key: text('key').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: LENDER_TYPES }).notNull(),
    bic: text('bic'),
    /** Home state of a regional institution; null for nationwide lenders. */
    federalState: text('federal_state'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email').notNull(),
    /** Demo lenders carry generated policies: never to be read as a real bank's policy. */
    demo: boolean('demo').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** The version in force; each change of policy is a new row in credit_policies. */
    currentPolicyVersion: integer('current_policy_version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('lenders_key_unique').on(t.key)],
);
export type LenderRow = typeof lenders.$inferSelect;

/** Every version of every lender's credit policy; matches record the version they were made against. */
export const creditPolicies = pgTable(
  'credit_policies',
  {
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
    version: integer('version').notNull(),
    policy: jsonb('policy').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.lenderId, t.version] })],
);

/** A user of role `lender` belongs to exactly one lender. */
export const lenderUsers = pgTable(
  'lender_users',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
  },
  (t) => [index('lender_users_lender_idx').on(t.lenderId)],
);
