/**
 * What a contract document is rendered from and what its signature page lists (Zod 4). Money travels
 * as decimal strings ("300000.00"), rates as decimal fractions ("0.0485" = 4,85 %), dates as
 * `YYYY-MM-DD` (Europe/Berlin business dates) and instants as ISO 8601 date-times with an offset.
 * The schedule is the finance module's `scheduleWithEffectiveRate` result, unchanged.
 */
import { z } from 'zod';
import { FeeSchema, IsoDateSchema, ScheduleResultSchema, isValidIsoDate } from '../../finance/index.js';
import { berlinIsoDate, compareDecimalStrings, sumDecimals } from './german-format.js';

const DECIMAL = /^\d+(\.\d+)?$/;
const Text = (max: number) => z.string().trim().min(1).max(max);

/** A non-negative amount in EUR with at most two decimals. */
export const MoneySchema = z.string().regex(/^\d{1,12}(\.\d{1,2})?$/, 'EUR amount as a decimal string, e.g. "300000.00"');
/** A rate as a decimal fraction between 0 and 1. */
export const RateSchema = z
  .string()
  .regex(DECIMAL, 'rate as a decimal fraction, e.g. "0.0485"')
  .refine((s) => !DECIMAL.test(s) || compareDecimalStrings(s, '1') <= 0, { message: 'must be at most 1 (100 %)' });
/** An instant, e.g. "2026-11-27T09:30:00Z" or "2026-11-27T10:30:00+01:00". */
export const InstantSchema = z.iso.datetime({ offset: true });

export const PostalAddressSchema = z.strictObject({
  street: Text(200),
  postalCode: Text(20),
  city: Text(100),
  /** Shown only when given (default: Germany, not printed). */
  country: Text(100).optional(),
});

export const LenderPartySchema = z.strictObject({
  name: Text(200),
  bic: z
    .string()
    .regex(/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'BIC with 8 or 11 characters')
    .optional(),
  address: PostalAddressSchema.optional(),
});

export const BorrowerPartySchema = z.strictObject({
  name: Text(200),
  legalForm: Text(60),
  /** e.g. "HRB 123456". */
  registerNumber: Text(60).optional(),
  /** e.g. "Amtsgericht München". */
  registerCourt: Text(100).optional(),
  vatId: Text(30).optional(),
  address: PostalAddressSchema,
  /** Who represents the company, e.g. "Anna Beispiel (Geschäftsführerin)". */
  representedBy: Text(200).optional(),
});

export const BrokerSchema = z.strictObject({
  name: Text(200).default('Kreditplatz'),
  address: PostalAddressSchema.optional(),
  /** The broker's commission for this deal, disclosed in the contract. */
  commission: z.strictObject({
    amount: MoneySchema,
    /** Who pays it; Kreditplatz is paid by the lender (free for borrowers). */
    paidBy: z.enum(['lender', 'borrower']).default('lender'),
  }),
});

/** "loan": Darlehensvertrag (Darlehensgeber/-nehmer); "financing": Finanzierungsvertrag for leasing and other products. */
export const ContractKindSchema = z.enum(['loan', 'financing']);

export const ContractDocumentInputSchema = z
  .strictObject({
    kind: ContractKindSchema.default('loan'),
    contractNumber: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .regex(/^[\x20-\x7e]+$/, 'printable ASCII'),
    /** When the contract document is issued; its date (Europe/Berlin) is the contract date and the PDF's creation date. */
    issuedAt: InstantSchema,
    /** Last day (Europe/Berlin) on which the offer can be accepted by signing. */
    offerValidUntil: IsoDateSchema,
    /** Demo lender or demo data: every page carries "Demo-Daten: kein echtes Vertragsangebot". */
    demo: z.boolean(),
    lender: LenderPartySchema,
    borrower: BorrowerPartySchema,
    broker: BrokerSchema,
    /** Purpose of the financing, e.g. "Kauf einer CNC-Fräsmaschine". */
    purpose: Text(500).optional(),
    /** The schedule as `scheduleWithEffectiveRate` computed it (all rows). */
    schedule: ScheduleResultSchema,
    /** The fees the schedule was computed with ({ type, amount, when }). */
    fees: z.array(FeeSchema).max(20).default([]),
    /** Collateral, one item each, e.g. "Sicherungsübereignung der finanzierten Maschine". */
    collateral: z.array(Text(1000)).max(30).default([]),
    /** The lender's conditions as free text; paragraphs separated by line breaks. */
    conditions: z.string().max(20_000).default(''),
  })
  .superRefine((input, ctx) => {
    const { schedule } = input;
    if (schedule.rows.length !== schedule.termMonths) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'rows'], message: `must hold all ${schedule.termMonths} rows of the term` });
    }
    schedule.rows.forEach((row, i) => {
      if (row.number !== i + 1) ctx.addIssue({ code: 'custom', path: ['schedule', 'rows', i, 'number'], message: `must be ${i + 1}` });
      if (!isValidIsoDate(row.dueDate)) ctx.addIssue({ code: 'custom', path: ['schedule', 'rows', i, 'dueDate'], message: 'must be a date YYYY-MM-DD' });
    });
    if (!isValidIsoDate(schedule.startDate)) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'startDate'], message: 'must be a date YYYY-MM-DD' });
    }
    const feeTotal = sumDecimals(input.fees.filter((fee) => DECIMAL.test(fee.amount)).map((fee) => fee.amount));
    if (compareDecimalStrings(feeTotal, schedule.totalFees) !== 0) {
      ctx.addIssue({ code: 'custom', path: ['fees'], message: `must add up to the schedule's totalFees ${schedule.totalFees}` });
    }
    if (input.offerValidUntil < berlinIsoDate(new Date(input.issuedAt))) {
      ctx.addIssue({ code: 'custom', path: ['offerValidUntil'], message: 'must not lie before the date of issue' });
    }
  }, { when: (payload) => payload.issues.length === 0 }); // cross-checks only on well-formed fields

/** What callers pass (defaults may be left out). */
export type ContractDocumentInput = z.input<typeof ContractDocumentInputSchema>;
/** After validation, defaults applied. */
export type ContractDocument = z.output<typeof ContractDocumentInputSchema>;
export type ContractKind = z.infer<typeof ContractKindSchema>;
export type PostalAddress = z.infer<typeof PostalAddressSchema>;

export const SignatureRecordSchema = z.strictObject({
  role: z.enum(['borrower', 'lender']),
  signerName: Text(200),
  /** Function of the signer, e.g. "Geschäftsführerin", "Prokurist". */
  signerTitle: Text(100).optional(),
  /** Company on whose behalf the signer signs. */
  onBehalfOf: Text(200).optional(),
  signerEmail: z.email(),
  signedAt: InstantSchema,
  ipAddress: z.union([z.ipv4(), z.ipv6()]),
  /** e.g. "Kreditplatz-Signatur (fortgeschritten, Re-Authentifizierung)". */
  method: Text(200),
  /** SHA-256 (hex) of the exact PDF bytes the signer signed; must be the original document's. */
  documentSha256: z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 as 64 lower-case hex digits'),
});

export const AuditEventSchema = z.strictObject({
  at: InstantSchema,
  /** Who did it, e.g. "Anna Beispiel (Kreditnehmer)" or "System". */
  actor: Text(200),
  /** What happened, e.g. "Vertrag erstellt", "Signatur Kreditnehmer". */
  event: Text(500),
});

export const SignatureListSchema = z.array(SignatureRecordSchema).min(1).max(20);
export const AuditTrailSchema = z.array(AuditEventSchema).max(2000);

export type SignatureRecord = z.infer<typeof SignatureRecordSchema>;
export type AuditEvent = z.infer<typeof AuditEventSchema>;
