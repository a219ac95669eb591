import type { RequestStatus } from '../requests/index.js';

/**
 * A request's status as one lender may know it: still open, won by this lender (and how far its contract
 * got), given to someone else, or ended by the borrower. Never how far the competition got — "offered"
 * would tell a lender that others have made offers.
 */
export const LENDER_REQUEST_STATUSES = [
  'open',
  'awarded_elsewhere',
  'accepted',
  'signature_ready',
  'signed',
  'closed',
  'withdrawn',
  'rejected',
  'expired',
] as const;
export type LenderRequestStatus = (typeof LENDER_REQUEST_STATUSES)[number];

const AWARDED: readonly RequestStatus[] = ['accepted', 'signature_ready', 'signed', 'closed'];

/** The borrower accepted an offer: from here on the request belongs to the lender whose offer it was. */
export const isAwarded = (status: RequestStatus) => AWARDED.includes(status);

export function requestStatusForLender(status: RequestStatus, wonByThisLender: boolean): LenderRequestStatus {
  if (isAwarded(status)) return wonByThisLender ? (status as LenderRequestStatus) : 'awarded_elsewhere';
  if (status === 'withdrawn' || status === 'rejected' || status === 'expired') return status;
  return 'open';
}
