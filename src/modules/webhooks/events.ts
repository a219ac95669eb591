import type { WebhookEvent } from './schema.js';

/**
 * The events a lender's system is told about, as `queueWebhook` input. Each carries an event id that
 * names the business fact (not the attempt), so telling it twice is recognised as the same event.
 */
export interface WebhookEventInput {
  lenderId: string;
  event: WebhookEvent;
  eventId: string;
  data: Record<string, unknown>;
}

/** Reason given to lenders whose offer lost to another one. */
export const DECLINED_BECAUSE_OTHER_ACCEPTED = 'Der Kunde hat ein anderes Angebot angenommen';

/** A financing request was sent to this lender; the link is the lender API's detail of it. */
export function requestDispatchedEvent(e: {
  lenderId: string;
  dispatchId: string;
  requestId: string;
  dispatchedAt: Date;
  product: string;
  amount: string;
  termMonths: number;
}): WebhookEventInput {
  return {
    lenderId: e.lenderId,
    event: 'request.dispatched',
    eventId: `request.dispatched:${e.dispatchId}`,
    data: {
      requestId: e.requestId,
      dispatchedAt: e.dispatchedAt.toISOString(),
      product: e.product,
      amount: e.amount,
      termMonths: e.termMonths,
      link: `/api/v1/lender/requests/${e.requestId}`,
    },
  };
}

/** The borrower accepted this lender's offer; the contract awaits signatures. */
export function offerAcceptedEvent(e: { lenderId: string; offerId: string; requestId: string; contractId: string }): WebhookEventInput {
  return {
    lenderId: e.lenderId,
    event: 'offer.accepted',
    eventId: `offer.accepted:${e.offerId}`,
    data: { offerId: e.offerId, requestId: e.requestId, contractId: e.contractId },
  };
}

/** The borrower accepted another lender's offer, so this one is declined. */
export function offerDeclinedEvent(e: { lenderId: string; offerId: string; requestId: string }): WebhookEventInput {
  return {
    lenderId: e.lenderId,
    event: 'offer.declined',
    eventId: `offer.declined:${e.offerId}`,
    data: { offerId: e.offerId, requestId: e.requestId, reason: DECLINED_BECAUSE_OTHER_ACCEPTED },
  };
}

/** The borrower signed; the contract awaits the lender's countersignature. */
export function contractSignedByBorrowerEvent(e: { lenderId: string; contractId: string }): WebhookEventInput {
  return {
    lenderId: e.lenderId,
    event: 'contract.signed_by_borrower',
    eventId: `contract.signed_by_borrower:${e.contractId}`,
    data: { contractId: e.contractId },
  };
}
