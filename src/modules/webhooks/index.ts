export {
  webhookDeliveries,
  WEBHOOK_EVENTS,
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookEvent,
  type WebhookDeliveryStatus,
  type WebhookDeliveryRow,
} from './schema.js';
export {
  WEBHOOK_DELIVERY_QUEUE,
  DEFAULT_DELIVERY_OPTIONS,
  USER_AGENT,
  queueWebhook,
  deliverWebhook,
  onLenderDispatchedWebhook,
  listDeliveries,
  redeliverWebhook,
  deliveryBody,
  type WebhookDeliveryOptions,
  type WebhookDeliveryJob,
  type WebhookDeliveryView,
} from './webhooks.service.js';
export {
  requestDispatchedEvent,
  offerAcceptedEvent,
  offerDeclinedEvent,
  contractSignedByBorrowerEvent,
  DECLINED_BECAUSE_OTHER_ACCEPTED,
  type WebhookEventInput,
} from './events.js';
export { signWebhook, verifyWebhookSignature, SIGNATURE_HEADER, DEFAULT_TOLERANCE_SECONDS, type SignatureCheck } from './signature.js';
export { checkWebhookUrl, classifyAddress, isLoopbackHost, WebhookTargetRefused, type TargetPolicy } from './webhook-target.js';
export { webhookRoutes } from './routes.js';
export { ZWebhookDeliverySchema, type TWebhookDelivery } from './webhooks.types.js';
