import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { financingRequests } from '../requests/schema.js';

export const TASK_KINDS = ['no_match', 'follow_up', 'document_missing', 'borrower_message', 'custom'] as const;
export const TASK_STATUSES = ['open', 'done'] as const;

/** Work items for corporate client advisors, usually about one financing request. */
export const advisorTasks = pgTable(
  'advisor_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').references(() => financingRequests.id),
    kind: text('kind', { enum: TASK_KINDS }).notNull(),
    title: text('title').notNull(),
    status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
    dueAt: timestamp('due_at', { withTimezone: true }),
    assigneeId: uuid('assignee_id').references(() => users.id),
    /** Who opened it; null when the platform did (e.g. nothing matched). */
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
  },
  (t) => [
    index('advisor_tasks_open_idx').on(t.status, t.dueAt),
    index('advisor_tasks_request_idx').on(t.requestId),
    index('advisor_tasks_assignee_idx').on(t.assigneeId, t.status),
  ],
);

export const ASSIGNMENT_METHODS = ['round_robin', 'take', 'assign'] as const;
export type AssignmentMethod = (typeof ASSIGNMENT_METHODS)[number];

/**
 * Who works a financing request (a "case") now. One row per request; every change is in the audit log
 * (entity `case_assignment`, id = request id), which is the assignment history.
 */
export const caseAssignments = pgTable(
  'case_assignments',
  {
    requestId: uuid('request_id')
      .primaryKey()
      .references(() => financingRequests.id),
    advisorId: uuid('advisor_id')
      .notNull()
      .references(() => users.id),
    method: text('method', { enum: ASSIGNMENT_METHODS }).notNull(),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_assignments_advisor_idx').on(t.advisorId)],
);

/**
 * When each advisor last received a case (by any method): the automatic rotation gives a new case to
 * the advisor who received one least recently. Advisors without a row have never received one.
 * `lastSequence` is a platform-wide counter (taken under a lock), so the order never depends on clocks.
 */
export const advisorRotation = pgTable('advisor_rotation', {
  advisorId: uuid('advisor_id')
    .primaryKey()
    .references(() => users.id),
  lastSequence: bigint('last_sequence', { mode: 'number' }).notNull(),
  lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }).notNull(),
  assignedCount: integer('assigned_count').notNull().default(0),
});

/** Internal notes of advisors on a case. Never shown to borrowers or lenders. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('case_notes_request_idx').on(t.requestId, t.createdAt)],
);

export const MESSAGE_SIDES = ['borrower', 'staff'] as const;
export type MessageSide = (typeof MESSAGE_SIDES)[number];

/**
 * Messages between the borrower and the platform's advisors about one request. `readAt` is when the
 * other side read it (the borrower reads staff messages, any advisor reads borrower messages).
 */
export const requestMessages = pgTable(
  'request_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => financingRequests.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    side: text('side', { enum: MESSAGE_SIDES }).notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('request_messages_request_idx').on(t.requestId, t.createdAt)],
);
