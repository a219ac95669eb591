import type { Executor } from '../../platform/db/database.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { PRODUCT_LABELS } from '../matching/index.js';
import { listOffers } from '../offers/index.js';
import { loadRequestWithCompany } from '../requests/index.js';
import { renderOfferComparisonPdf } from './pdf/index.js';

/** The borrower's offer comparison as a PDF; only for those who may see the request (listOffers checks). */
export async function offerComparisonPdf(db: Executor, user: SessionUser, requestId: string, now = new Date()): Promise<{ pdf: Uint8Array; filename: string }> {
  const offers = await listOffers(db, user, requestId);
  const { request, company } = await loadRequestWithCompany(db, requestId);
  const pdf = await renderOfferComparisonPdf({
    companyName: company.name,
    productLabel: PRODUCT_LABELS[request.product].de,
    requestedAmount: request.amount,
    requestedTermMonths: request.termMonths,
    generatedAt: now,
    offers: offers.map((o) => ({
      lenderName: o.lender.name,
      demo: o.lender.demo,
      amount: o.amount,
      nominalRate: o.nominalRate,
      effectiveAnnualRate: o.effectiveAnnualRate,
      termMonths: o.termMonths,
      amortization: o.amortization,
      graceMonths: o.graceMonths,
      instalment: o.instalment,
      totalInterest: o.totalInterest,
      totalFees: o.totalFees,
      totalCost: o.totalCost,
      validUntil: o.validUntil,
      status: o.status,
      expired: o.expired,
      collateral: o.collateral,
      conditions: o.conditions,
    })),
  });
  return { pdf, filename: `Angebotsvergleich-${requestId.slice(0, 8)}.pdf` };
}
