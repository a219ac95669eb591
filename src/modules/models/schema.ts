import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';

export const MODEL_KINDS = ['approval'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

/** registered: trained, never or no longer in use; active: used by the platform; rolled_back: withdrawn by a rollback. */
export const MODEL_STATUSES = ['registered', 'active', 'inactive', 'rolled_back'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** The model registry: every trained model with its data window, features, metrics and parameters. */
export const mlModels = pgTable(
  'ml_models',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: MODEL_KINDS }).notNull(),
    /** 1, 2, 3 … per kind. */
    version: integer('version').notNull(),
    status: text('status', { enum: MODEL_STATUSES }).notNull().default('registered'),
    /** The history the model learned from (dispatch times). */
    trainingFrom: timestamp('training_from', { withTimezone: true }).notNull(),
    trainingTo: timestamp('training_to', { withTimezone: true }).notNull(),
    /** Input columns and encoded feature names. */
    features: jsonb('features').notNull(),
    /** Hold-out AUC, Brier, log loss, reliability table, baseline, hold-out window. */
    metrics: jsonb('metrics').notNull(),
    /** The serialised model (analytics/ml `TabularModel.toJSON()`). */
    parameters: jsonb('parameters').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    activatedBy: uuid('activated_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('ml_models_kind_version_unique').on(t.kind, t.version),
    // At most one active model per kind.
    uniqueIndex('ml_models_one_active_per_kind').on(t.kind).where(sql`status = 'active'`),
  ],
);
export type MlModelRow = typeof mlModels.$inferSelect;

/** Every activation (and rollback) in order: a rollback re-activates the model active before. */
export const mlModelActivations = pgTable(
  'ml_model_activations',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind', { enum: MODEL_KINDS }).notNull(),
    modelId: uuid('model_id')
      .notNull()
      .references(() => mlModels.id),
    action: text('action', { enum: ['activate', 'rollback'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
  },
  (t) => [index('ml_model_activations_kind_idx').on(t.kind, t.id)],
);
