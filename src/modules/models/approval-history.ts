/**
 * The approval model's training data from the platform's history: every dispatch a lender answered
 * (offer = 1, decline = 0) with the request, the company, the rating in force when the request was
 * sent and the lender's score parts from the match it was dispatched from. Real and simulated history
 * alike (`includeSimulated: false` restricts to real requests).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { berlinDate } from '../../platform/time.js';
import type { ScoreParts } from '../matching/index.js';
import type { LabelledCase } from './train-approval.js';

interface HistoryRow extends Record<string, unknown> {
  lender_id: string;
  lender_type: string;
  product: string;
  amount: string;
  term_months: number;
  annual_revenue: string;
  founded_on: string;
  submitted_at: string | Date;
  legal_form: string;
  industry_code: string;
  federal_state: string;
  rating_class: number | null;
  score_parts: ScoreParts | null;
  dispatched_at: string | Date;
  offered: boolean;
}

export async function loadApprovalHistory(db: Executor, opts: { includeSimulated?: boolean } = {}): Promise<LabelledCase[]> {
  const onlyReal = opts.includeSimulated === false ? sql`and not c.simulated` : sql``;
  const result = await db.execute<HistoryRow>(sql`
    select d.lender_id, l.type as lender_type, r.product, r.amount, r.term_months, c.annual_revenue, c.founded_on::text as founded_on,
           coalesce(r.submitted_at, d.dispatched_at) as submitted_at, c.legal_form, c.industry_code, c.federal_state,
           (select case when rt.missing @> '["statements"]'::jsonb then null else rt.rating_class end
              from ratings rt
             where rt.request_id = r.id and rt.computed_at <= d.dispatched_at
             order by rt.computed_at desc, rt.id desc limit 1) as rating_class,
           mr.score_parts, d.dispatched_at, d.status = 'offered' as offered
      from dispatches d
      join lenders l on l.id = d.lender_id
      join financing_requests r on r.id = d.request_id
      join companies c on c.id = r.company_id
      left join match_results mr on mr.run_id = d.match_run_id and mr.lender_id = d.lender_id
     where d.status in ('offered', 'declined') ${onlyReal}
     order by d.dispatched_at, d.id`);
  const rows = (Array.isArray(result) ? result : (result as { rows: HistoryRow[] }).rows) as HistoryRow[];
  return rows.map((r) => ({
    at: new Date(r.dispatched_at),
    offered: r.offered,
    case: {
      lenderId: r.lender_id,
      lenderType: r.lender_type,
      product: r.product,
      amount: String(r.amount),
      termMonths: Number(r.term_months),
      annualRevenue: String(r.annual_revenue),
      foundedOn: r.founded_on,
      matchedOn: berlinDate(new Date(r.submitted_at)),
      legalForm: r.legal_form,
      industryCode: r.industry_code,
      federalState: r.federal_state,
      ratingClass: r.rating_class === null ? null : Number(r.rating_class),
      scoreParts: r.score_parts ?? { specialisation: 0, regionalFit: 0, volumeRoom: 0 },
    },
  }));
}
