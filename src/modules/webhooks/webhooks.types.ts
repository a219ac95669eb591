import { z } from 'zod';
import { WEBHOOK_DELIVERY_STATUSES, WEBHOOK_EVENTS } from './schema.js';

export const ZWebhookDeliverySchema = z
  .object({
    id: z.uuid(),
    event: z.enum(WEBHOOK_EVENTS),
    eventId: z.string(),
    url: z.string(),
    status: z.enum(WEBHOOK_DELIVERY_STATUSES),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.string().nullable().describe('earliest time of the next attempt while pending'),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    data: z.unknown().describe('the `data` of the webhook body'),
  })
  .meta({ id: 'WebhookDelivery' });
export type TWebhookDelivery = z.infer<typeof ZWebhookDeliverySchema>;

export const ZListDeliveriesQuery = z.strictObject({
  status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
  event: z.enum(WEBHOOK_EVENTS).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ZDeliveryListSchema = z.object({ items: z.array(ZWebhookDeliverySchema), total: z.number().int() });
