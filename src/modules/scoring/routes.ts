import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { ZFinancialStatementSchema } from './financials.types.js';
import { getRating, importStatementsCsv, listFinancials, saveStatements } from './scoring.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };

const ZStatementOut = z.record(z.string(), z.union([z.string(), z.number()])).meta({ id: 'FinancialStatement' });

export const ZRatingSchema = z
  .object({
    ratingClass: z.number().int().min(1).max(10),
    probabilityOfDefault: z.string(),
    score: z.number(),
    fiscalYear: z.number().int().nullable(),
    ratios: z.array(z.object({ key: z.string(), value: z.string().nullable(), judgement: z.string(), explanation: z.string() })),
    drivers: z.array(z.object({ key: z.string(), direction: z.enum(['positive', 'negative']), text: z.string() })),
    missing: z.array(z.string()),
    computedAt: z.string(),
  })
  .meta({ id: 'Rating' });

export function scoringRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // CSV uploads arrive as text.
    app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) => done(null, body));

    app.get(
      '/companies/:id/financials',
      {
        schema: {
          tags: ['credit assessment'],
          summary: 'Financial statements of a company, by fiscal year',
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZStatementOut) }), ...errors },
        },
      },
      async (req) => ({ items: await listFinancials(ctx.database.db, requireUser(req), req.params.id) }),
    );
    app.put(
      '/companies/:id/financials/:fiscalYear',
      {
        schema: {
          tags: ['credit assessment'],
          summary: 'Enter or correct one fiscal year (amounts as decimal strings); re-rates open requests',
          params: z.strictObject({ id: z.uuid(), fiscalYear: z.coerce.number().int().min(1990).max(2100) }),
          body: ZFinancialStatementSchema,
          response: { 200: z.object({ items: z.array(ZStatementOut) }), ...errors },
        },
      },
      async (req) => {
        if (req.body.fiscalYear !== req.params.fiscalYear) throw AppError.invalidField('fiscalYear', 'muss dem Jahr in der Adresse entsprechen');
        return { items: await saveStatements(ctx.database, requireUser(req), req.params.id, [req.body], 'manual', actorOf(req)) };
      },
    );
    app.post(
      '/companies/:id/financials/import',
      {
        schema: {
          tags: ['credit assessment'],
          summary: 'Import statements from CSV (documented format: src/modules/scoring/README.md); all or nothing',
          params: ZIdParams,
          body: z.string().min(1).max(1024 * 1024),
          response: { 200: z.object({ items: z.array(ZStatementOut) }), ...errors },
        },
      },
      async (req) => ({ items: await importStatementsCsv(ctx.database, requireUser(req), req.params.id, req.body, actorOf(req)) }),
    );
    app.get(
      '/financing-requests/:id/rating',
      {
        schema: {
          tags: ['credit assessment'],
          summary: 'Rating class 1–10 with PD, ratios (traffic lights) and drivers',
          params: ZIdParams,
          response: { 200: ZRatingSchema, ...errors },
        },
      },
      async (req) => getRating(ctx.database.db, requireUser(req), req.params.id),
    );
  };
}
