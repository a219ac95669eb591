import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import {
  ZCreateRequestSchema,
  ZFinancingRequestSchema,
  ZListRequestsQuery,
  ZReasonSchema,
  ZRequestSummarySchema,
  ZUpdateRequestSchema,
} from './requests.types.js';
import { type AfterSubmit, changeStatus, createRequest, getRequest, listRequests, submitRequest, updateDraft } from './requests.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };

export function requestRoutes(ctx: AppContext, hooks: { afterSubmit?: AfterSubmit } = {}): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/financing-requests',
      {
        schema: {
          tags: ['financing requests'],
          summary: 'Create a financing request (draft)',
          body: ZCreateRequestSchema,
          response: { 201: ZFinancingRequestSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await createRequest(ctx.database, requireUser(req), req.body, actorOf(req))),
    );

    app.get(
      '/financing-requests',
      {
        schema: {
          tags: ['financing requests'],
          summary: 'Requests the caller may see; filter by status (comma-separated)',
          querystring: ZListRequestsQuery,
          response: { 200: z.object({ items: z.array(ZRequestSummarySchema), total: z.number().int() }), ...errors },
        },
      },
      async (req) => listRequests(ctx.database.db, requireUser(req), req.query),
    );

    app.get(
      '/financing-requests/:id',
      {
        schema: {
          tags: ['financing requests'],
          summary: 'One request with its status history',
          params: ZIdParams,
          response: { 200: ZFinancingRequestSchema, ...errors },
        },
      },
      async (req) => getRequest(ctx.database.db, requireUser(req), req.params.id),
    );

    app.patch(
      '/financing-requests/:id',
      {
        schema: {
          tags: ['financing requests'],
          summary: 'Change a draft',
          params: ZIdParams,
          body: ZUpdateRequestSchema,
          response: { 200: ZFinancingRequestSchema, ...errors },
        },
      },
      async (req) => updateDraft(ctx.database, requireUser(req), req.params.id, req.body, actorOf(req)),
    );

    app.post(
      '/financing-requests/:id/submit',
      {
        schema: {
          tags: ['financing requests'],
          summary: 'Submit a draft (needs consent to data processing and to sharing with lenders)',
          params: ZIdParams,
          response: { 200: ZFinancingRequestSchema, ...errors },
        },
      },
      async (req) => submitRequest(ctx.database, requireUser(req), req.params.id, actorOf(req), hooks.afterSubmit),
    );

    app.post(
      '/financing-requests/:id/withdraw',
      {
        schema: {
          tags: ['financing requests'],
          summary: 'Withdraw a request',
          params: ZIdParams,
          body: ZReasonSchema,
          response: { 200: ZFinancingRequestSchema, ...errors },
        },
      },
      async (req) =>
        changeStatus(ctx.database, requireUser(req), req.params.id, 'withdrawn', actorOf(req), req.body?.reason),
    );
  };
}
