import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf, requireRole } from '../../platform/auth/guard.js';
import { ZMeSchema } from '../../platform/auth/auth.types.js';
import { setSessionCookie } from '../../platform/auth/sessions.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import {
  ZAcceptInvitationSchema,
  ZAdminUserSchema,
  ZAuditFacetsSchema,
  ZAuditPageSchema,
  ZAuditQuery,
  ZBusinessQuery,
  ZBusinessSchema,
  ZCommissionRulesSchema,
  ZCreateUserSchema,
  ZListUsersQuery,
  ZUpdateUserSchema,
  ZUserPageSchema,
} from './admin.types.js';
import { auditFacets, searchAudit } from './audit-search.service.js';
import { businessDashboard } from './business.service.js';
import { commissionRuleOverview } from './commission-rules.service.js';
import { acceptInvitation, createManagedUser, listUsers, resendInvitation, updateManagedUser } from './users.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem };

/** The admin area's API: users and roles, audit log search, the business dashboard. Admins only. */
export function adminRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/admin/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Accounts: search by e-mail or name, filter by role and status, paged (admin)',
          querystring: ZListUsersQuery,
          response: { 200: ZUserPageSchema, ...errors },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return listUsers(ctx.database.db, req.query);
      },
    );

    app.post(
      '/admin/users',
      {
        schema: {
          tags: ['admin'],
          summary: 'Create an advisor, admin, analyst, partner or lender account, with an initial password or an invitation mail (admin)',
          body: ZCreateUserSchema,
          response: { 201: ZAdminUserSchema, ...errors, 409: ZProblem },
        },
      },
      async (req, reply) => {
        requireRole(req, 'admin');
        return reply.status(201).send(await createManagedUser(ctx, req.body, actorOf(req)));
      },
    );

    app.patch(
      '/admin/users/:id',
      {
        schema: {
          tags: ['admin'],
          summary: 'Change name, role or lender of an account, deactivate or reactivate it; the last active admin stays (admin)',
          params: ZIdParams,
          body: ZUpdateUserSchema,
          response: { 200: ZAdminUserSchema, ...errors, 404: ZProblem, 409: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return updateManagedUser(ctx.database, req.params.id, req.body, actorOf(req));
      },
    );

    app.post(
      '/admin/users/:id/invitation',
      {
        schema: {
          tags: ['admin'],
          summary: 'Send a new invitation to an account whose invitation is still open; earlier links stop working (admin)',
          params: ZIdParams,
          response: { 200: ZAdminUserSchema, ...errors, 404: ZProblem, 409: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return resendInvitation(ctx, req.params.id, actorOf(req));
      },
    );

    app.post(
      '/invitations/accept',
      {
        schema: {
          tags: ['auth'],
          summary: 'Accept an invitation: set the password and sign in',
          body: ZAcceptInvitationSchema,
          response: { 200: ZMeSchema, 400: ZProblem, 404: ZProblem },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const { user, session } = await acceptInvitation(ctx.database, req.body, ctx.config.sessionTtlHours, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          requestId: req.id,
        });
        setSessionCookie(reply, session, ctx.config.cookieSecure);
        return user;
      },
    );

    app.get(
      '/admin/audit',
      {
        schema: {
          tags: ['admin'],
          summary: 'Search the audit log by actor, entity, action and time range; newest first, paged (admin)',
          querystring: ZAuditQuery,
          response: { 200: ZAuditPageSchema, ...errors },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return searchAudit(ctx.database.db, req.query);
      },
    );

    app.get(
      '/admin/audit/facets',
      {
        schema: {
          tags: ['admin'],
          summary: 'Actions and entity types occurring in the audit log (admin)',
          response: { 200: ZAuditFacetsSchema, 401: ZProblem, 403: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return auditFacets(ctx.database.db);
      },
    );

    app.get(
      '/admin/business',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Business dashboard: requests per day, funnel, volume by product and state, time to first offer, lender responses (admin); real business by default, `history=simulated|all` for the simulated market',
          querystring: ZBusinessQuery,
          response: { 200: ZBusinessSchema, ...errors },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return businessDashboard(ctx.database.db, req.query.days, new Date(), req.query.history);
      },
    );

    app.get(
      '/admin/commission-rules',
      {
        schema: {
          tags: ['admin'],
          summary: 'The default commission rule and every lender-specific rule (admin; set rules with PUT /lenders/:id/commission-rule)',
          response: { 200: ZCommissionRulesSchema, 401: ZProblem, 403: ZProblem },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return commissionRuleOverview(ctx.database.db);
      },
    );
  };
}

