import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { ZMoney } from '../../platform/http/openapi.js';
import { berlinToday, isCalendarDate } from '../../platform/time.js';
import { FeeSchema } from '../finance/index.js';
import { AMORTIZATIONS, OFFER_STATUSES } from './schema.js';

export const ZCreateOfferSchema = z
  .strictObject({
    amount: ZMoney.refine((v) => new Decimal(v).gte(1000) && new Decimal(v).lte(50_000_000), {
      message: 'Betrag zwischen 1000.00 und 50000000.00 EUR',
    }),
    nominalRate: z
      .string()
      .regex(/^0(\.\d{1,6})?$|^1(\.0{1,6})?$/, { message: 'Sollzins als Dezimalbruch mit höchstens 6 Stellen, z. B. "0.0485"' }),
    termMonths: z.number().int().min(1).max(360),
    amortization: z.enum(AMORTIZATIONS).default('annuity'),
    graceMonths: z.number().int().min(0).max(359).default(0),
    fees: z.array(FeeSchema).max(20).default([]),
    collateral: z.string().trim().max(2000).optional(),
    conditions: z.string().trim().max(5000).optional(),
    validUntil: z
      .string()
      .refine(isCalendarDate, { message: 'Datum JJJJ-MM-TT' })
      .refine((d) => d >= berlinToday(), { message: 'darf nicht in der Vergangenheit liegen' }),
  })
  .refine((o) => o.graceMonths < o.termMonths, { message: 'tilgungsfreie Monate müssen kürzer als die Laufzeit sein', path: ['graceMonths'] });
export type TCreateOffer = z.infer<typeof ZCreateOfferSchema>;

export const ZDeclineSchema = z.strictObject({ reason: z.string().trim().min(3).max(1000) });

export const ZOfferSchema = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    lender: z.object({ id: z.uuid(), name: z.string(), type: z.string(), demo: z.boolean() }),
    amount: z.string(),
    nominalRate: z.string(),
    termMonths: z.number().int(),
    amortization: z.enum(AMORTIZATIONS),
    graceMonths: z.number().int(),
    fees: z.array(z.object({ type: z.string(), amount: z.string(), when: z.string() })),
    collateral: z.string().nullable(),
    conditions: z.string().nullable(),
    validUntil: z.string(),
    status: z.enum(OFFER_STATUSES),
    expired: z.boolean(),
    effectiveAnnualRate: z.string(),
    instalment: z.string(),
    totalInterest: z.string(),
    totalFees: z.string(),
    totalCost: z.string(),
    commission: z.string(),
    /** 1 = lowest effective annual rate among the request's offers. */
    rank: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'Offer' });
export type TOffer = z.infer<typeof ZOfferSchema>;
