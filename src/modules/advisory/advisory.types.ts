import { z } from 'zod';
import { ZMoney, ZQueryList } from '../../platform/http/openapi.js';
import { FEDERAL_STATES } from '../vocabulary/index.js';
import { PRODUCTS, REQUEST_STATUSES } from '../requests/index.js';
import { ASSIGNMENT_METHODS, MESSAGE_SIDES, TASK_KINDS, TASK_STATUSES } from './schema.js';

const ZPerson = z.object({ id: z.uuid(), name: z.string() });

export const ZServiceLevelSchema = z
  .object({
    state: z.enum(['green', 'amber', 'red', 'none']),
    waitingMinutes: z.number().int().nullable(),
    amberAt: z.string().nullable(),
    redAt: z.string().nullable(),
  })
  .meta({ id: 'ServiceLevel' });

export const ZCaseSummarySchema = z
  .object({
    id: z.uuid(),
    companyId: z.uuid(),
    companyName: z.string(),
    federalState: z.string(),
    product: z.enum(PRODUCTS),
    amount: z.string(),
    termMonths: z.number().int(),
    status: z.enum(REQUEST_STATUSES),
    submittedAt: z.string(),
    assignee: ZPerson.extend({ assignedAt: z.string(), method: z.enum(ASSIGNMENT_METHODS) }).nullable(),
    serviceLevel: ZServiceLevelSchema,
    /** Borrower messages no advisor has read yet. */
    unreadMessages: z.number().int(),
    openTasks: z.number().int(),
  })
  .meta({ id: 'CaseSummary' });
export type TCaseSummary = z.infer<typeof ZCaseSummarySchema>;

export const CASE_SORTS = ['submittedAt', '-submittedAt', 'amount', '-amount', 'companyName', '-companyName'] as const;

/** Repeated or comma-separated, see ZQueryList. */
/** Filter values, repeated (`?status=a&status=b`) or comma-separated (`?status=a,b`). */
const csv = <T extends readonly [string, ...string[]]>(values: T) => ZQueryList(z.enum(values));

export const ZCaseQuery = z.strictObject({
  status: csv(REQUEST_STATUSES),
  product: csv(PRODUCTS),
  amountMin: ZMoney.optional(),
  amountMax: ZMoney.optional(),
  /** Federal state of the company (ISO 3166-2:DE code without prefix, e.g. BY). */
  region: csv(FEDERAL_STATES),
  /** Only cases whose borrower has waited at least this many hours for an offer. */
  waitingMinHours: z.coerce.number().min(0).max(24 * 365).optional(),
  serviceLevel: csv(['green', 'amber', 'red', 'none'] as const),
  /** `me`, `unassigned` or an advisor's user id. */
  assignee: z.union([z.literal('me'), z.literal('unassigned'), z.uuid({ message: 'me, unassigned oder eine Benutzer-ID' })]).optional(),
  sort: z.enum(CASE_SORTS).default('submittedAt'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type TCaseQuery = z.infer<typeof ZCaseQuery>;

export const ZAssignSchema = z.strictObject({ advisorId: z.uuid({ message: 'keine gültige ID' }) });

export const ZNoteSchema = z
  .object({ id: z.uuid(), body: z.string(), author: ZPerson, createdAt: z.string() })
  .meta({ id: 'CaseNote' });
export const ZCreateNoteSchema = z.strictObject({
  body: z.string().trim().min(1, { message: 'Notiz darf nicht leer sein' }).max(5000, { message: 'höchstens 5000 Zeichen' }),
});

export const ZMessageSchema = z
  .object({
    id: z.uuid(),
    body: z.string(),
    /** `borrower` or `staff` (an advisor or admin of the platform). */
    side: z.enum(MESSAGE_SIDES),
    author: ZPerson,
    createdAt: z.string(),
    /** When the other side read it. */
    readAt: z.string().nullable(),
  })
  .meta({ id: 'RequestMessage' });
export const ZCreateMessageSchema = z.strictObject({
  body: z.string().trim().min(1, { message: 'Nachricht darf nicht leer sein' }).max(5000, { message: 'höchstens 5000 Zeichen' }),
});
export const ZMessagesSchema = z
  .object({
    items: z.array(ZMessageSchema),
    /** Messages of the other side the caller has not read yet. */
    unread: z.number().int(),
  })
  .meta({ id: 'RequestMessages' });

export const ZTaskSchema = z
  .object({
    id: z.uuid(),
    requestId: z.uuid().nullable(),
    kind: z.enum(TASK_KINDS),
    title: z.string(),
    status: z.enum(TASK_STATUSES),
    dueAt: z.string().nullable(),
    assigneeId: z.uuid().nullable(),
    assigneeName: z.string().nullable(),
    createdAt: z.string(),
    doneAt: z.string().nullable(),
    /** Open and past its due date. */
    overdue: z.boolean(),
  })
  .meta({ id: 'AdvisorTask' });
export type TTask = z.infer<typeof ZTaskSchema>;

export const ZCreateTaskSchema = z.strictObject({
  requestId: z.uuid({ message: 'keine gültige ID' }).optional(),
  title: z.string().trim().min(3, { message: 'mindestens 3 Zeichen' }).max(500, { message: 'höchstens 500 Zeichen' }),
  kind: z.enum(['follow_up', 'document_missing', 'custom']).default('custom'),
  /** ISO 8601 instant with offset, e.g. 2026-05-04T10:00:00+02:00. */
  dueAt: z.iso.datetime({ offset: true, message: 'Zeitpunkt nach ISO 8601 mit Zeitzone' }).optional(),
  /** Defaults to the case's advisor, else the caller. */
  assigneeId: z.uuid({ message: 'keine gültige ID' }).optional(),
});
export type TCreateTask = z.infer<typeof ZCreateTaskSchema>;

export const ZTaskQuery = z.strictObject({
  status: z.enum(TASK_STATUSES).optional(),
  requestId: z.uuid().optional(),
  assignee: z.union([z.literal('me'), z.literal('unassigned'), z.uuid()]).optional(),
});

export const ZCaseCompanySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    legalForm: z.string(),
    registerNumber: z.string().nullable(),
    street: z.string(),
    postalCode: z.string(),
    city: z.string(),
    federalState: z.string(),
    industryCode: z.string(),
    industryLabel: z.string(),
    foundedOn: z.string(),
    employees: z.number().int(),
    annualRevenue: z.string(),
  })
  .meta({ id: 'CaseCompany' });

export const ZAssignmentEventSchema = z.object({
  at: z.string(),
  advisor: ZPerson.nullable(),
  method: z.enum(ASSIGNMENT_METHODS),
  by: ZPerson.nullable(),
});
