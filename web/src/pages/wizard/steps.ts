/** The wizard's steps in order, and which of them a borrower may open given what is saved so far. */
export const STEPS = ['company', 'financials', 'need', 'documents', 'consents', 'review'] as const;
export type Step = (typeof STEPS)[number];

export function reachableSteps(saved: { companyId: string | null; requestId: string | null }): Step[] {
  if (!saved.companyId) return ['company'];
  // Documents belong to the request, and the review submits it: both need the saved draft.
  if (!saved.requestId) return ['company', 'financials', 'need', 'consents'];
  return [...STEPS];
}
