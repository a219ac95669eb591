import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { ZConsentsSchema, ZPutConsentsSchema } from './consents.types.js';
import { getConsents, putConsents } from './consents.service.js';

export function consentRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.put(
      '/companies/:id/consents',
      {
        schema: {
          tags: ['consents'],
          summary: 'Give or revoke consents (each change is a new record; history kept)',
          params: ZIdParams,
          body: ZPutConsentsSchema,
          response: { 200: ZConsentsSchema, 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem },
        },
      },
      async (req) => putConsents(ctx.database, requireUser(req), req.params.id, req.body, actorOf(req), req.ip),
    );
    app.get(
      '/companies/:id/consents',
      {
        schema: {
          tags: ['consents'],
          summary: 'Current consents, their history and the texts',
          params: ZIdParams,
          response: { 200: ZConsentsSchema, 401: ZProblem, 404: ZProblem },
        },
      },
      async (req) => getConsents(ctx.database.db, requireUser(req), req.params.id),
    );
  };
}
