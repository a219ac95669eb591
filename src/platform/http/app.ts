import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type FastifyPluginAsyncZod,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findSessionUser, SESSION_COOKIE } from '../auth/sessions.js';
import { migrationsApplied } from '../db/database.js';
import { registerMetrics } from '../observability/metrics.js';
import type { AppContext } from './context.js';
import { loggerOptions } from './logging.js';
import { apiSchemaTransform, ZProblem } from './openapi.js';
import { registerNulGuard } from './nul-guard.js';
import { frameworkErrorHandler, registerProblemHandler, sendProblem } from './problem.js';

// Validation messages in German: zod's own messages (wrong type, unknown key, …) for every schema that
// does not set its own. Field paths are unaffected.
z.config(z.locales.de());

export const BODY_LIMIT = 1024 * 1024;

export interface HttpOptions {
  /** Route plugins mounted under /api/v1. */
  apiRoutes: FastifyPluginAsyncZod[];
  /** false for none; options (e.g. a `stream`) are merged with the level and the redaction of query parameters. */
  logger?: boolean | object;
  /** Serve the built web app from config.webDist when it exists. */
  serveWeb?: boolean;
}

/** Builds the HTTP server: validation, problem+json errors, sessions, OpenAPI, metrics, the web app. */
export async function buildHttp(ctx: AppContext, opts: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(ctx.config.logLevel, opts.logger),
    bodyLimit: BODY_LIMIT,
    frameworkErrors: frameworkErrorHandler,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandler(app);
  registerNulGuard(app);

  await app.register(cookie);
  await app.register(rateLimit, { global: false, ...(ctx.config.rateLimits ? {} : { allowList: () => true }) });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kreditplatz API',
        version: '1.0.0',
        description:
          'Digitaler Marktplatz für Mittelstandsfinanzierung. Beträge sind Dezimal-Strings in EUR, Zinssätze Dezimalbrüche ("0.0485" = 4,85 %). Fehler als RFC 9457 application/problem+json.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          lenderApiKey: { type: 'http', scheme: 'bearer', description: 'Lender API key (kp_live_…), created in the lender portal' },
        },
      },
      security: [{ session: [] }],
    },
    transform: apiSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.user = await findSessionUser(ctx.database.db, token);
  });

  registerMetrics(app);

  app.get(
    '/health',
    { schema: { tags: ['ops'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/ready',
    {
      schema: {
        tags: ['ops'],
        summary: 'Readiness: database reachable and migrations applied',
        response: { 200: z.object({ status: z.literal('ready'), database: z.string() }), 503: ZProblem },
      },
    },
    async (_req, reply) => {
      try {
        await ctx.database.query('select 1');
        if (!(await migrationsApplied(ctx.database))) {
          return sendProblem(reply, 'internal', 'Datenbank-Migrationen sind nicht vollständig angewendet.', { status: 503 });
        }
        return { status: 'ready' as const, database: ctx.database.kind };
      } catch {
        return sendProblem(reply, 'internal', 'Datenbank nicht erreichbar.', { status: 503 });
      }
    },
  );

  await app.register(
    async (api) => {
      for (const routes of opts.apiRoutes) await api.register(routes);
    },
    { prefix: '/api/v1' },
  );

  const indexHtml = path.join(ctx.config.webDist, 'index.html');
  const serveWeb = (opts.serveWeb ?? true) && fs.existsSync(indexHtml);
  if (serveWeb) {
    await app.register(fastifyStatic, { root: ctx.config.webDist, wildcard: false, index: false });
  }
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes of the single-page app get index.html; everything else a problem.
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html');
    if (serveWeb && isPage) return reply.type('text/html').sendFile('index.html');
    return sendProblem(reply, 'not_found', `Keine Ressource unter ${req.method} ${req.url.split('?')[0]}.`);
  });

  return app;
}
