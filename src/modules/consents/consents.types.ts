import { z } from 'zod';
import { CONSENT_KINDS } from './schema.js';

export const ZPutConsentsSchema = z.strictObject({
  dataProcessing: z.boolean({ message: 'true oder false' }),
  lenderSharing: z.boolean({ message: 'true oder false' }),
  marketing: z.boolean({ message: 'true oder false' }),
});
export type TPutConsents = z.infer<typeof ZPutConsentsSchema>;

const ZConsentRecord = z.object({
  kind: z.enum(CONSENT_KINDS),
  granted: z.boolean(),
  textVersion: z.string(),
  givenAt: z.string(),
  givenBy: z.object({ id: z.uuid(), name: z.string() }),
});

export const ZConsentsSchema = z
  .object({
    companyId: z.uuid(),
    /** Current state of each consent; false when never given. */
    dataProcessing: z.boolean(),
    lenderSharing: z.boolean(),
    marketing: z.boolean(),
    current: z.array(ZConsentRecord),
    /** Every grant and revocation, newest first. */
    history: z.array(ZConsentRecord),
    texts: z.array(z.object({ kind: z.enum(CONSENT_KINDS), version: z.string(), de: z.string(), en: z.string() })),
  })
  .meta({ id: 'Consents' });
export type TConsents = z.infer<typeof ZConsentsSchema>;
