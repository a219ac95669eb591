import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireRole, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { ZCreditPolicySchema } from '../matching/index.js';
import { ZCreateLenderSchema, ZLenderSchema, ZListLendersQuery, ZPolicyVersionSchema } from './lenders.types.js';
import { createLender, getLender, getPolicy, listLenders, listPolicyVersions, putPolicy } from './lenders.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };

export function lenderRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/lenders',
      {
        schema: {
          tags: ['lenders'],
          summary: 'Lenders: all for advisors and admins, its own for a lender user',
          querystring: ZListLendersQuery,
          response: { 200: z.object({ items: z.array(ZLenderSchema) }), ...errors },
        },
      },
      async (req) => ({ items: await listLenders(ctx.database.db, requireUser(req), req.query) }),
    );
    app.post(
      '/lenders',
      {
        schema: {
          tags: ['lenders'],
          summary: 'Add a lender with its first credit policy (admin)',
          body: ZCreateLenderSchema,
          response: { 201: ZLenderSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createLender(ctx.database, requireRole(req, 'admin'), req.body, actorOf(req))),
    );
    app.get(
      '/lenders/:id',
      { schema: { tags: ['lenders'], summary: 'One lender', params: ZIdParams, response: { 200: ZLenderSchema, ...errors } } },
      async (req) => getLender(ctx.database.db, requireUser(req), req.params.id),
    );
    app.get(
      '/lenders/:id/policy',
      {
        schema: {
          tags: ['lenders'],
          summary: 'The credit policy in force (admin, or a user of that lender)',
          params: ZIdParams,
          response: { 200: ZPolicyVersionSchema, ...errors },
        },
      },
      async (req) => getPolicy(ctx.database.db, requireUser(req), req.params.id),
    );
    app.put(
      '/lenders/:id/policy',
      {
        schema: {
          tags: ['lenders'],
          summary: 'Replace the credit policy: stored as a new version (admin, or a user of that lender)',
          params: ZIdParams,
          body: ZCreditPolicySchema,
          response: { 200: ZPolicyVersionSchema, ...errors },
        },
      },
      async (req) => putPolicy(ctx.database, requireUser(req), req.params.id, req.body, actorOf(req)),
    );
    app.get(
      '/lenders/:id/policy/versions',
      {
        schema: {
          tags: ['lenders'],
          summary: 'Every version of the credit policy, newest first',
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZPolicyVersionSchema) }), ...errors },
        },
      },
      async (req) => ({ items: await listPolicyVersions(ctx.database.db, requireUser(req), req.params.id) }),
    );
  };
}
