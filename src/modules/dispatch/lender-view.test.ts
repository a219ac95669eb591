import { describe, expect, it } from 'vitest';
import { requestStatusForLender } from './lender-view.js';

describe('a request status as a lender sees it', () => {
  it('shows an open request as open, whatever the competition did', () => {
    for (const s of ['submitted', 'in_review', 'matched', 'offered'] as const) expect(requestStatusForLender(s, false)).toBe('open');
  });

  it('shows the progress of a deal only to the lender who won it', () => {
    for (const s of ['accepted', 'signature_ready', 'signed', 'closed'] as const) {
      expect(requestStatusForLender(s, true)).toBe(s);
      expect(requestStatusForLender(s, false)).toBe('awarded_elsewhere');
    }
  });

  it('tells every lender when the borrower ended the request', () => {
    for (const s of ['withdrawn', 'rejected', 'expired'] as const) expect(requestStatusForLender(s, false)).toBe(s);
  });
});
