import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZProblem } from '../../platform/http/openapi.js';
import { TASK_KINDS, TASK_STATUSES } from './schema.js';
import { listTasks } from './tasks.service.js';

const ZTask = z
  .object({
    id: z.uuid(),
    requestId: z.uuid().nullable(),
    kind: z.enum(TASK_KINDS),
    title: z.string(),
    status: z.enum(TASK_STATUSES),
    dueAt: z.string().nullable(),
    assigneeId: z.uuid().nullable(),
    createdAt: z.string(),
    doneAt: z.string().nullable(),
  })
  .meta({ id: 'AdvisorTask' });

export function advisoryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/advisory/tasks',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Advisor tasks (e.g. a submitted request no lender matched)',
          querystring: z.strictObject({ status: z.enum(TASK_STATUSES).optional(), requestId: z.uuid().optional() }),
          response: { 200: z.object({ items: z.array(ZTask) }), 401: ZProblem, 403: ZProblem },
        },
      },
      async (req) => ({ items: await listTasks(ctx.database.db, requireUser(req), req.query) }),
    );
  };
}
