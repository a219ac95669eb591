import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireRole, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import type { Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/app-error.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { berlinToday } from '../../platform/time.js';
import { federalStateOfPostalCode, findIndustryCode, ZCreateCompanySchema } from '../companies/index.js';
import { assertRequestVisible, loadRequestWithCompany, transition, ZCreateRequestSchema } from '../requests/index.js';
import type { ApprovalScorerSource } from './matching.types.js';
import { getMatches, matchRequest, previewMatch } from './matching.service.js';

const ZMessage = z.object({ criterion: z.string(), message: z.string(), messageEn: z.string() });
const ZLenderRef = {
  lenderId: z.uuid(),
  name: z.string(),
  type: z.string(),
  demo: z.boolean(),
  policyVersion: z.number().int(),
};
export const ZMatchesSchema = z
  .discriminatedUnion('view', [
    z.object({
      view: z.literal('full'),
      policyVersionAt: z.string(),
      eligibleCount: z.number().int(),
      eligible: z.array(
        z.object({
          ...ZLenderRef,
          rank: z.number().int(),
          score: z.number(),
          scoreParts: z.record(z.string(), z.number()),
          notes: z.array(ZMessage),
          /** With an active approval model: P(offer), the model version and the inputs that moved it most (log-odds). */
          approval: z
            .object({
              probability: z.number(),
              modelVersion: z.number().int(),
              contributions: z.array(z.object({ feature: z.string(), label: z.string(), labelEn: z.string(), contribution: z.number() })),
            })
            .nullable(),
        }),
      ),
      ineligible: z.array(z.object({ ...ZLenderRef, reasons: z.array(ZMessage) })),
    }),
    z.object({
      view: z.literal('borrower'),
      policyVersionAt: z.string(),
      eligibleCount: z.number().int(),
      lenderTypes: z.array(z.object({ type: z.string(), count: z.number().int() })),
    }),
  ])
  .meta({ id: 'Matches' });

// The same field rules as a real request and company, so a preview answers exactly what a submit would.
const ZPreviewSchema = z.strictObject({
  ...ZCreateRequestSchema.pick({ product: true, amount: true, termMonths: true }).shape,
  ratingClass: z.number().int().min(1).max(10).nullable().optional(),
  company: ZCreateCompanySchema.pick({ postalCode: true, industryCode: true, legalForm: true, foundedOn: true, annualRevenue: true }).strict(),
});

export function matchingRoutes(
  ctx: AppContext,
  hooks: { afterMatched?: (tx: Executor, requestId: string) => Promise<void>; approval?: ApprovalScorerSource } = {},
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/financing-requests/:id/matches',
      {
        schema: {
          tags: ['matching'],
          summary: 'Which lenders fit and why the others do not (borrowers see counts and lender types only)',
          params: ZIdParams,
          response: { 200: ZMatchesSchema, 401: ZProblem, 404: ZProblem },
        },
      },
      async (req) => {
        const user = requireUser(req);
        await assertRequestVisible(ctx.database.db, user, req.params.id);
        return getMatches(ctx.database.db, user, req.params.id);
      },
    );

    app.post(
      '/financing-requests/:id/rematch',
      {
        schema: {
          tags: ['matching'],
          summary: 'Match again against the policies now in force (advisor, admin)',
          params: ZIdParams,
          response: { 200: ZMatchesSchema, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem },
        },
      },
      async (req) => {
        const user = requireRole(req, 'advisor', 'admin');
        const actor = actorOf(req);
        await ctx.database.db.transaction(async (tx) => {
          const { request } = await loadRequestWithCompany(tx, req.params.id);
          if (!['submitted', 'in_review', 'matched'].includes(request.status)) {
            throw new AppError('illegal_transition', `Im Status „${request.status}“ wird nicht neu gematcht.`);
          }
          const run = await matchRequest(tx, req.params.id, actor, 'rematch', hooks.approval);
          if (run.eligibleCount > 0 && request.status !== 'matched') {
            await transition(tx, req.params.id, 'matched', { actor, as: user.role === 'admin' ? 'admin' : 'advisor' });
            await hooks.afterMatched?.(tx, req.params.id);
          }
        });
        return getMatches(ctx.database.db, user, req.params.id);
      },
    );

    app.post(
      '/matching/preview',
      {
        schema: {
          tags: ['matching'],
          summary: 'Match an unsaved request without storing it (advisor, admin)',
          body: ZPreviewSchema,
          response: { 200: ZMatchesSchema, 400: ZProblem, 401: ZProblem, 403: ZProblem },
        },
      },
      async (req) => {
        const user = requireRole(req, 'advisor', 'admin');
        const { company, ...need } = req.body;
        const federalState = federalStateOfPostalCode(company.postalCode);
        if (!federalState) throw AppError.invalidField('company.postalCode', `unbekannte Postleitzahl ${company.postalCode}`);
        if (!findIndustryCode(company.industryCode)) throw AppError.invalidField('company.industryCode', 'kein WZ-2008-Code');
        return previewMatch(ctx.database.db, user, {
          ...need,
          ratingClass: need.ratingClass ?? null,
          submittedOn: berlinToday(),
          company: { ...company, federalState },
        }, hooks.approval);
      },
    );
  };
}
