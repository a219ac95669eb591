import { z } from 'zod';
import { FEDERAL_STATES, LENDER_TYPES, ZCreditPolicySchema } from '../matching/index.js';

export const ZLenderSchema = z
  .object({
    id: z.uuid(),
    key: z.string(),
    name: z.string(),
    type: z.enum(LENDER_TYPES),
    bic: z.string().nullable(),
    federalState: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string(),
    /** Demo lenders carry generated policies that do not describe any real institution. */
    demo: z.boolean(),
    active: z.boolean(),
    currentPolicyVersion: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Lender' });
export type TLender = z.infer<typeof ZLenderSchema>;

export const ZCreateLenderSchema = z.strictObject({
  key: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'Kleinbuchstaben, Ziffern und Bindestriche' })
    .optional(),
  name: z.string().trim().min(2).max(200),
  type: z.enum(LENDER_TYPES),
  bic: z
    .string()
    .regex(/^[A-Z]{4}DE[A-Z0-9]{2}([A-Z0-9]{3})?$/, { message: 'deutsche BIC mit 8 oder 11 Zeichen' })
    .optional(),
  federalState: z.enum(FEDERAL_STATES).optional(),
  contactName: z.string().trim().max(200).optional(),
  contactEmail: z.email({ message: 'keine gültige E-Mail-Adresse' }),
  policy: ZCreditPolicySchema,
});
export type TCreateLender = z.infer<typeof ZCreateLenderSchema>;

export const ZPolicyVersionSchema = z
  .object({
    lenderId: z.uuid(),
    version: z.number().int(),
    policy: ZCreditPolicySchema,
    createdAt: z.string(),
    createdBy: z.uuid().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'CreditPolicyVersion' });

export const ZListLendersQuery = z.strictObject({
  type: z.enum(LENDER_TYPES).optional(),
  q: z.string().trim().max(100).optional(),
});
