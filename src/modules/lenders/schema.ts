import { boolean, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { LENDER_TYPES } from '../vocabulary/index.js';

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
    /** Where the lender's system wants to be told about dispatches and acceptances (HMAC-signed). */
    webhookUrl: text('webhook_url'),
    webhookSecret: text('webhook_secret'),
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

/** API keys for a lender's systems. Only the SHA-256 is stored; the key is shown once at creation. */
export const lenderApiKeys = pgTable(
  'lender_api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
    label: text('label').notNull(),
    /** The first characters of the key, to recognise it in lists ("kp_live_Ab12…"). */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('lender_api_keys_hash_unique').on(t.keyHash), index('lender_api_keys_lender_idx').on(t.lenderId)],
);

/** Commission the platform earns from a lender per signed deal: a share of the amount, with floor and cap. */
export const commissionRules = pgTable('commission_rules', {
  lenderId: uuid('lender_id')
    .primaryKey()
    .references(() => lenders.id),
  rate: numeric('rate', { precision: 7, scale: 6 }).notNull(),
  minimum: numeric('minimum', { precision: 14, scale: 2 }).notNull(),
  cap: numeric('cap', { precision: 14, scale: 2 }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
