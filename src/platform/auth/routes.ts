import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../http/context.js';
import { ZProblem } from '../http/openapi.js';
import { actorOf, requireUser } from './guard.js';
import { login, logout, register } from './auth.service.js';
import { ZLoginRequestSchema, ZMeSchema, ZRegisterRequestSchema } from './auth.types.js';
import { SESSION_COOKIE, setSessionCookie } from './sessions.js';

export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/auth/register',
      {
        schema: {
          tags: ['auth'],
          summary: 'Register as a borrower (signs in at once)',
          body: ZRegisterRequestSchema,
          response: { 201: ZMeSchema, 400: ZProblem, 409: ZProblem },
        },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const { user, session } = await register(ctx.database, req.body, ctx.config.sessionTtlHours, actorOf(req), {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
        });
        setSessionCookie(reply, session, ctx.config.cookieSecure);
        return reply.status(201).send(user);
      },
    );

    app.post(
      '/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password',
          body: ZLoginRequestSchema,
          response: { 200: ZMeSchema, 401: ZProblem, 403: ZProblem },
        },
        config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const { user, session } = await login(ctx.database, req.body, ctx.config.sessionTtlHours, {
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          requestId: req.id,
        });
        setSessionCookie(reply, session, ctx.config.cookieSecure);
        return user;
      },
    );

    app.post(
      '/auth/logout',
      { schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: z.null() } } },
      async (req, reply) => {
        const token = req.cookies[SESSION_COOKIE];
        if (token) await logout(ctx.database, token, actorOf(req));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/me',
      { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: ZMeSchema, 401: ZProblem } } },
      async (req) => requireUser(req),
    );
  };
}
