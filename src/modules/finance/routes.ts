import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../platform/http/app-error.js';
import { ZProblem } from '../../platform/http/openapi.js';
import { effectiveAnnualRate } from './effective-rate.js';
import { FinanceError, type FinanceErrorCode } from './finance-error.js';
import {
  EffectiveRateInputSchema,
  EffectiveRateResultSchema,
  ScheduleInputSchema,
  ScheduleResultSchema,
} from './finance.types.js';
import { scheduleWithEffectiveRate } from './schedule-with-effective-rate.js';

const MESSAGES: Record<FinanceErrorCode, string> = {
  invalid_input: 'ungültiger Wert',
  no_drawdown: 'keine Auszahlung an den Kreditnehmer (mindestens ein positiver Betrag nötig)',
  no_repayment: 'keine Rückzahlung (mindestens ein negativer Betrag nötig)',
  dates_out_of_order: 'Zahlungen müssen zeitlich aufsteigend geordnet sein und dürfen nicht vor der ersten Auszahlung liegen',
  no_solution: 'für diese Zahlungen gibt es keinen effektiven Jahreszins',
};

/** Finance errors become a 400 that names the field; the English detail of the math is kept. */
function asProblem<T>(compute: () => T): T {
  try {
    return compute();
  } catch (err) {
    if (err instanceof FinanceError) throw AppError.invalidField(err.field, `${MESSAGES[err.code]} (${err.message})`);
    throw err;
  }
}

// Public and unauthenticated, so limited per client: 120 calculations a minute is plenty for a person.
const rateLimit = { max: 120, timeWindow: '1 minute' };

export function financeRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/calculations/schedule',
      {
        schema: {
          tags: ['calculations'],
          summary: 'Repayment schedule with effective annual rate (public)',
          description:
            'Annuity, linear or bullet repayment; grace months; fees paid upfront, with the first instalment or financed; 30/360 or act/365. Interest and instalment rounded half-up to cents; the last row absorbs the remainder.',
          security: [],
          body: ScheduleInputSchema,
          response: { 200: ScheduleResultSchema, 400: ZProblem, 429: ZProblem },
        },
        config: { rateLimit },
      },
      async (req) => asProblem(() => scheduleWithEffectiveRate(req.body)),
    );
    app.post(
      '/calculations/effective-rate',
      {
        schema: {
          tags: ['calculations'],
          summary: 'Effective annual rate of dated cash flows per Directive 2008/48/EC Annex I (public)',
          security: [],
          body: EffectiveRateInputSchema,
          response: { 200: EffectiveRateResultSchema, 400: ZProblem, 429: ZProblem },
        },
        config: { rateLimit },
      },
      async (req) => asProblem(() => ({ effectiveAnnualRate: effectiveAnnualRate(req.body.cashFlows) })),
    );
  };
}
