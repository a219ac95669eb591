import { describe, expect, it } from 'vitest';
import { allowedNext, checkTransition, REQUEST_STATUSES, TERMINAL_STATUSES, TRANSITIONS } from './lifecycle.js';

describe('request lifecycle', () => {
  it('follows the main path draft → … → closed', () => {
    const path = ['draft', 'submitted', 'matched', 'offered', 'accepted', 'signature_ready', 'signed', 'closed'] as const;
    for (let i = 0; i + 1 < path.length; i++) {
      const actors = TRANSITIONS[path[i]][path[i + 1]];
      expect(actors, `${path[i]} → ${path[i + 1]}`).toBeDefined();
    }
  });

  it('has withdrawn, rejected, expired and closed as the only exits', () => {
    expect([...TERMINAL_STATUSES].sort()).toEqual(['closed', 'expired', 'rejected', 'withdrawn']);
  });

  it('refuses going back and skipping steps', () => {
    expect(checkTransition('submitted', 'draft', 'borrower')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition('draft', 'offered', 'borrower')).toEqual({ ok: false, reason: 'not_allowed' });
    expect(checkTransition('withdrawn', 'submitted', 'borrower')).toEqual({ ok: false, reason: 'not_allowed' });
  });

  it('guards who may trigger a step', () => {
    expect(checkTransition('draft', 'submitted', 'borrower')).toEqual({ ok: true });
    expect(checkTransition('draft', 'submitted', 'advisor')).toEqual({ ok: false, reason: 'actor_not_allowed' });
    expect(checkTransition('submitted', 'rejected', 'borrower')).toEqual({ ok: false, reason: 'actor_not_allowed' });
    expect(checkTransition('offered', 'accepted', 'lender')).toEqual({ ok: false, reason: 'actor_not_allowed' });
  });

  it('names only reachable statuses as actions', () => {
    expect(allowedNext('draft', 'borrower').sort()).toEqual(['submitted', 'withdrawn']);
    expect(allowedNext('submitted', 'advisor').sort()).toEqual(['in_review', 'matched', 'rejected', 'withdrawn']);
    for (const s of REQUEST_STATUSES) for (const to of allowedNext(s, 'admin')) expect(REQUEST_STATUSES).toContain(to);
  });
});
