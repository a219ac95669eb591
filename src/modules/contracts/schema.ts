import { customType, date, index, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { lenders } from '../lenders/schema.js';
import { offers } from '../offers/schema.js';
import { financingRequests } from '../requests/schema.js';

/** Binary column; node-postgres returns a Buffer, PGlite a Uint8Array — both are handed out as Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (v) => v,
  fromDriver: (v) => Buffer.from(v),
});

export const CONTRACT_STATUSES = ['awaiting_signatures', 'signed', 'cancelled'] as const;

/** The contract of an accepted offer: the original PDF the parties sign and, once both have, the final one. */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    offerId: uuid('offer_id')
      .notNull()
      .references(() => offers.id),
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull().default('awaiting_signatures'),
    pdf: bytea('pdf').notNull(),
    /** SHA-256 of the exact bytes both parties sign. */
    pdfSha256: text('pdf_sha256').notNull(),
    finalPdf: bytea('final_pdf'),
    finalSha256: text('final_sha256'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('contracts_offer_unique').on(t.offerId), uniqueIndex('contracts_number_unique').on(t.number), index('contracts_request_idx').on(t.requestId)],
);

export const SIGNATURE_PARTIES = ['borrower', 'lender'] as const;

export const contractSignatures = pgTable(
  'contract_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    party: text('party', { enum: SIGNATURE_PARTIES }).notNull(),
    signerUserId: uuid('signer_user_id').references(() => users.id),
    signerName: text('signer_name').notNull(),
    signerEmail: text('signer_email').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    ip: text('ip').notNull(),
    method: text('method').notNull(),
    /** The hash of the PDF as the signer saw it — must equal the contract's pdf_sha256. */
    pdfSha256: text('pdf_sha256').notNull(),
  },
  (t) => [uniqueIndex('contract_signatures_party_unique').on(t.contractId, t.party)],
);

/** What the platform earned: one entry per signed deal, booked on the Berlin date of signing. */
export const commissionLedger = pgTable(
  'commission_ledger',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id),
    lenderId: uuid('lender_id')
      .notNull()
      .references(() => lenders.id),
    amount: numeric('amount', { precision: 14, scale: 2 }).notNull(),
    financedAmount: numeric('financed_amount', { precision: 14, scale: 2 }).notNull(),
    bookedOn: date('booked_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('commission_ledger_contract_unique').on(t.contractId), index('commission_ledger_lender_idx').on(t.lenderId, t.bookedOn)],
);
