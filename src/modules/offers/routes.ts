import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireRole, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { declineRequest, detailForLender, LENDER_REQUEST_STATUSES, listForLender, requestStatusForLender } from '../dispatch/index.js';
import { ScheduleResultSchema } from '../finance/index.js';
import { createApiKey, getWebhook, lenderPrincipal, listApiKeys, revokeApiKey, setWebhook } from '../lenders/index.js';
import { ZCreateOfferSchema, ZDeclineSchema, ZOfferSchema } from './offers.types.js';
import { ZRatingSchema } from '../scoring/index.js';
import { documentsForLender, ZDocumentSchema } from '../documents/index.js';
import { createOffer, listOffers, offerSchedule, offersView, ownOffer, requestsWonBy } from './offers.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const lenderSecurity: { [name: string]: string[] }[] = [{ session: [] }, { lenderApiKey: [] }];

const ZLenderOfferSchema = ZOfferSchema.omit({ rank: true }).meta({ id: 'LenderOffer' });

const ZLenderRequestSummary = z.object({
  requestId: z.uuid(),
  product: z.string(),
  amount: z.string(),
  termMonths: z.number().int(),
  /** open, awarded_elsewhere, or — for the lender who won it — the deal's progress; see dispatch/lender-view.ts. */
  requestStatus: z.enum(LENDER_REQUEST_STATUSES),
  companyName: z.string(),
  federalState: z.string(),
  industryCode: z.string(),
  dispatchStatus: z.string(),
  dispatchedAt: z.string(),
  rank: z.number().int(),
});

const ZLenderRequestDetail = z
  .object({
    requestId: z.uuid(),
    product: z.string(),
    amount: z.string(),
    termMonths: z.number().int(),
    purpose: z.string(),
    requestStatus: z.enum(LENDER_REQUEST_STATUSES),
    submittedAt: z.string().nullable(),
    dispatch: z.object({
      id: z.uuid(),
      status: z.string(),
      rank: z.number().int(),
      dispatchedAt: z.string(),
      respondedAt: z.string().nullable(),
      declineReason: z.string().nullable(),
    }),
    company: z.object({
      name: z.string(),
      legalForm: z.string(),
      registerNumber: z.string().nullable(),
      vatId: z.string().nullable(),
      street: z.string(),
      postalCode: z.string(),
      city: z.string(),
      federalState: z.string(),
      industryCode: z.string(),
      industryLabel: z.string(),
      foundedOn: z.string(),
      employees: z.number().int(),
      annualRevenue: z.string(),
    }),
    financials: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
    rating: ZRatingSchema.nullable(),
    /** The request's documents and the company's general ones; `downloadUrl` is a lender API route. */
    documents: z.array(ZDocumentSchema),
    /**
     * False once this lender may no longer read the company's documents (lenderSharing consent revoked,
     * request withdrawn/rejected/expired, declined by this lender, or another lender's offer accepted):
     * `documents` is empty then and their downloads answer 404.
     */
    documentsAvailable: z.boolean(),
    /** Only this lender's own offers; never another lender's, nor their rank among all offers. */
    ownOffers: z.array(ZLenderOfferSchema),
  })
  .meta({ id: 'LenderRequestDetail' });

const ZIdempotencyHeaders = z.object({
  'idempotency-key': z
    .string({ message: 'Header Idempotency-Key fehlt' })
    .min(1)
    .max(200)
    .regex(/^[\w.:-]+$/, { message: 'Buchstaben, Ziffern, . : _ -' }),
});

export function offerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    // --- borrower, advisor, admin -------------------------------------------------------------
    app.get(
      '/financing-requests/:id/offers',
      {
        schema: {
          tags: ['offers'],
          summary: 'Offers ranked by effective annual rate (fees included); expired ones marked; commission disclosed',
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZOfferSchema) }), ...errors },
        },
      },
      async (req) => ({ items: await listOffers(ctx.database.db, requireUser(req), req.params.id) }),
    );
    app.get(
      '/offers/:id/schedule',
      {
        schema: {
          tags: ['offers'],
          summary: 'The full repayment schedule of an offer',
          params: ZIdParams,
          response: { 200: ScheduleResultSchema, ...errors },
        },
      },
      async (req) => offerSchedule(ctx.database.db, requireUser(req), req.params.id),
    );

    // --- lender systems (API key) and lender users (session) ----------------------------------
    app.get(
      '/lender/requests',
      {
        schema: {
          tags: ['lender API'],
          summary: 'Requests dispatched to this lender',
          security: lenderSecurity,
          querystring: z.strictObject({ status: z.enum(['sent', 'offered', 'declined']).optional() }),
          response: { 200: z.object({ items: z.array(ZLenderRequestSummary) }), ...errors },
        },
      },
      async (req) => {
        const p = await lenderPrincipal(ctx.database.db, req);
        const won = await requestsWonBy(ctx.database.db, p.lenderId);
        const items = await listForLender(ctx.database.db, p.lenderId, req.query.status);
        return { items: items.map((r) => ({ ...r, requestStatus: requestStatusForLender(r.requestStatus, won.has(r.requestId)) })) };
      },
    );
    app.get(
      '/lender/requests/:id',
      {
        schema: {
          tags: ['lender API'],
          summary: 'A dispatched request with the company profile, financials, rating and documents (404 if not dispatched to this lender)',
          security: lenderSecurity,
          params: ZIdParams,
          response: { 200: ZLenderRequestDetail, ...errors },
        },
      },
      async (req) => {
        const p = await lenderPrincipal(ctx.database.db, req);
        const detail = await detailForLender(ctx.database.db, p.lenderId, req.params.id);
        const own = await offersView(ctx.database.db, req.params.id, undefined, p.lenderId);
        const docs = await documentsForLender(ctx.database.db, p.lenderId, req.params.id);
        return {
          ...detail,
          requestStatus: requestStatusForLender(detail.requestStatus, own.some((o) => o.status === 'accepted')),
          documents: docs.items,
          documentsAvailable: docs.available,
          ownOffers: own.map(ownOffer),
        };
      },
    );
    app.post(
      '/lender/requests/:id/offers',
      {
        schema: {
          tags: ['lender API'],
          summary: 'Make an offer (Idempotency-Key header: the same key returns the same offer)',
          security: lenderSecurity,
          params: ZIdParams,
          headers: ZIdempotencyHeaders,
          body: ZCreateOfferSchema,
          response: { 200: ZLenderOfferSchema, 201: ZLenderOfferSchema, ...errors },
        },
      },
      async (req, reply) => {
        const p = await lenderPrincipal(ctx.database.db, req);
        const { offer, created } = await createOffer(ctx, p, req.params.id, req.body, req.headers['idempotency-key']);
        return reply.status(created ? 201 : 200).send(ownOffer(offer));
      },
    );
    app.post(
      '/lender/requests/:id/decline',
      {
        schema: {
          tags: ['lender API'],
          summary: 'Decline a dispatched request with a reason',
          security: lenderSecurity,
          params: ZIdParams,
          body: ZDeclineSchema,
          response: { 200: z.object({ status: z.literal('declined') }), ...errors },
        },
      },
      async (req) => declineRequest(ctx, await lenderPrincipal(ctx.database.db, req), req.params.id, req.body.reason),
    );

    // --- lender portal: keys and webhook (a person of the lender, never an API key) ------------
    const portalUser = async (req: Parameters<typeof requireRole>[0]) => {
      requireRole(req, 'lender');
      return lenderPrincipal(ctx.database.db, req);
    };
    const ZKey = z.object({ id: z.uuid(), label: z.string(), prefix: z.string(), createdAt: z.string(), lastUsedAt: z.string().nullable(), revokedAt: z.string().nullable() });
    app.get(
      '/lender/api-keys',
      { schema: { tags: ['lender portal'], summary: 'API keys of the lender', response: { 200: z.object({ items: z.array(ZKey) }), ...errors } } },
      async (req) => ({ items: await listApiKeys(ctx.database.db, (await portalUser(req)).lenderId) }),
    );
    app.post(
      '/lender/api-keys',
      {
        schema: {
          tags: ['lender portal'],
          summary: 'Create an API key (its secret is shown only in this answer)',
          body: z.strictObject({ label: z.string().trim().min(2).max(100) }),
          response: { 201: z.object({ id: z.uuid(), label: z.string(), prefix: z.string(), key: z.string(), createdAt: z.string() }), ...errors },
        },
      },
      async (req, reply) => {
        const p = await portalUser(req);
        return reply.status(201).send(await createApiKey(ctx.database, p.lenderId, req.body.label, actorOf(req)));
      },
    );
    app.post(
      '/lender/api-keys/:id/revoke',
      { schema: { tags: ['lender portal'], summary: 'Revoke an API key', params: ZIdParams, response: { 204: z.null(), ...errors } } },
      async (req, reply) => {
        const p = await portalUser(req);
        await revokeApiKey(ctx.database, p.lenderId, req.params.id, actorOf(req));
        return reply.status(204).send(null);
      },
    );
    app.get(
      '/lender/webhook',
      { schema: { tags: ['lender portal'], summary: 'Webhook target', response: { 200: z.object({ url: z.string().nullable() }), ...errors } } },
      async (req) => getWebhook(ctx.database.db, (await portalUser(req)).lenderId),
    );
    app.put(
      '/lender/webhook',
      {
        schema: {
          tags: ['lender portal'],
          summary: 'Set (or clear) the webhook URL; answers the new signing secret once',
          body: z.strictObject({ url: z.url({ protocol: /^https?$/ }).nullable() }),
          response: { 200: z.object({ url: z.string().nullable(), secret: z.string().nullable() }), ...errors },
        },
      },
      async (req) => {
        const p = await portalUser(req);
        if (req.body.url && !/^https:\/\/|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(req.body.url)) {
          throw AppError.invalidField('url', 'nur https (http nur für localhost)');
        }
        return setWebhook(ctx.database, p.lenderId, req.body.url, actorOf(req));
      },
    );
  };
}
