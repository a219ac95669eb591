import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/schema.js';
import { financingRequests } from '../requests/schema.js';

export const TASK_KINDS = ['no_match', 'follow_up', 'document_missing', 'custom'] as const;
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [index('advisor_tasks_open_idx').on(t.status, t.dueAt), index('advisor_tasks_request_idx').on(t.requestId)],
);
