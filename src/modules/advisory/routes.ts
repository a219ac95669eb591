import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZIdParams, ZProblem } from '../../platform/http/openapi.js';
import { ZRatingSchema } from '../scoring/index.js';
import {
  ZAssignmentEventSchema,
  ZAssignSchema,
  ZCaseCompanySchema,
  ZCaseQuery,
  ZCaseSummarySchema,
  ZCreateMessageSchema,
  ZCreateNoteSchema,
  ZCreateTaskSchema,
  ZMessageSchema,
  ZMessagesSchema,
  ZNoteSchema,
  ZTaskQuery,
  ZTaskSchema,
} from './advisory.types.js';
import { assignCase, listAdvisors, takeCase } from './assignments.service.js';
import { caseSummary, getCase, listCases, type LenderSide } from './cases.service.js';
import { listMessages, markMessagesRead, postMessage, type MailBorrowerAboutMessage } from './messages.service.js';
import { addNote, listNotes } from './notes.service.js';
import { completeTask, createTask, listTasks } from './tasks.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem };

export interface AdvisoryHooks {
  /** Enqueues the borrower's mail about an advisor's message (notifications module). */
  mailBorrower: MailBorrowerAboutMessage;
  /** Matches, dispatches and offers of a case, with the schemas their modules answer with. */
  lenderSide: LenderSide & { schemas: { matches: z.ZodType; dispatch: z.ZodType; offer: z.ZodType } };
}

export function advisoryRoutes(ctx: AppContext, hooks: AdvisoryHooks): FastifyPluginAsyncZod {
  const sla = () => ctx.config.advisorySla;
  const { schemas } = hooks.lenderSide;
  const ZCaseSchema = z
    .object({
      case: ZCaseSummarySchema,
      purpose: z.string(),
      company: ZCaseCompanySchema,
      financials: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
      rating: ZRatingSchema.nullable(),
      /** Every lender's match explanation (null before the first match). */
      matches: schemas.matches.nullable(),
      dispatches: z.array(schemas.dispatch),
      offers: z.array(schemas.offer),
      notes: z.array(ZNoteSchema),
      tasks: z.array(ZTaskSchema),
      messages: z.array(ZMessageSchema),
      assignmentHistory: z.array(ZAssignmentEventSchema),
    })
    .meta({ id: 'Case' });
  const assignmentResult = z.object({ case: ZCaseSummarySchema, changed: z.boolean() });
  const summaryOf = (req: Parameters<typeof requireUser>[0], id: string) => caseSummary(ctx.database.db, requireUser(req), id, new Date(), sla());

  return async (app) => {
    app.get(
      '/advisory/cases',
      {
        schema: {
          tags: ['advisory'],
          summary: 'The advisors\' case queue: submitted requests with assignee and service level (advisor, admin)',
          querystring: ZCaseQuery,
          response: {
            200: z.object({
              items: z.array(ZCaseSummarySchema),
              total: z.number().int(),
              /** Hours without an offer after which a case turns amber and red. */
              serviceLevelHours: z.object({ amberHours: z.number(), redHours: z.number() }),
            }),
            ...errors,
          },
        },
      },
      async (req) => ({ ...(await listCases(ctx.database.db, requireUser(req), req.query, new Date(), sla())), serviceLevelHours: sla() }),
    );

    app.get(
      '/advisory/cases/:id',
      {
        schema: {
          tags: ['advisory'],
          summary: 'One case with company, financials, rating, match explanation, dispatches, offers, notes, tasks and messages',
          params: ZIdParams,
          response: { 200: ZCaseSchema, ...errors },
        },
      },
      async (req) => getCase(ctx.database.db, requireUser(req), req.params.id, new Date(), sla(), hooks.lenderSide),
    );

    app.post(
      '/advisory/cases/:id/take',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Take a case: assign it to yourself',
          params: ZIdParams,
          response: { 200: assignmentResult, ...errors },
        },
      },
      async (req) => {
        const { changed } = await takeCase(ctx.database, requireUser(req), req.params.id, actorOf(req));
        return { case: await summaryOf(req, req.params.id), changed };
      },
    );

    app.post(
      '/advisory/cases/:id/assign',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Assign or reassign a case to an advisor',
          params: ZIdParams,
          body: ZAssignSchema,
          response: { 200: assignmentResult, ...errors },
        },
      },
      async (req) => {
        const { changed } = await assignCase(ctx.database, requireUser(req), req.params.id, req.body.advisorId, actorOf(req));
        return { case: await summaryOf(req, req.params.id), changed };
      },
    );

    app.get(
      '/advisory/advisors',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Advisors and admins a case can be assigned to',
          response: { 200: z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string(), role: z.string() })) }), ...errors },
        },
      },
      async (req) => ({ items: await listAdvisors(ctx.database.db, requireUser(req)) }),
    );

    app.get(
      '/advisory/cases/:id/notes',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Internal notes on a case (never shown to borrowers or lenders)',
          params: ZIdParams,
          response: { 200: z.object({ items: z.array(ZNoteSchema) }), ...errors },
        },
      },
      async (req) => ({ items: await listNotes(ctx.database.db, requireUser(req), req.params.id) }),
    );

    app.post(
      '/advisory/cases/:id/notes',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Add an internal note to a case',
          params: ZIdParams,
          body: ZCreateNoteSchema,
          response: { 201: ZNoteSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await addNote(ctx.database, requireUser(req), req.params.id, req.body.body, actorOf(req))),
    );

    app.get(
      '/advisory/tasks',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Advisor tasks (open first, by due date); filter by status, request, assignee (me, unassigned, id)',
          querystring: ZTaskQuery,
          response: { 200: z.object({ items: z.array(ZTaskSchema) }), ...errors },
        },
      },
      async (req) => ({ items: await listTasks(ctx.database.db, requireUser(req), req.query) }),
    );

    app.post(
      '/advisory/tasks',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Create a task with an optional due date (for a case or on its own)',
          body: ZCreateTaskSchema,
          response: { 201: ZTaskSchema, ...errors },
        },
      },
      async (req, reply) => reply.status(201).send(await createTask(ctx.database, requireUser(req), req.body, actorOf(req))),
    );

    app.post(
      '/advisory/tasks/:id/complete',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Mark a task done',
          params: ZIdParams,
          response: { 200: ZTaskSchema, ...errors },
        },
      },
      async (req) => completeTask(ctx.database, requireUser(req), req.params.id, actorOf(req)),
    );

    app.get(
      '/financing-requests/:id/messages',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Messages between the borrower and the advisors on a request (the borrower and staff only)',
          params: ZIdParams,
          response: { 200: ZMessagesSchema, ...errors },
        },
      },
      async (req) => listMessages(ctx.database.db, requireUser(req), req.params.id),
    );

    app.post(
      '/financing-requests/:id/messages',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Write a message; an advisor\'s message is mailed to the borrower, a borrower\'s gives the advisor a task',
          params: ZIdParams,
          body: ZCreateMessageSchema,
          response: { 201: ZMessageSchema, ...errors },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await postMessage(ctx.database, requireUser(req), req.params.id, req.body.body, actorOf(req), hooks.mailBorrower)),
    );

    app.post(
      '/financing-requests/:id/messages/read',
      {
        schema: {
          tags: ['advisory'],
          summary: 'Mark the other side\'s messages as read',
          params: ZIdParams,
          response: { 200: z.object({ read: z.number().int() }), ...errors },
        },
      },
      async (req) => markMessagesRead(ctx.database, requireUser(req), req.params.id, actorOf(req)),
    );
  };
}
