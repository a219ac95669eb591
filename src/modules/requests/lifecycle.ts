/**
 * The financing request lifecycle: one table of allowed transitions and who may trigger each.
 * Everything that changes a request's status goes through `assertTransition`.
 */
export const REQUEST_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'matched',
  'offered',
  'accepted',
  'signature_ready',
  'signed',
  'closed',
  'withdrawn',
  'rejected',
  'expired',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Who triggers a transition: a person by role, or the platform itself (matching, jobs, signing). */
export type TransitionActor = 'borrower' | 'advisor' | 'admin' | 'lender' | 'system';

const STAFF = ['advisor', 'admin'] as const;
/** Advisors and admins may withdraw a borrower's request on the borrower's behalf (e.g. asked by phone); the history and audit record name them as actor. */
const WITHDRAWERS = ['borrower', ...STAFF] as const;

export const TRANSITIONS: Record<RequestStatus, Partial<Record<RequestStatus, readonly TransitionActor[]>>> = {
  draft: { submitted: ['borrower'], withdrawn: WITHDRAWERS },
  submitted: {
    in_review: [...STAFF, 'system'],
    matched: [...STAFF, 'system'],
    withdrawn: WITHDRAWERS,
    rejected: STAFF,
    expired: ['system'],
  },
  in_review: { matched: [...STAFF, 'system'], withdrawn: WITHDRAWERS, rejected: STAFF, expired: ['system'] },
  matched: { offered: ['system'], withdrawn: WITHDRAWERS, rejected: STAFF, expired: ['system'] },
  offered: { accepted: ['borrower'], withdrawn: WITHDRAWERS, expired: ['system'] },
  accepted: { signature_ready: ['system'], withdrawn: WITHDRAWERS },
  signature_ready: { signed: ['system'], withdrawn: WITHDRAWERS, expired: ['system'] },
  signed: { closed: ['system', 'admin'] },
  closed: {},
  withdrawn: {},
  rejected: {},
  expired: {},
};

export const TERMINAL_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter(
  (s) => Object.keys(TRANSITIONS[s]).length === 0,
);

export type TransitionCheck = { ok: true } | { ok: false; reason: 'not_allowed' | 'actor_not_allowed' };

export function checkTransition(from: RequestStatus, to: RequestStatus, actor: TransitionActor): TransitionCheck {
  const actors = TRANSITIONS[from][to];
  if (!actors) return { ok: false, reason: 'not_allowed' };
  if (!actors.includes(actor)) return { ok: false, reason: 'actor_not_allowed' };
  return { ok: true };
}

/** Statuses reachable from `from` by this actor: what the UI offers as actions. */
export function allowedNext(from: RequestStatus, actor: TransitionActor): RequestStatus[] {
  return (Object.entries(TRANSITIONS[from]) as [RequestStatus, readonly TransitionActor[]][])
    .filter(([, actors]) => actors.includes(actor))
    .map(([to]) => to);
}
