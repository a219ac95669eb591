import { describe, expect, it } from 'vitest';
import { demoLendersForMatching, generateDemoLenders } from '../lenders/demo-lenders.js';
import { simulateMarket } from '../simulation/index.js';
import { ApprovalModelScorer } from './approval-scorer.js';
import { approvalCasesFromMarket } from './simulated-cases.js';
import { timeSplit, trainApprovalModel, TrainingDataError, type LabelledCase } from './train-approval.js';

/** The labelled pairs of a small simulated market (12 months). */
function simulatedCases(requests: number, seed: number): LabelledCase[] {
  const lenders = demoLendersForMatching(generateDemoLenders()).map((l) => ({ ...l, volumeUsedThisMonth: '0.00' }));
  const m = simulateMarket({ seed, months: 12, requests, until: new Date(Date.UTC(2026, 10, 1)), topN: 8 }, lenders);
  return approvalCasesFromMarket(m, new Map(lenders.map((l) => [l.id, l.type])));
}

describe('time-based split', () => {
  it('holds out the last calendar months and trains on everything before', () => {
    const at = (iso: string) => ({ at: new Date(iso) });
    const cases = [at('2026-01-15T10:00:00Z'), at('2026-06-30T23:59:59Z'), at('2026-07-01T00:00:00Z'), at('2026-10-31T08:00:00Z'), at('2026-03-01T00:00:00Z')];
    const { train, test, cutoff } = timeSplit(cases, 4);
    expect(cutoff.toISOString()).toBe('2026-07-01T00:00:00.000Z');
    expect(train).toEqual([0, 1, 4]);
    expect(test).toEqual([2, 3]);
    expect(timeSplit(cases, 1).test).toEqual([3]);
  });

  it('refuses a history without enough pairs before or inside the hold-out', () => {
    expect(() => timeSplit([], 4)).toThrow(TrainingDataError);
    const few = Array.from({ length: 30 }, (_, i) => ({ at: new Date(Date.UTC(2026, 9, 1 + i)), offered: i % 2 === 0, case: {} as LabelledCase['case'] }));
    expect(() => trainApprovalModel(few)).toThrow(/vor dem Prüfzeitraum/);
  });
});

describe('approval model on simulated history', () => {
  const cases = simulatedCases(500, 3);
  const { model, evaluation } = trainApprovalModel(cases, { holdoutMonths: 3, model: 'logistic' });

  it('learns the hidden lender behaviour: well above chance and above the lenders’ past offer rates on later months', () => {
    expect(evaluation.holdout.rows).toBeGreaterThan(300);
    expect(evaluation.training.rows).toBeGreaterThan(evaluation.holdout.rows);
    expect(evaluation.training.to < evaluation.holdout.from).toBe(true);
    expect(evaluation.holdout.auc).toBeGreaterThan(0.75);
    expect(evaluation.holdout.auc).toBeGreaterThan(evaluation.baseline.auc);
    expect(evaluation.holdout.brier).toBeLessThan(evaluation.baseline.brier);
    // Calibrated: the deciles' observed rates follow the predictions.
    expect(evaluation.reliability).toHaveLength(10);
    for (const row of evaluation.reliability) expect(Math.abs(row.meanPredicted - row.observedRate)).toBeLessThan(0.2);
  });

  it('explains each prediction by its largest contributions, labelled for advisors', () => {
    const scorer = new ApprovalModelScorer(model, 1);
    const c = cases[0].case;
    const subject = {
      product: c.product as 'investment_loan',
      amount: c.amount,
      termMonths: c.termMonths,
      submittedOn: c.matchedOn,
      ratingClass: c.ratingClass,
      company: { federalState: c.federalState, postalCode: '80331', industryCode: c.industryCode, legalForm: c.legalForm as 'GmbH', foundedOn: c.foundedOn, annualRevenue: c.annualRevenue },
    };
    const prediction = scorer.predict(subject, { id: c.lenderId, type: c.lenderType as 'savings_bank' }, c.scoreParts);
    expect(prediction.probability).toBeCloseTo(scorer.probability(subject, { id: c.lenderId, type: c.lenderType as 'savings_bank' }, c.scoreParts), 12);
    expect(prediction.contributions).toHaveLength(3);
    for (const x of prediction.contributions) {
      expect(x.label.de.length).toBeGreaterThan(3);
      expect(Number.isFinite(x.contribution)).toBe(true);
    }
    const sizes = prediction.contributions.map((x) => Math.abs(x.contribution));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });
});
