import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { DISPATCH_STATUSES } from './schema.js';
import { listDispatchesOfRequest } from './dispatch.service.js';

export const ZDispatchSchema = z
  .object({
    id: z.uuid(),
    lenderId: z.uuid(),
    lenderName: z.string(),
    lenderType: z.string(),
    demo: z.boolean(),
    rank: z.number().int(),
    status: z.enum(DISPATCH_STATUSES),
    dispatchedAt: z.string(),
    respondedAt: z.string().nullable(),
    declineReason: z.string().nullable(),
  })
  .meta({ id: 'Dispatch' });

export function dispatchRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/financing-requests/:id/dispatches',
      {
        schema: {
          tags: ['dispatch'],
          summary: 'To which lenders the request was sent, and their answers',
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZDispatchSchema) }), 401: ZProblem, 404: ZProblem },
        },
      },
      async (req) => ({ items: await listDispatchesOfRequest(ctx.database.db, requireUser(req), req.params.id) }),
    );
  };
}
