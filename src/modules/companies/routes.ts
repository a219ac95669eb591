import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireRole, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { ZCompanySchema, ZCreateCompanySchema } from './companies.types.js';
import { createCompany, findVisibleCompany, listCompanies, toCompany } from './companies.service.js';

export function companyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/companies',
      {
        schema: {
          tags: ['companies'],
          summary: 'Create a company (borrower); the federal state is derived from the postal code',
          body: ZCreateCompanySchema,
          response: { 201: ZCompanySchema, 400: ZProblem, 401: ZProblem, 403: ZProblem },
        },
      },
      async (req, reply) => {
        const user = requireRole(req, 'borrower');
        return reply.status(201).send(await createCompany(ctx.database, user, req.body, actorOf(req)));
      },
    );

    app.get(
      '/companies',
      {
        schema: {
          tags: ['companies'],
          summary: 'Companies the caller may see (a borrower: its own)',
          response: { 200: z.object({ items: z.array(ZCompanySchema) }), 401: ZProblem, 403: ZProblem },
        },
      },
      async (req) => ({ items: await listCompanies(ctx.database.db, requireUser(req)) }),
    );

    app.get(
      '/companies/:id',
      {
        schema: {
          tags: ['companies'],
          summary: 'One company',
          params: ZIdParams,
          response: { 200: ZCompanySchema, 401: ZProblem, 404: ZProblem },
        },
      },
      async (req) => toCompany(await findVisibleCompany(ctx.database.db, requireUser(req), req.params.id)),
    );
  };
}
