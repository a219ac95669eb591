import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/auth/guard.js';
import { findSessionUser, SESSION_COOKIE } from '../../platform/auth/sessions.js';
import type { AppContext } from '../../platform/http/context.js';
import type { Executor } from '../../platform/db/database.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { AppError } from '../../platform/http/app-error.js';
import {
  ZCreateRequestSchema,
  ZFinancingRequestSchema,
  ZListRequestsQuery,
  ZReasonSchema,
  ZRequestSummarySchema,
  ZUpdateRequestSchema,
} from './requests.types.js';
import { type AfterSubmit, assertRequestVisible, changeStatus, createRequest, getRequest, listRequests, submitRequest, updateDraft } from './requests.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };

export interface RequestHooks {
  afterSubmit?: AfterSubmit;
  /** The contract of a request, if any (from the contracts module, wired in app.ts). */
  contractIdOf?: (db: Executor, requestId: string) => Promise<string | null>;
}

export function requestRoutes(ctx: AppContext, hooks: RequestHooks = {}): FastifyPluginAsyncZod {
  const withContract = async <T extends { id: string }>(r: T) => ({
    ...r,
    contractId: hooks.contractIdOf ? await hooks.contractIdOf(ctx.database.db, r.id) : null,
  });
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
        reply.status(201).send(await withContract(await createRequest(ctx.database, requireUser(req), req.body, actorOf(req)))),
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
      async (req) => withContract(await getRequest(ctx.database.db, requireUser(req), req.params.id)),
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
      async (req) => withContract(await updateDraft(ctx.database, requireUser(req), req.params.id, req.body, actorOf(req))),
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
      async (req) => withContract(await submitRequest(ctx.database, requireUser(req), req.params.id, actorOf(req), hooks.afterSubmit)),
    );

    app.get(
      '/financing-requests/:id/events',
      {
        schema: {
          tags: ['financing requests'],
          summary: 'Live updates of a request as server-sent events (dispatched, offer_received, status_changed, …)',
          params: ZIdParams,
          produces: ['text/event-stream'],
        },
      },
      async (req, reply) => {
        const user = requireUser(req);
        const requestId = req.params.id;
        await getRequest(ctx.database.db, user, requestId); // 404 unless visible
        const token = req.cookies[SESSION_COOKIE];
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(`retry: 3000\n\n`);
        const unsubscribe = ctx.events.subscribe(`financing_request:${requestId}`, (event) => {
          res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        });
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          clearInterval(heartbeat);
          unsubscribe();
          res.end();
        };
        // The session is checked only when the stream opens; so with every heartbeat the stream asks again
        // whether the session still exists (not logged out, expired, or its user deactivated) and whether its
        // user still sees the request, and ends otherwise. The comment line keeps proxies from closing an idle stream.
        let checking = false;
        const recheck = async () => {
          if (checking || ended) return;
          checking = true;
          try {
            const current = token ? await findSessionUser(ctx.database.db, token) : null;
            if (!current || current.id !== user.id) return end();
            await assertRequestVisible(ctx.database.db, current, requestId);
            if (!ended) res.write(`: ping\n\n`);
          } catch (err) {
            // No longer visible (404), or the check itself failed: fail closed; the browser reconnects and is checked anew.
            if (!(err instanceof AppError)) req.log.warn({ err, requestId }, 'event stream closed: access check failed');
            end();
          } finally {
            checking = false;
          }
        };
        // `end` clears it; it runs only from timer, event and close callbacks, after this line.
        const heartbeat = setInterval(() => void recheck(), ctx.config.eventsHeartbeatMs);
        req.raw.on('close', end);
      },
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
        withContract(await changeStatus(ctx.database, requireUser(req), req.params.id, 'withdrawn', actorOf(req), req.body?.reason)),
    );
  };
}
