import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { commissionRules, lenders } from '../lenders/index.js';
import { DEFAULT_COMMISSION_RULE } from '../offers/index.js';

/** The default rule and every lender with a rule of its own, by lender name. Rules are set with the commissions API. */
export async function commissionRuleOverview(db: Executor) {
  const rows = await db
    .select({
      lenderId: lenders.id,
      lenderName: lenders.name,
      lenderType: lenders.type,
      demo: lenders.demo,
      rate: commissionRules.rate,
      minimum: commissionRules.minimum,
      cap: commissionRules.cap,
      updatedAt: commissionRules.updatedAt,
    })
    .from(commissionRules)
    .innerJoin(lenders, eq(lenders.id, commissionRules.lenderId))
    .orderBy(asc(lenders.name));
  return { default: DEFAULT_COMMISSION_RULE, items: rows.map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString() })) };
}
