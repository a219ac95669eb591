import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { lenders } from '../lenders/schema.js';

/** What a lender's system is told about, as the `event` of a webhook. */
export const WEBHOOK_EVENTS = ['request.dispatched', 'offer.accepted', 'offer.declined', 'contract.signed_by_borrower'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/**
 * One business event to be delivered to one lender's webhook, and how its delivery went. Unique per
 * (lender, event id): the same event queued again — a retried job, a repeated hook — is the same record,
 * so a lender is told about it once (at least once on the wire; receivers dedupe by the delivery id).
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
    event: text('event', { enum: WEBHOOK_EVENTS }).notNull(),
    /** Idempotency key of the business event, e.g. `request.dispatched:<dispatch id>`. */
    eventId: text('event_id').notNull(),
    /** The lender's webhook URL when the event happened (a redelivery takes the URL in force then). */
    url: text('url').notNull(),
    /** The event's `data` as delivered. */
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    /** When the next attempt is due (earliest; the queue adds jitter); null once delivered or failed. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_lender_event_unique').on(t.lenderId, t.eventId),
    index('webhook_deliveries_lender_created_idx').on(t.lenderId, t.createdAt),
  ],
);
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
