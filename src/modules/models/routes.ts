import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireRole } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { activateModel, getModel, listModels, rollbackModel } from './registry.service.js';
import { MODEL_KINDS, MODEL_STATUSES } from './schema.js';

const ZReliabilityRow = z.object({
  bin: z.number().int(),
  count: z.number().int(),
  meanPredicted: z.number(),
  observedRate: z.number(),
  minPredicted: z.number(),
  maxPredicted: z.number(),
});

const ZMetrics = z
  .object({
    window: z.object({ from: z.string(), to: z.string() }),
    training: z.object({ from: z.string(), to: z.string(), rows: z.number().int(), positives: z.number().int() }),
    holdout: z.object({
      from: z.string(),
      to: z.string(),
      rows: z.number().int(),
      positives: z.number().int(),
      auc: z.number(),
      brier: z.number(),
      logLoss: z.number(),
    }),
    reliability: z.array(ZReliabilityRow),
    baseline: z.object({ name: z.string(), auc: z.number(), brier: z.number() }),
    model: z.object({
      kind: z.string(),
      requested: z.string(),
      l2: z.number().nullable(),
      trees: z.number().int().nullable(),
      features: z.number().int(),
    }),
    trainMillis: z.number(),
  })
  .meta({ id: 'ModelMetrics' });

export const ZModelSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(MODEL_KINDS),
    version: z.number().int(),
    status: z.enum(MODEL_STATUSES),
    trainingFrom: z.string(),
    trainingTo: z.string(),
    features: z.object({ columns: z.array(z.string()), encoded: z.number().int() }),
    metrics: ZMetrics,
    createdAt: z.string(),
    createdBy: z.uuid().nullable(),
    /** The creator's name; null for the system (demo seed, command line). */
    createdByName: z.string().nullable(),
    activatedAt: z.string().nullable(),
    activatedBy: z.uuid().nullable(),
    /** Who made it active last; null for the system (demo seed, command line) or never activated. */
    activatedByName: z.string().nullable(),
  })
  .meta({ id: 'Model' });

/** The model registry for operations: list and read (admin, analyst), activate and roll back (admin). */
export function modelRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/models',
      {
        schema: {
          tags: ['admin'],
          summary: 'Registered models with training window, features and hold-out metrics (admin, analyst)',
          querystring: z.strictObject({ kind: z.enum(MODEL_KINDS).optional() }),
          response: { 200: z.object({ items: z.array(ZModelSchema) }), 401: ZProblem, 403: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, 'admin', 'analyst');
        return { items: await listModels(ctx.database.db, req.query.kind) };
      },
    );

    app.get(
      '/admin/models/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'One registered model with its metrics and reliability table (admin, analyst)',
          params: ZIdParams,
          response: { 200: ZModelSchema, 401: ZProblem, 403: ZProblem, 404: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, 'admin', 'analyst');
        return getModel(ctx.database.db, req.params.id);
      },
    );

    app.post(
      '/admin/models/:id/activate',
      {
        schema: {
          tags: ['admin'],
          summary: 'Make this model the active one of its kind; matching uses it from the next match on (admin)',
          params: ZIdParams,
          response: { 200: ZModelSchema, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return activateModel(ctx.database.db, req.params.id, actorOf(req));
      },
    );

    app.post(
      '/admin/models/rollback',
      {
        schema: {
          tags: ['admin'],
          summary: 'Withdraw the active model of a kind and re-activate the one active before it (admin)',
          body: z.strictObject({ kind: z.enum(MODEL_KINDS) }),
          response: { 200: ZModelSchema, 400: ZProblem, 401: ZProblem, 403: ZProblem, 409: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return rollbackModel(ctx.database.db, req.body.kind, actorOf(req));
      },
    );
  };
}
