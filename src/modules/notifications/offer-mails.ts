import { eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/http/context.js';
import { offers, offersView } from '../offers/index.js';
import { mailBorrower } from './mail-jobs.js';

/** A new offer: the borrower hears of the first one, and again when every lender has answered. */
export async function onOfferReceived(ctx: AppContext, data: { offerId: string; first: boolean; allIn: boolean }): Promise<void> {
  const [row] = await ctx.database.db.select({ requestId: offers.requestId }).from(offers).where(eq(offers.id, data.offerId));
  if (!row) return;
  await ctx.database.db.transaction(async (tx) => {
    const all = await offersView(tx, row.requestId);
    const offer = all.find((o) => o.id === data.offerId);
    if (!offer) return;
    if (data.first) {
      await mailBorrower(ctx, tx, row.requestId, {
        kind: 'firstOfferArrived',
        lenderName: offer.lender.name,
        amount: offer.amount,
        effectiveAnnualRate: offer.effectiveAnnualRate,
      });
    }
    if (data.allIn) {
      const live = all.filter((o) => o.status === 'open' && !o.expired);
      await mailBorrower(ctx, tx, row.requestId, {
        kind: 'allOffersIn',
        count: live.length,
        bestEffectiveRate: live[0]?.effectiveAnnualRate ?? null,
      });
    }
  });
}
