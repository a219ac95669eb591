import { eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { users } from '../../platform/auth/schema.js';
import type { AppContext } from '../../platform/http/context.js';
import {
  allOffersIn,
  contractReady,
  contractSigned,
  firstOfferArrived,
  requestDispatched,
  advisorMessage,
  type RenderedMail,
} from '../../platform/mail/index.js';
import { companies } from '../companies/index.js';
import { financingRequests } from '../requests/index.js';

/** The borrower mails and what each needs besides the request (which is loaded when the mail is sent). */
export type BorrowerMail =
  | { kind: 'requestDispatched'; lenderNames: string[] }
  | { kind: 'firstOfferArrived'; lenderName: string; amount: string; effectiveAnnualRate: string }
  | { kind: 'allOffersIn'; count: number; bestEffectiveRate: string | null }
  | { kind: 'contractReady'; lenderName: string; amount: string }
  | { kind: 'contractSigned'; lenderName: string; amount: string }
  | { kind: 'advisorMessage'; advisorName: string; excerpt: string };

export const MAIL_QUEUE = 'mail-borrower';

/** Enqueues a mail to the borrower of a request, in the caller's transaction. */
export async function mailBorrower(ctx: AppContext, tx: Executor, requestId: string, mail: BorrowerMail): Promise<void> {
  await ctx.jobs.send(MAIL_QUEUE, { requestId, mail }, { retryLimit: 10, retryDelaySeconds: 5 }, tx);
}

function render(mail: BorrowerMail, common: { baseUrl: string; recipientName: string; requestId: string; companyName: string; amount: string }): RenderedMail {
  switch (mail.kind) {
    case 'requestDispatched':
      return requestDispatched({ ...common, lenderNames: mail.lenderNames });
    case 'firstOfferArrived':
      return firstOfferArrived({ ...common, ...mail });
    case 'allOffersIn':
      return allOffersIn({ ...common, count: mail.count, bestEffectiveRate: mail.bestEffectiveRate });
    case 'contractReady':
      return contractReady({ ...common, lenderName: mail.lenderName, amount: mail.amount });
    case 'contractSigned':
      return contractSigned({ ...common, lenderName: mail.lenderName, amount: mail.amount });
    case 'advisorMessage':
      return advisorMessage({ ...common, advisorName: mail.advisorName, excerpt: mail.excerpt });
  }
}

/** Job handler: renders the mail for the request's borrower and sends it (retried by the queue on failure). */
export async function sendBorrowerMail(ctx: AppContext, data: { requestId: string; mail: BorrowerMail }): Promise<void> {
  const [row] = await ctx.database.db
    .select({ email: users.email, name: users.name, companyName: companies.name, amount: financingRequests.amount })
    .from(financingRequests)
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .innerJoin(users, eq(users.id, companies.ownerId))
    .where(eq(financingRequests.id, data.requestId));
  if (!row) return; // the request is gone: nothing to tell
  const rendered = render(data.mail, {
    baseUrl: ctx.config.publicUrl,
    recipientName: row.name,
    requestId: data.requestId,
    companyName: row.companyName,
    amount: row.amount,
  });
  await ctx.mail.send({ to: row.email, subject: rendered.subject, text: rendered.text, html: rendered.html });
}

