import { and, count, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { writeAudit } from '../../platform/audit/audit.js';
import type { AppContext } from '../../platform/http/context.js';
import { AppError } from '../../platform/http/app-error.js';
import { dispatches } from '../dispatch/schema.js';
import { lenders } from '../lenders/schema.js';
import type { LenderPrincipal } from '../lenders/index.js';
import { financingRequests } from '../requests/schema.js';
import { requestDispatchedEvent, type WebhookEventInput } from './events.js';
import { webhookDeliveries, type WebhookDeliveryRow, type WebhookDeliveryStatus, type WebhookEvent } from './schema.js';
import { SIGNATURE_HEADER, signWebhook } from './signature.js';
import { checkWebhookUrl, isLoopbackHost, postWebhook, WebhookTargetRefused } from './webhook-target.js';

/** The queue whose jobs ({deliveryId, …}) POST one delivery to the lender's webhook. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';

export const USER_AGENT = 'Kreditplatz-Webhooks/1';

export interface WebhookDeliveryOptions {
  /** Attempts after the first one; the queue spaces them with exponential backoff. */
  retryLimit: number;
  /** Delay before the first retry (whole seconds); each further retry waits about twice as long. */
  retryDelaySeconds: number;
  /** Time allowed for one attempt: connect, send, status line and (up to 64 KiB of) response body. */
  timeoutMs: number;
  /** Loopback targets; by default allowed only when the platform itself runs on localhost (PUBLIC_URL). */
  allowLoopback: boolean;
}

/**
 * 10 retries, 30 s doubling (the queue adds up to 100 % jitter): the last attempt comes 8½ to 17 hours
 * after the first, so a receiver down overnight still gets everything.
 */
export const DEFAULT_DELIVERY_OPTIONS = { retryLimit: 10, retryDelaySeconds: 30, timeoutMs: 10_000 } as const;

function resolveOptions(ctx: AppContext, options: Partial<WebhookDeliveryOptions>): WebhookDeliveryOptions {
  return {
    ...DEFAULT_DELIVERY_OPTIONS,
    allowLoopback: isLoopbackHost(new URL(ctx.config.publicUrl).hostname),
    ...options,
  };
}

/**
 * A delivery job. It names the attempts it covers, so the handler knows the last one without reading
 * the queue's metadata (`firstAttempt` … `lastAttempt` of the delivery's attempt counter), and carries
 * the options it was queued with, so every worker treats it alike.
 */
export interface WebhookDeliveryJob {
  deliveryId: string;
  firstAttempt?: number;
  lastAttempt?: number;
  retryDelaySeconds?: number;
  timeoutMs?: number;
}

async function enqueueDelivery(ctx: AppContext, tx: Executor, deliveryId: string, attemptsSoFar: number, o: WebhookDeliveryOptions) {
  const job: WebhookDeliveryJob = {
    deliveryId,
    firstAttempt: attemptsSoFar + 1,
    lastAttempt: attemptsSoFar + 1 + o.retryLimit,
    retryDelaySeconds: o.retryDelaySeconds,
    timeoutMs: o.timeoutMs,
  };
  await ctx.jobs.send(
    WEBHOOK_DELIVERY_QUEUE,
    job,
    { retryLimit: o.retryLimit, retryDelaySeconds: o.retryDelaySeconds, expireInSeconds: Math.ceil(o.timeoutMs / 1000) + 60 },
    tx,
  );
}

/**
 * Records a webhook for the lender and enqueues its delivery, both in the caller's transaction — if the
 * lender has a webhook. The same (lender, event id) is recorded and enqueued once however often this
 * runs. Answers the new delivery's id, or null (no webhook, or already queued).
 */
export async function queueWebhook(
  ctx: AppContext,
  tx: Executor,
  input: WebhookEventInput,
  options: Partial<WebhookDeliveryOptions> = {},
): Promise<string | null> {
  const [lender] = await tx
    .select({ url: lenders.webhookUrl, secret: lenders.webhookSecret })
    .from(lenders)
    .where(eq(lenders.id, input.lenderId));
  if (!lender?.url || !lender.secret) return null;
  const [row] = await tx
    .insert(webhookDeliveries)
    .values({ lenderId: input.lenderId, event: input.event, eventId: input.eventId, url: lender.url, payload: input.data })
    .onConflictDoNothing({ target: [webhookDeliveries.lenderId, webhookDeliveries.eventId] })
    .returning({ id: webhookDeliveries.id });
  if (!row) return null;
  await enqueueDelivery(ctx, tx, row.id, 0, resolveOptions(ctx, options));
  return row.id;
}

/** The body of a delivery: the same bytes on every attempt (only the signature's timestamp changes). */
export function deliveryBody(d: Pick<WebhookDeliveryRow, 'id' | 'event' | 'createdAt' | 'payload'>): string {
  return JSON.stringify({ id: d.id, event: d.event, createdAt: d.createdAt.toISOString(), data: d.payload });
}

const errorText = (err: unknown): string => {
  if (err instanceof WebhookTargetRefused) return `Ziel abgelehnt: ${err.message}`;
  const e = err as NodeJS.ErrnoException;
  if (e?.code) return `Verbindungsfehler: ${e.code}`;
  return e?.message ? String(e.message).slice(0, 300) : 'unbekannter Fehler';
};

/**
 * Job handler: one attempt to POST a delivery (with the options the job was queued with; `options` only
 * fill in what the job does not say). 2xx → delivered. Anything else is recorded and thrown, so the
 * queue retries with backoff; the job's last attempt (or a target the platform refuses to call) marks
 * the delivery failed instead. The attempt is claimed on a pending record only, so a repeated job never
 * sends a delivered or failed delivery again.
 */
export async function deliverWebhook(ctx: AppContext, job: WebhookDeliveryJob, options: Partial<WebhookDeliveryOptions> = {}): Promise<void> {
  const o = resolveOptions(ctx, options);
  const timeoutMs = job.timeoutMs ?? o.timeoutMs;
  const db = ctx.database.db;
  const [d] = await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(and(eq(webhookDeliveries.id, job.deliveryId), eq(webhookDeliveries.status, 'pending')))
    .returning();
  if (!d) return; // delivered, failed for good, or unknown: nothing to send
  const attempt = d.attempts;
  const firstAttempt = job.firstAttempt ?? 1;
  const lastAttempt = job.lastAttempt ?? firstAttempt + o.retryLimit;
  const retryDelaySeconds = job.retryDelaySeconds ?? o.retryDelaySeconds;
  const stillPending = and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, 'pending'));

  let statusCode: number | null = null;
  let error: string;
  let permanent = false;
  const [lender] = await db.select({ secret: lenders.webhookSecret }).from(lenders).where(eq(lenders.id, d.lenderId));
  if (!lender?.secret) {
    error = 'Der Webhook des Finanzierungspartners ist nicht mehr eingerichtet.';
    permanent = true;
  } else {
    const body = deliveryBody(d);
    try {
      const url = checkWebhookUrl(d.url, o);
      const res = await postWebhook(
        url,
        body,
        {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'x-kreditplatz-event': d.event,
          'x-kreditplatz-delivery': d.id,
          [SIGNATURE_HEADER]: signWebhook(lender.secret, body),
        },
        { allowLoopback: o.allowLoopback, timeoutMs },
      );
      statusCode = res.statusCode;
      if (statusCode >= 200 && statusCode < 300) {
        await db
          .update(webhookDeliveries)
          .set({ status: 'delivered', deliveredAt: new Date(), lastStatusCode: statusCode, lastError: null, nextAttemptAt: null })
          .where(stillPending);
        return;
      }
      error = `HTTP ${statusCode}`;
    } catch (err) {
      error = errorText(err);
      permanent = err instanceof WebhookTargetRefused;
    }
  }

  if (permanent || attempt >= lastAttempt) {
    await db
      .update(webhookDeliveries)
      .set({ status: 'failed', lastStatusCode: statusCode, lastError: error, nextAttemptAt: null })
      .where(stillPending);
    return; // the delivery log records it; a lender may ask for a redelivery
  }
  // The queue's backoff: retryDelay · 2^(retry number) plus up to 100 % jitter — this is the earliest.
  const waitSeconds = retryDelaySeconds * 2 ** Math.min(16, Math.max(0, attempt - firstAttempt));
  await db
    .update(webhookDeliveries)
    .set({ lastStatusCode: statusCode, lastError: error, nextAttemptAt: sql`now() + make_interval(secs => ${waitSeconds})` })
    .where(stillPending);
  throw new Error(`Webhook-Zustellung ${d.id}, Versuch ${attempt} von ${lastAttempt}: ${error}`);
}

/**
 * Job handler for LENDER_DISPATCHED_QUEUE ({dispatchId}): tells the lender about the request it was
 * sent. Idempotent: the event id is the dispatch's.
 */
export async function onLenderDispatchedWebhook(
  ctx: AppContext,
  data: { dispatchId: string },
  options: Partial<WebhookDeliveryOptions> = {},
): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        dispatchId: dispatches.id,
        lenderId: dispatches.lenderId,
        dispatchedAt: dispatches.dispatchedAt,
        requestId: financingRequests.id,
        product: financingRequests.product,
        amount: financingRequests.amount,
        termMonths: financingRequests.termMonths,
      })
      .from(dispatches)
      .innerJoin(financingRequests, eq(financingRequests.id, dispatches.requestId))
      .where(eq(dispatches.id, data.dispatchId));
    if (!row) return;
    await queueWebhook(ctx, tx, requestDispatchedEvent(row), options);
  });
}

export interface WebhookDeliveryView {
  id: string;
  event: WebhookEvent;
  eventId: string;
  url: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  deliveredAt: string | null;
  data: unknown;
}

function toView(d: WebhookDeliveryRow): WebhookDeliveryView {
  return {
    id: d.id,
    event: d.event,
    eventId: d.eventId,
    url: d.url,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    nextAttemptAt: d.status === 'pending' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    data: d.payload,
  };
}

/** The lender's own delivery log, newest first. */
export async function listDeliveries(
  db: Executor,
  lenderId: string,
  q: { limit: number; offset: number; status?: WebhookDeliveryStatus; event?: WebhookEvent },
): Promise<{ items: WebhookDeliveryView[]; total: number }> {
  const where = and(
    eq(webhookDeliveries.lenderId, lenderId),
    q.status ? eq(webhookDeliveries.status, q.status) : undefined,
    q.event ? eq(webhookDeliveries.event, q.event) : undefined,
  );
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(where)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(q.limit)
    .offset(q.offset);
  const [{ n }] = await db.select({ n: count() }).from(webhookDeliveries).where(where);
  return { items: rows.map(toView), total: Number(n) };
}

/**
 * Sends a failed delivery again, to the lender's webhook URL in force now, with a fresh set of retries.
 * Another lender's delivery (or none) is 404; a pending or delivered one is 409.
 */
export async function redeliverWebhook(
  ctx: AppContext,
  principal: LenderPrincipal,
  deliveryId: string,
  options: Partial<WebhookDeliveryOptions> = {},
): Promise<WebhookDeliveryView> {
  const o = resolveOptions(ctx, options);
  return ctx.database.db.transaction(async (tx) => {
    const [d] = await tx
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.lenderId, principal.lenderId)))
      .for('update');
    if (!d) throw AppError.notFound('Webhook-Zustellung');
    if (d.status !== 'failed') {
      throw new AppError(
        'conflict',
        d.status === 'delivered' ? 'Diese Zustellung war bereits erfolgreich.' : 'Diese Zustellung wird noch versucht.',
      );
    }
    const [lender] = await tx
      .select({ url: lenders.webhookUrl, secret: lenders.webhookSecret })
      .from(lenders)
      .where(eq(lenders.id, principal.lenderId));
    if (!lender?.url || !lender.secret) throw new AppError('conflict', 'Es ist kein Webhook eingerichtet.');
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({ status: 'pending', url: lender.url, nextAttemptAt: sql`now()` })
      .where(eq(webhookDeliveries.id, d.id))
      .returning();
    await enqueueDelivery(ctx, tx, d.id, d.attempts, o);
    await writeAudit(tx, principal.actor, {
      action: 'webhook.redelivery_requested',
      entityType: 'webhook_delivery',
      entityId: d.id,
      before: { status: d.status, url: d.url },
      after: { status: 'pending', url: lender.url },
    });
    return toView(updated);
  });
}
