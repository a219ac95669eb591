import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './platform/db/database.js';
import { authRoutes } from './platform/auth/routes.js';
import { buildHttp } from './platform/http/app.js';
import type { AppContext } from './platform/http/context.js';
import { companyRoutes } from './modules/companies/index.js';
import { consentRoutes } from './modules/consents/index.js';
import { requestRoutes } from './modules/requests/index.js';
import { lenderRoutes } from './modules/lenders/index.js';
import { matchingRoutes, matchOnSubmit } from './modules/matching/index.js';
import { advisoryRoutes } from './modules/advisory/index.js';
import { financeRoutes } from './modules/finance/index.js';

/** Every module's routes, mounted under /api/v1. Adding a module means adding one line here. */
function apiRoutes(ctx: AppContext): FastifyPluginAsyncZod[] {
  return [
    authRoutes(ctx),
    companyRoutes(ctx),
    consentRoutes(ctx),
    // Submitting a request matches it in the same transaction.
    requestRoutes(ctx, { afterSubmit: matchOnSubmit }),
    lenderRoutes(ctx),
    matchingRoutes(ctx),
    advisoryRoutes(ctx),
    financeRoutes(),
  ];
}

export async function buildApp(
  config: Config,
  database: Database,
  opts: { logger?: boolean | object; serveWeb?: boolean } = {},
): Promise<FastifyInstance> {
  const ctx: AppContext = { config, database };
  return buildHttp(ctx, { apiRoutes: apiRoutes(ctx), ...opts });
}
