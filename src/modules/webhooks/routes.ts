import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { lenderPrincipal } from '../lenders/index.js';
import { ZDeliveryListSchema, ZListDeliveriesQuery, ZWebhookDeliverySchema } from './webhooks.types.js';
import { listDeliveries, redeliverWebhook } from './webhooks.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const lenderSecurity: { [name: string]: string[] }[] = [{ session: [] }, { lenderApiKey: [] }];

/** The lender's webhook delivery log and redelivery: for its people (session) and its systems (API key). */
export function webhookRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/lender/webhook/deliveries',
      {
        schema: {
          tags: ['lender API'],
          summary: "The lender's webhook deliveries, newest first",
          security: lenderSecurity,
          querystring: ZListDeliveriesQuery,
          response: { 200: ZDeliveryListSchema, ...errors },
        },
      },
      async (req) => {
        const p = await lenderPrincipal(ctx.database.db, req);
        return listDeliveries(ctx.database.db, p.lenderId, req.query);
      },
    );
    app.post(
      '/lender/webhook/deliveries/:id/redeliver',
      {
        schema: {
          tags: ['lender API'],
          summary: 'Send a failed delivery again (to the webhook URL in force now, with fresh retries)',
          security: lenderSecurity,
          params: ZIdParams,
          response: { 202: ZWebhookDeliverySchema, ...errors },
        },
      },
      async (req, reply) => {
        const p = await lenderPrincipal(ctx.database.db, req);
        return reply.status(202).send(await redeliverWebhook(ctx, p, req.params.id));
      },
    );
  };
}
