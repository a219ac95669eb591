import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZProblem } from '../../platform/http/openapi.js';
import { serviceLevels } from './service-levels.js';

const ZSpan = z.object({ count: z.number().int(), p50Seconds: z.number().nullable(), p95Seconds: z.number().nullable() });

export function analyticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/service-levels',
      {
        schema: {
          tags: ['admin'],
          summary: 'Time to first offer, to signature-ready and to signed (p50/p95) for requests of the last days',
          querystring: z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) }),
          response: {
            200: z.object({ since: z.string(), submitted: z.number().int(), timeToFirstOffer: ZSpan, timeToSignatureReady: ZSpan, timeToSigned: ZSpan }).meta({ id: 'ServiceLevels' }),
            401: ZProblem,
            403: ZProblem,
          },
        },
      },
      async (req) => {
        requireRole(req, 'admin', 'advisor', 'analyst');
        return serviceLevels(ctx.database.db, new Date(Date.now() - req.query.days * 86_400_000));
      },
    );
  };
}
