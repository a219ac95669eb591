/**
 * The approval model as matching calls it: a registered TabularModel behind the matching module's
 * `ApprovalScorer` interface, with the explanation (top contributions per input, log-odds) labelled for
 * advisors.
 */
import type { RawValue, TabularModel } from '../analytics/index.js';
import type { ApprovalPrediction, ApprovalScorer, LenderType, MatchSubject, ScoreParts } from '../matching/index.js';
import { APPROVAL_COLUMN_LABELS, APPROVAL_COLUMNS, approvalRow, type ApprovalColumn } from './approval-features.js';

/** How many contributions a prediction reports. */
export const TOP_CONTRIBUTIONS = 3;

export class ApprovalModelScorer implements ApprovalScorer {
  private readonly row: RawValue[] = new Array<RawValue>(APPROVAL_COLUMNS.length);

  constructor(
    readonly model: TabularModel,
    readonly modelVersion: number,
  ) {
    const columns = model.columns.join(',');
    if (columns !== APPROVAL_COLUMNS.join(',')) throw new RangeError(`model columns ${columns} are not the approval model's`);
  }

  /** The model row of a subject and a lender. */
  rowOf(subject: MatchSubject, lender: { id: string; type: LenderType }, parts: ScoreParts): RawValue[] {
    return approvalRow(
      {
        lenderId: lender.id,
        lenderType: lender.type,
        product: subject.product,
        amount: subject.amount,
        termMonths: subject.termMonths,
        annualRevenue: subject.company.annualRevenue,
        foundedOn: subject.company.foundedOn,
        matchedOn: subject.submittedOn,
        legalForm: subject.company.legalForm,
        industryCode: subject.company.industryCode,
        federalState: subject.company.federalState,
        ratingClass: subject.ratingClass,
        scoreParts: parts,
      },
      this.row,
    );
  }

  /** Probability only (the fast path; no explanation). */
  probability(subject: MatchSubject, lender: { id: string; type: LenderType }, parts: ScoreParts): number {
    return this.model.predictRow(this.rowOf(subject, lender, parts));
  }

  predict(subject: MatchSubject, lender: { id: string; type: LenderType }, parts: ScoreParts): ApprovalPrediction {
    const explanation = this.model.explain(this.rowOf(subject, lender, parts), { top: TOP_CONTRIBUTIONS, by: 'column' });
    return {
      probability: explanation.probability,
      contributions: explanation.contributions.map((c) => ({
        feature: c.name,
        label: APPROVAL_COLUMN_LABELS[c.name as ApprovalColumn] ?? { de: c.name, en: c.name },
        contribution: Math.round(c.contribution * 10_000) / 10_000,
      })),
    };
  }
}
