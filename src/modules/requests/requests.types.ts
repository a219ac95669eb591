import { Decimal } from 'decimal.js';
import { z } from 'zod';
import { ZMoney, ZQueryList } from '../../platform/http/openapi.js';
import { REQUEST_STATUSES } from './lifecycle.js';
import { PRODUCTS } from './schema.js';

export const MIN_AMOUNT = new Decimal('10000.00');
export const MAX_AMOUNT = new Decimal('50000000.00');

const ZRequestAmount = ZMoney.refine((v) => new Decimal(v).gte(MIN_AMOUNT) && new Decimal(v).lte(MAX_AMOUNT), {
  message: 'Betrag zwischen 10000.00 und 50000000.00 EUR',
});
const ZTermMonths = z
  .number({ message: 'Laufzeit in Monaten als Zahl' })
  .int({ message: 'ganze Monate' })
  .min(1, { message: 'mindestens 1 Monat' })
  .max(360, { message: 'höchstens 360 Monate' });
const ZProduct = z.enum(PRODUCTS, { message: `eines von: ${PRODUCTS.join(', ')}` });
const ZPurpose = z.string().trim().min(3, { message: 'mindestens 3 Zeichen' }).max(2000, { message: 'höchstens 2000 Zeichen' });

export const ZCreateRequestSchema = z.strictObject({
  companyId: z.uuid({ message: 'keine gültige ID' }),
  product: ZProduct,
  amount: ZRequestAmount,
  termMonths: ZTermMonths,
  purpose: ZPurpose,
});
export type TCreateRequest = z.infer<typeof ZCreateRequestSchema>;

export const ZUpdateRequestSchema = z
  .strictObject({ product: ZProduct, amount: ZRequestAmount, termMonths: ZTermMonths, purpose: ZPurpose })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'mindestens ein Feld ändern' });
export type TUpdateRequest = z.infer<typeof ZUpdateRequestSchema>;

export const ZReasonSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() }).nullish();

export const ZStatus = z.enum(REQUEST_STATUSES);

export const ZHistoryEntry = z.object({
  from: ZStatus.nullable(),
  to: ZStatus,
  at: z.string(),
  actor: z.object({ id: z.uuid().nullable(), name: z.string().nullable(), role: z.string() }),
  reason: z.string().nullable(),
});

export const ZFinancingRequestSchema = z
  .object({
    id: z.uuid(),
    companyId: z.uuid(),
    companyName: z.string(),
    product: ZProduct,
    amount: z.string(),
    termMonths: z.number().int(),
    purpose: z.string(),
    status: ZStatus,
    createdAt: z.string(),
    updatedAt: z.string(),
    submittedAt: z.string().nullable(),
    /** Status changes the caller may trigger now. */
    actions: z.array(ZStatus),
    /** The contract once an offer was accepted. */
    contractId: z.uuid().nullable(),
    history: z.array(ZHistoryEntry),
  })
  .meta({ id: 'FinancingRequest' });
export type TFinancingRequest = z.infer<typeof ZFinancingRequestSchema>;

export const ZRequestSummarySchema = ZFinancingRequestSchema.omit({ history: true, actions: true, contractId: true }).meta({
  id: 'FinancingRequestSummary',
});
export type TRequestSummary = z.infer<typeof ZRequestSummarySchema>;

export const ZListRequestsQuery = z.strictObject({
  status: ZQueryList(ZStatus),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
