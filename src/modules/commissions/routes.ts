import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, requireUser } from '../../platform/auth/guard.js';
import type { AppContext } from '../../platform/http/context.js';
import { ZProblem, ZMoney } from '../../platform/http/openapi.js';
import { AppError } from '../../platform/http/app-error.js';
import { getCommissionRule, monthlyStatement, setCommissionRule, statementCsv, statementPdf } from './commissions.service.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem };
const ZRule = z.object({ rate: z.string(), minimum: z.string(), cap: z.string().nullable(), default: z.boolean() }).meta({ id: 'CommissionRule' });
const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Monat als JJJJ-MM' });

export function commissionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/lenders/:id/commission-rule',
      { schema: { tags: ['commissions'], summary: 'Commission rule of a lender (admin, or the lender itself)', params: z.strictObject({ id: z.uuid() }), response: { 200: ZRule, ...errors } } },
      async (req) => getCommissionRule(ctx.database.db, requireUser(req), req.params.id),
    );
    app.put(
      '/lenders/:id/commission-rule',
      {
        schema: {
          tags: ['commissions'],
          summary: 'Set the commission rule: share of the amount, minimum, cap (admin)',
          params: z.strictObject({ id: z.uuid() }),
          body: z.strictObject({
            rate: z.string().regex(/^0(\.\d{1,6})?$/, { message: 'Anteil als Dezimalbruch, z. B. "0.0100" = 1 %' }),
            minimum: ZMoney,
            cap: ZMoney.nullable(),
          }),
          response: { 200: ZRule, ...errors },
        },
      },
      async (req) => setCommissionRule(ctx.database, requireUser(req), req.params.id, req.body, actorOf(req)),
    );
    app.get(
      '/lenders/:id/commission-statements/:month',
      {
        schema: {
          tags: ['commissions'],
          summary: 'Monthly commission statement (JSON; add .csv or .pdf to the month for files)',
          params: z.strictObject({ id: z.uuid(), month: z.string().regex(/^\d{4}-\d{2}(\.csv|\.pdf)?$/, { message: 'JJJJ-MM, optional .csv oder .pdf' }) }),
        },
      },
      async (req, reply) => {
        const [month, format] = req.params.month.split('.');
        if (!ZMonth.safeParse(month).success) throw AppError.invalidField('month', 'Monat als JJJJ-MM (01–12)');
        const s = await monthlyStatement(ctx.database.db, requireUser(req), req.params.id, month);
        const name = `provisionsabrechnung-${month}`;
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(statementCsv(s));
        if (format === 'pdf') return reply.type('application/pdf').header('content-disposition', `inline; filename="${name}.pdf"`).send(Buffer.from(await statementPdf(s)));
        return s;
      },
    );
  };
}
