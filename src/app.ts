import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './platform/db/database.js';
import { authRoutes } from './platform/auth/routes.js';
import { EventHub } from './platform/events/events.js';
import { buildHttp } from './platform/http/app.js';
import { AppError } from './platform/http/app-error.js';
import type { AppContext } from './platform/http/context.js';
import { startJobQueue, type JobQueue } from './platform/jobs/queue.js';
import { companyRoutes } from './modules/companies/index.js';
import { consentRoutes } from './modules/consents/index.js';
import { requestRoutes } from './modules/requests/index.js';
import { lenderRoutes } from './modules/lenders/index.js';
import { getMatches, matchingRoutes, matchOnSubmit, ZMatchesSchema } from './modules/matching/index.js';
import { advisoryRoutes, assignRoundRobin } from './modules/advisory/index.js';
import { financeRoutes } from './modules/finance/index.js';
import { rateRequest, scoringRoutes } from './modules/scoring/index.js';
import { commissionRoutes } from './modules/commissions/index.js';
import { analyticsRoutes } from './modules/analytics/index.js';
import { adminRoutes, INVITATION_MAIL_QUEUE, sendInvitationMail } from './modules/admin/index.js';
import { analystRoutes } from './modules/analyst/index.js';
import { activeApprovalScorer, modelRoutes } from './modules/models/index.js';
import {
  dispatchRoutes,
  DISPATCH_QUEUE,
  LENDER_DISPATCHED_QUEUE,
  listDispatchesOfRequest,
  runDispatch,
  scheduleDispatch,
  ZDispatchSchema,
} from './modules/dispatch/index.js';
import { documentRoutes } from './modules/documents/index.js';
import { offerRoutes, offersView, OFFER_RECEIVED_QUEUE, ZOfferSchema } from './modules/offers/index.js';
import { onLenderDispatched, sandboxCountersign, sandboxDecide, SANDBOX_DECIDE_QUEUE } from './modules/sandbox/index.js';
import { contractIdOfRequest, contractRoutes, CONTRACT_AWAITS_LENDER_QUEUE } from './modules/contracts/index.js';
import { deliverWebhook, onLenderDispatchedWebhook, WEBHOOK_DELIVERY_QUEUE, webhookRoutes } from './modules/webhooks/index.js';
import {
  MAIL_QUEUE,
  mailBorrower,
  notificationRoutes,
  onOfferReceived,
  sendBorrowerMail,
  storeCaughtMail,
} from './modules/notifications/index.js';
import { createMailer, startSmtpCatcher, type Mailer, type SmtpCatcher } from './platform/mail/index.js';
import type { Executor } from './platform/db/database.js';
import type { Actor } from './platform/audit/audit.js';

/** Every module's routes, mounted under /api/v1. Adding a module means adding one line here. */
function apiRoutes(ctx: AppContext): FastifyPluginAsyncZod[] {
  return [
    authRoutes(ctx),
    companyRoutes(ctx),
    consentRoutes(ctx),
    requestRoutes(ctx, { afterSubmit: submitHook(ctx), contractIdOf: (db, id) => contractIdOfRequest(db, id) }),
    lenderRoutes(ctx),
    matchingRoutes(ctx, { afterMatched: (tx, id) => scheduleDispatch(ctx, tx, id), approval: activeApprovalScorer }),
    advisoryRoutes(ctx, {
      mailBorrower: (tx, requestId, mail) => mailBorrower(ctx, tx, requestId, mail),
      // The case page shows the lender side through the owning modules (they depend on advisory, not vice versa).
      lenderSide: {
        schemas: { matches: ZMatchesSchema, dispatch: ZDispatchSchema, offer: ZOfferSchema },
        matches: (db, user, id) =>
          getMatches(db, user, id).catch((err: unknown) => {
            if (err instanceof AppError && err.code === 'not_found') return null; // not matched yet
            throw err;
          }),
        dispatches: (db, user, id) => listDispatchesOfRequest(db, user, id),
        offers: (db, _user, id) => offersView(db, id),
      },
    }),
    financeRoutes(),
    dispatchRoutes(ctx),
    documentRoutes(ctx),
    offerRoutes(ctx),
    notificationRoutes(ctx),
    contractRoutes(ctx),
    webhookRoutes(ctx),
    scoringRoutes(ctx),
    commissionRoutes(ctx),
    analyticsRoutes(ctx),
    modelRoutes(ctx),
    analystRoutes(ctx),
    adminRoutes(ctx),
  ];
}

/**
 * Submitting a request rates and matches it in the same transaction; with eligible lenders its dispatch
 * is enqueued in that transaction too, so a committed submit always reaches the lenders. An active
 * approval model (models module) ranks the eligible lenders by their chance of making an offer. The new
 * case goes to the next advisor in the round-robin (with any task matching opened).
 */
export function submitHook(ctx: AppContext) {
  return async (tx: Executor, requestId: string, actor: Actor) => {
    await rateRequest(tx, requestId, 'submit');
    const { eligibleCount } = await matchOnSubmit(tx, requestId, actor, activeApprovalScorer);
    if (eligibleCount > 0) await scheduleDispatch(ctx, tx, requestId);
    await assignRoundRobin(tx, requestId, actor);
  };
}

/** A module's background work: the queues it sends to and the handlers that work them. */
export interface JobDefinition {
  name: string;
  handler: (ctx: AppContext, data: never) => Promise<void>;
  concurrency?: number;
}

function jobDefinitions(): JobDefinition[] {
  const def = <T>(name: string, handler: (ctx: AppContext, data: T) => Promise<void>, concurrency = 2): JobDefinition => ({
    name,
    handler: handler as JobDefinition['handler'],
    concurrency,
  });
  return [
    def(DISPATCH_QUEUE, runDispatch),
    // pg-boss hands each job to one worker: everything a dispatch triggers runs here, each step idempotent.
    def<{ dispatchId: string }>(
      LENDER_DISPATCHED_QUEUE,
      async (ctx, data) => {
        await onLenderDispatchedWebhook(ctx, data);
        await onLenderDispatched(ctx, data);
      },
      4,
    ),
    def(WEBHOOK_DELIVERY_QUEUE, deliverWebhook, 4),
    def(SANDBOX_DECIDE_QUEUE, sandboxDecide, 4),
    def(OFFER_RECEIVED_QUEUE, onOfferReceived),
    def(MAIL_QUEUE, sendBorrowerMail, 2),
    def(CONTRACT_AWAITS_LENDER_QUEUE, sandboxCountersign),
    def(INVITATION_MAIL_QUEUE, sendInvitationMail),
  ];
}

export interface Platform {
  app: FastifyInstance;
  ctx: AppContext;
  close(): Promise<void>;
}

/**
 * Starts the platform on an open, migrated database: job queue (workers unless ROLE=web), live-event
 * hub, HTTP server (not yet listening).
 */
export async function startPlatform(
  config: Config,
  database: Database,
  opts: { logger?: boolean | object; serveWeb?: boolean; workers?: boolean } = {},
): Promise<Platform> {
  const events = new EventHub();
  await events.start(database, config.databaseUrl);
  const jobs = await startJobQueue(database, {
    databaseUrl: config.databaseUrl,
    expireInSeconds: config.jobExpireSeconds,
    maintenanceIntervalSeconds: config.jobMaintenanceSeconds,
  });
  // Without an SMTP server, an in-process catcher receives every mail and stores it for /dev/mails.
  let catcher: SmtpCatcher | undefined;
  if (!config.smtpUrl) catcher = await startSmtpCatcher({ onMail: (mail) => storeCaughtMail(database, mail) });
  const mailer: Mailer = createMailer({ smtpUrl: config.smtpUrl ?? catcher!.url, from: config.mailFrom });
  const ctx: AppContext = { config, database, jobs, events, mail: mailer };
  const definitions = jobDefinitions();
  await jobs.declare(...definitions.map((d) => d.name));
  const app = await buildHttp(ctx, { apiRoutes: apiRoutes(ctx), ...opts });
  jobs.boss.on('error', (err) => app.log.error({ err }, 'job queue error'));
  if (config.role !== 'web' && opts.workers !== false) {
    for (const d of definitions) {
      await jobs.work(
        d.name,
        async (job) => {
          try {
            await d.handler(ctx, job.data as never);
          } catch (err) {
            app.log.warn({ err, job: d.name, jobId: job.id }, 'job failed; the queue retries it with backoff');
            throw err;
          }
        },
        { concurrency: d.concurrency },
      );
    }
  }
  return {
    app,
    ctx,
    async close() {
      await app.close();
      await jobs.stop();
      await events.stop();
      await mailer.close();
      await catcher?.close();
    },
  };
}

/** The OpenAPI document, built from the route schemas alone (no database, no jobs). */
export async function buildApiDocument(config: Config): Promise<unknown> {
  const unavailable = () => {
    throw new Error('not available while generating the API document');
  };
  const ctx: AppContext = {
    config,
    database: { kind: 'pglite', query: unavailable, close: unavailable, db: undefined as never },
    jobs: { declare: unavailable, send: unavailable, work: unavailable, stop: unavailable, boss: undefined as never } as JobQueue,
    events: new EventHub(),
    mail: { send: unavailable },
  };
  const app = await buildHttp(ctx, { apiRoutes: apiRoutes(ctx), logger: false, serveWeb: false });
  await app.ready();
  const doc = app.swagger();
  await app.close();
  return doc;
}
