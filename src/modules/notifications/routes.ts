import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZProblem } from '../../platform/http/openapi.js';
import { listCaughtMails } from './caught-mails.js';

const ZCaughtMail = z
  .object({
    id: z.uuid(),
    messageId: z.string(),
    from: z.string(),
    to: z.array(z.string()),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), size: z.number() })),
    receivedAt: z.string(),
  })
  .meta({ id: 'CaughtMail' });

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/dev/mails',
      {
        schema: {
          tags: ['development'],
          summary: 'Mails caught by the in-process SMTP catcher (when no SMTP_URL is configured): admins all, everyone else their own',
          response: { 200: z.object({ items: z.array(ZCaughtMail) }), 401: ZProblem, 403: ZProblem },
        },
      },
      async (req) => ({ items: await listCaughtMails(ctx.database.db, requireUser(req)) }),
    );
  };
}
