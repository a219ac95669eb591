import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { lenderPrincipal } from '../lenders/index.js';
import {
  acceptOffer,
  contractForLender,
  contractForUser,
  contractView,
  listContractsForLender,
  signAsBorrower,
  signAsLender,
} from './contracts.service.js';
import { CONTRACT_STATUSES, SIGNATURE_PARTIES } from './schema.js';
import { offerComparisonPdf } from './offer-comparison.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };
const lenderSecurity: { [name: string]: string[] }[] = [{ session: [] }, { lenderApiKey: [] }];

const ZContract = z
  .object({
    id: z.uuid(),
    number: z.string(),
    requestId: z.uuid(),
    offerId: z.uuid(),
    lenderId: z.uuid(),
    status: z.enum(CONTRACT_STATUSES),
    pdfSha256: z.string(),
    finalSha256: z.string().nullable(),
    createdAt: z.string(),
    signedAt: z.string().nullable(),
    signatures: z.array(
      z.object({ party: z.enum(SIGNATURE_PARTIES), signerName: z.string(), signedAt: z.string(), method: z.string(), pdfSha256: z.string() }),
    ),
  })
  .meta({ id: 'Contract' });

export function contractRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/offers/:id/accept',
      {
        schema: {
          tags: ['contracts'],
          summary: 'Accept an offer: other offers are declined, the contract is generated, the request becomes signature_ready',
          params: ZIdParams,
          response: { 200: z.object({ requestId: z.uuid(), contractId: z.uuid(), contractNumber: z.string() }), ...errors },
        },
      },
      async (req) => acceptOffer(ctx, requireUser(req), req.params.id, actorOf(req)),
    );
    app.get(
      '/contracts/:id',
      { schema: { tags: ['contracts'], summary: 'A contract and its signatures', params: ZIdParams, response: { 200: ZContract, ...errors } } },
      async (req) => contractView(ctx.database.db, await contractForUser(ctx.database.db, requireUser(req), req.params.id)),
    );
    app.get(
      '/contracts/:id/pdf',
      {
        schema: {
          tags: ['contracts'],
          summary: 'The contract PDF (with signature page and audit trail once signed by both)',
          params: ZIdParams,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        // Lender systems use their API key; people their session.
        const c =
          req.user && req.user.role !== 'lender'
            ? await contractForUser(ctx.database.db, requireUser(req), req.params.id)
            : await contractForLender(ctx.database.db, await lenderPrincipal(ctx.database.db, req), req.params.id);
        const pdf = c.finalPdf ?? c.pdf;
        return reply
          .type('application/pdf')
          .header('content-disposition', `inline; filename="${c.number}${c.finalPdf ? '-unterschrieben' : ''}.pdf"`)
          .header('x-content-sha256', c.finalPdf ? c.finalSha256 : c.pdfSha256)
          .send(pdf);
      },
    );
    app.get(
      '/financing-requests/:id/offers/comparison.pdf',
      {
        schema: {
          tags: ['offers'],
          summary: 'The offer comparison as a PDF (ranked by effective annual rate, with chart and conditions)',
          params: ZIdParams,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const { pdf, filename } = await offerComparisonPdf(ctx.database.db, requireUser(req), req.params.id);
        return reply.type('application/pdf').header('content-disposition', `attachment; filename="${filename}"`).send(Buffer.from(pdf));
      },
    );
    app.post(
      '/contracts/:id/sign',
      {
        schema: {
          tags: ['contracts'],
          summary: 'Borrower signs: re-enter the password and accept the signature text',
          params: ZIdParams,
          body: z.strictObject({
            password: z.string().min(1).max(200),
            /** The borrower confirms: "Ich unterschreibe den Vertrag … verbindlich". */
            consent: z.literal(true, { message: 'Bitte bestätigen Sie die Unterschrift ausdrücklich.' }),
          }),
          response: { 200: ZContract, ...errors },
        },
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (req) => signAsBorrower(ctx, requireUser(req), req.params.id, { password: req.body.password }, req.ip, actorOf(req)),
    );
    app.get(
      '/lender/contracts',
      {
        schema: { tags: ['lender API'], summary: 'Contracts of this lender', security: lenderSecurity, response: { 200: z.object({ items: z.array(ZContract) }), ...errors } },
      },
      async (req) => ({ items: await listContractsForLender(ctx.database.db, (await lenderPrincipal(ctx.database.db, req)).lenderId) }),
    );
    app.post(
      '/lender/contracts/:id/sign',
      {
        schema: {
          tags: ['lender API'],
          summary: 'Countersign a contract the borrower has signed',
          security: lenderSecurity,
          params: ZIdParams,
          response: { 200: ZContract, ...errors },
        },
      },
      async (req) => signAsLender(ctx, await lenderPrincipal(ctx.database.db, req), req.params.id, req.ip),
    );
  };
}
