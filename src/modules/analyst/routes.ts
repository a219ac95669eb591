import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireRole } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZProblem } from '../../platform/http/openapi.js';
import { berlinToday } from '../../platform/time.js';
import { COLUMN_TYPES } from './catalogue.js';
import { CSV_FORMATS } from './csv.js';
import { exportView, listViews, readView, viewOrNotFound } from './views.service.js';

/** Analysts read everything pseudonymised; admins may look over their shoulder. Nobody else. */
const READERS = ['analyst', 'admin'] as const;

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };
const ZText = z.object({ de: z.string(), en: z.string() });
const ZAnalystView = z
  .object({
    name: z.string(),
    description: ZText,
    columns: z.array(z.object({ name: z.string(), type: z.enum(COLUMN_TYPES), description: ZText })),
  })
  .meta({ id: 'AnalystView' });
const ZViewName = z.strictObject({ name: z.string().min(1).max(100) });

export function analystRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/analyst/views',
      {
        schema: {
          tags: ['analyst'],
          summary: 'Catalogue of the pseudonymised analyst views: descriptions (de/en) and columns (analyst, admin)',
          response: { 200: z.object({ items: z.array(ZAnalystView) }).meta({ id: 'AnalystViewList' }), 401: ZProblem, 403: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, ...READERS);
        return { items: listViews() };
      },
    );
    app.get(
      '/analyst/views/:name',
      {
        schema: {
          tags: ['analyst'],
          summary: 'Rows of one analyst view, a page at a time in a stable order (analyst, admin)',
          params: ZViewName,
          querystring: z.strictObject({
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            offset: z.coerce.number().int().min(0).max(100_000_000).default(0),
          }),
          response: {
            200: z
              .object({
                name: z.string(),
                columns: z.array(z.string()),
                total: z.number().int(),
                limit: z.number().int(),
                offset: z.number().int(),
                rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
              })
              .meta({ id: 'AnalystViewRows' }),
            ...errors,
          },
        },
      },
      async (req) => {
        requireRole(req, ...READERS);
        return readView(ctx.database.db, req.params.name, req.query.limit, req.query.offset);
      },
    );
    app.get(
      '/analyst/views/:name/export.csv',
      {
        schema: {
          tags: ['analyst'],
          summary: 'The whole view as CSV, streamed; format=de for German spreadsheets (semicolon, decimal comma, BOM). Audit-logged (analyst, admin)',
          params: ZViewName,
          querystring: z.strictObject({ format: z.enum(CSV_FORMATS).default('rfc4180') }),
          produces: ['text/csv'],
        },
      },
      async (req, reply) => {
        requireRole(req, ...READERS);
        const view = viewOrNotFound(req.params.name);
        const { format } = req.query;
        const file = `kreditplatz-${view.name}-${berlinToday()}${format === 'de' ? '-de' : ''}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${file}"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(exportView(ctx.database, view.name, format, actorOf(req))));
      },
    );
  };
}
