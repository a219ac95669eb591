import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from './signature.js';

const SECRET = 'whsec_test-secret';
const BODY = '{"id":"d1","event":"offer.accepted","createdAt":"2026-01-01T00:00:00.000Z","data":{}}';

describe('webhook signatures', () => {
  it('is t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, as a receiver recomputes it with plain crypto', () => {
    const header = signWebhook(SECRET, BODY, 1_767_225_600);
    const expected = createHmac('sha256', SECRET).update(`1767225600.${BODY}`).digest('hex');
    expect(header).toBe(`t=1767225600,v1=${expected}`);
  });

  it('verifies within the tolerance and refuses stale, tampered, foreign or malformed signatures', () => {
    const t = 1_767_225_600;
    const header = signWebhook(SECRET, BODY, t);
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: t + 300 })).toEqual({ valid: true, timestamp: t });
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: t - 300 })).toEqual({ valid: true, timestamp: t });
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: t + 301 })).toEqual({ valid: false, reason: 'expired' });
    expect(verifyWebhookSignature(SECRET, BODY + ' ', header, { now: t })).toEqual({ valid: false, reason: 'mismatch' });
    expect(verifyWebhookSignature('whsec_other', BODY, header, { now: t })).toEqual({ valid: false, reason: 'mismatch' });
    // A re-signed timestamp without the secret does not verify: the timestamp is part of the MAC.
    expect(verifyWebhookSignature(SECRET, BODY, header.replace(`t=${t}`, `t=${t + 1000}`), { now: t + 1000 })).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    for (const bad of [undefined, '', 'v1=abc', `t=${t}`, `t=x,v1=${'0'.repeat(64)}`, `t=${t},v1=zz`]) {
      expect(verifyWebhookSignature(SECRET, BODY, bad, { now: t })).toEqual({ valid: false, reason: 'malformed' });
    }
  });

  it('accepts any of several v1 entries (secret rotation)', () => {
    const t = 1_767_225_600;
    const other = signWebhook('whsec_old', BODY, t).split(',')[1];
    const header = `${signWebhook(SECRET, BODY, t)},${other}`;
    expect(verifyWebhookSignature(SECRET, BODY, header, { now: t }).valid).toBe(true);
    expect(verifyWebhookSignature('whsec_old', BODY, header, { now: t }).valid).toBe(true);
  });
});
