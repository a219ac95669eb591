/** Types and small pure helpers shared by the lender portal's pages. */
import type { components, paths } from '../../api/schema';

export type LenderRequestSummary =
  paths['/api/v1/lender/requests']['get']['responses'][200]['content']['application/json']['items'][number];
export type LenderRequest = components['schemas']['LenderRequestDetail'];
export type Offer = components['schemas']['Offer'];
export type Contract = components['schemas']['Contract'];
export type ApiKey = paths['/api/v1/lender/api-keys']['get']['responses'][200]['content']['application/json']['items'][number];
export type NewApiKey = paths['/api/v1/lender/api-keys']['post']['responses'][201]['content']['application/json'];
export type OfferBody = paths['/api/v1/lender/requests/{id}/offers']['post']['requestBody']['content']['application/json'];
export type FeeWhen = NonNullable<OfferBody['fees']>[number]['when'];
export type Amortization = NonNullable<OfferBody['amortization']>;

export const DISPATCH_STATUSES = ['sent', 'offered', 'declined'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
export const AMORTIZATIONS: Amortization[] = ['annuity', 'linear', 'bullet'];
export const FEE_WHENS: FeeWhen[] = ['upfront', 'first_instalment', 'financed'];

/** A request can still be answered while it is open (as the API tells a lender) and this lender has not declined it. */
export const OPEN_REQUEST_STATUSES = ['open'];

/**
 * Badge colours reuse the request status classes of styles.css: new = blue, answered with an offer = green,
 * declined/withdrawn/cancelled = red.
 */
export function dispatchBadge(status: string): string {
  return `badge ${status === 'offered' ? 'status-offered' : status === 'declined' ? 'status-rejected' : 'status-submitted'}`;
}

export function offerBadge(offer: Pick<Offer, 'status' | 'expired'>): string {
  if (offer.status === 'open') return `badge ${offer.expired ? 'status-expired' : 'status-submitted'}`;
  return `badge ${offer.status === 'accepted' ? 'status-accepted' : 'status-withdrawn'}`;
}

export function contractBadge(status: Contract['status']): string {
  return `badge ${status === 'signed' ? 'status-signed' : status === 'cancelled' ? 'status-withdrawn' : 'status-in_review'}`;
}

/** The two signatures of a contract and whether the lender still has to countersign. */
export function signaturesOf(contract: Contract) {
  const borrower = contract.signatures.find((s) => s.party === 'borrower') ?? null;
  const lender = contract.signatures.find((s) => s.party === 'lender') ?? null;
  return { borrower, lender, canCountersign: contract.status === 'awaiting_signatures' && !!borrower && !lender };
}

/** Today in Europe/Berlin as YYYY-MM-DD (the server's business date for `validUntil`). */
export function berlinToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** "300000.5" (the API's decimal string) → "300.000,50", the German input format the offer form accepts. */
export function toGermanAmountInput(amount: string): string {
  const [int = '0', frac = ''] = amount.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${frac.padEnd(2, '0').slice(0, 2)}`;
}

/**
 * A fresh Idempotency-Key. `crypto.randomUUID` exists only in secure contexts (https, localhost); a
 * platform served over plain http on a LAN address falls back to a v4 UUID from `getRandomValues`.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One Idempotency-Key per submission: the same body sent again (a retry after a network error or a
 * double click) reuses the key, so the server answers with the offer it already made; a changed body
 * gets a new key. `done()` after success, so the next offer is a new submission.
 */
export class IdempotencyKeys {
  private last: { body: string; key: string } | null = null;
  constructor(private readonly generate: () => string = newIdempotencyKey) {}
  keyFor(body: unknown): string {
    const json = JSON.stringify(body);
    if (this.last?.body !== json) this.last = { body: json, key: this.generate() };
    return this.last.key;
  }
  done(): void {
    this.last = null;
  }
}
