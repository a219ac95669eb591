import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Mails received by the in-process SMTP catcher (development and demo, when no SMTP_URL is set). Kept in
 * the database so that every instance's mail page shows every mail.
 */
export const caughtMails = pgTable(
  'caught_mails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    messageId: text('message_id').notNull(),
    from: text('from_address').notNull(),
    to: jsonb('to_addresses').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    attachments: jsonb('attachments').notNull(),
    size: integer('size').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('caught_mails_received_idx').on(t.receivedAt)],
);
