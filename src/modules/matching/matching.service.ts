import { TZDate } from '@date-fns/tz';
import { and, desc, eq, gte, isNotNull, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import type { Actor } from '../../platform/audit/audit.js';
import { writeAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { BUSINESS_TIME_ZONE, berlinDate } from '../../platform/time.js';
import { openTask } from '../advisory/index.js';
import { activeLendersWithPolicies, lenders } from '../lenders/index.js';
import { financingRequests, loadRequestWithCompany, transition } from '../requests/index.js';
import { CompiledPolicyCache } from './compile-policy.js';
import { evaluate, type LenderEvaluation } from './evaluate.js';
import type { ApprovalPrediction, ApprovalScorer, ApprovalScorerSource, LegalForm, LenderForMatching, LenderType, MatchSubject, Product } from './matching.types.js';
import { prepareSubject } from './prepare-subject.js';
import { rankEligible, scoreParts } from './rank-eligible.js';
import { ratingClassForMatching } from '../scoring/index.js';
import { matchResults, matchRuns } from './schema.js';
// Schema only (no service import), so matching does not depend on the dispatch module at runtime.
import { dispatches } from '../dispatch/schema.js';

// Compiled policies are cached per process and keyed by policy version, so a changed policy is
// recompiled on the next match in every instance; nothing stale can be used.
const cache = new CompiledPolicyCache();

function monthStartBerlin(now: Date): Date {
  const today = new TZDate(now.getTime(), BUSINESS_TIME_ZONE);
  return new Date(new TZDate(today.getFullYear(), today.getMonth(), 1, BUSINESS_TIME_ZONE).getTime());
}

/**
 * Volume each lender has been sent this month (Europe/Berlin): the amounts of live requests dispatched to
 * it that it has not declined. Counts against `monthlyVolumeCap`. Read from the dispatches themselves, so
 * it follows whatever number of lenders a request actually went to.
 */
async function volumeUsedThisMonth(db: Executor, now: Date): Promise<Map<string, string>> {
  const rows = await db
    .select({ lenderId: dispatches.lenderId, total: sql<string>`sum(${financingRequests.amount})` })
    .from(dispatches)
    .innerJoin(financingRequests, eq(financingRequests.id, dispatches.requestId))
    .where(
      and(
        gte(dispatches.dispatchedAt, monthStartBerlin(now)),
        ne(dispatches.status, 'declined'),
        sql`${financingRequests.status} not in ('withdrawn', 'rejected', 'expired')`,
      ),
    )
    .groupBy(dispatches.lenderId);
  return new Map(rows.map((r) => [r.lenderId, r.total]));
}

async function lendersForMatching(db: Executor, now: Date): Promise<(LenderForMatching & { demo: boolean })[]> {
  const [rows, volume] = await Promise.all([activeLendersWithPolicies(db), volumeUsedThisMonth(db, now)]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type as LenderType,
    demo: r.demo,
    policyVersion: r.policyVersion,
    policy: r.policy as LenderForMatching['policy'],
    volumeUsedThisMonth: volume.get(r.id) ?? '0.00',
  }));
}

export interface MatchOutcome {
  matchedAt: Date;
  lenders: (LenderForMatching & { demo: boolean })[];
  evaluations: LenderEvaluation[];
  ranking: ReturnType<typeof rankEligible>;
  /** With an active approval model: its version and a prediction per eligible lender. */
  approval: { modelVersion: number; predictions: Map<string, ApprovalPrediction> } | null;
}

/**
 * Evaluates a subject against every active lender. Pure apart from loading the lenders. With an
 * approval model, each eligible lender's score is its base score × its approval probability.
 */
export async function evaluateSubject(db: Executor, subject: MatchSubject, now = new Date(), scorer: ApprovalScorer | null = null): Promise<MatchOutcome> {
  const all = await lendersForMatching(db, now);
  const compiled = cache.compile(all);
  const prepared = prepareSubject(subject);
  const evaluations = evaluate(compiled, prepared);
  if (!scorer) return { matchedAt: now, lenders: all, evaluations, ranking: rankEligible(evaluations, compiled, prepared), approval: null };
  const predictions = new Map<string, ApprovalPrediction>();
  evaluations.forEach((e, i) => {
    if (!e.eligible) return;
    const c = compiled[i];
    predictions.set(e.lenderId, scorer.predict(subject, { id: c.lenderId, type: c.lenderType }, scoreParts(c, prepared)));
  });
  const ranking = rankEligible(evaluations, compiled, prepared, (id) => predictions.get(id)!.probability);
  return { matchedAt: now, lenders: all, evaluations, ranking, approval: { modelVersion: scorer.modelVersion, predictions } };
}

/** Matches a stored request and records the result (superseding earlier runs). */
export async function matchRequest(tx: Executor, requestId: string, actor: Actor, trigger: 'submit' | 'rematch', approval?: ApprovalScorerSource) {
  const { request, company } = await loadRequestWithCompany(tx, requestId);
  const subject: MatchSubject = {
    product: request.product as Product,
    amount: request.amount,
    termMonths: request.termMonths,
    submittedOn: berlinDate(request.submittedAt ?? new Date()),
    ratingClass: await ratingClassForMatching(tx, requestId),
    company: {
      federalState: company.federalState,
      postalCode: company.postalCode,
      industryCode: company.industryCode,
      legalForm: company.legalForm as LegalForm,
      foundedOn: company.foundedOn,
      annualRevenue: company.annualRevenue,
    },
  };
  const outcome = await evaluateSubject(tx, subject, new Date(), approval ? await approval(tx) : null);
  const rankOf = new Map(outcome.ranking.map((r) => [r.lenderId, r]));
  await tx.update(matchRuns).set({ superseded: true }).where(eq(matchRuns.requestId, requestId));
  const [run] = await tx
    .insert(matchRuns)
    .values({
      requestId,
      matchedAt: outcome.matchedAt,
      lenderCount: outcome.lenders.length,
      eligibleCount: outcome.ranking.length,
      trigger,
      actorId: actor.userId,
    })
    .returning();
  const versionOf = new Map(outcome.lenders.map((l) => [l.id, l.policyVersion]));
  const rows = outcome.evaluations.map((e) => {
    const ranked = rankOf.get(e.lenderId);
    return {
      runId: run.id,
      lenderId: e.lenderId,
      policyVersion: versionOf.get(e.lenderId)!,
      eligible: e.eligible,
      rank: ranked?.rank ?? null,
      score: ranked ? ranked.score.toFixed(6) : null,
      scoreParts: ranked?.scoreParts ?? null,
      reasons: e.reasons,
      notes: e.notes,
      ...approvalColumns(outcome, e.lenderId),
    };
  });
  for (let i = 0; i < rows.length; i += 500) await tx.insert(matchResults).values(rows.slice(i, i + 500));
  await writeAudit(tx, actor, {
    action: 'financing_request.match_run',
    entityType: 'financing_request',
    entityId: requestId,
    after: { runId: run.id, lenderCount: run.lenderCount, eligibleCount: run.eligibleCount, trigger, approvalModelVersion: outcome.approval?.modelVersion ?? null },
  });
  return run;
}

/** The stored approval prediction of a lender in a match (nulls without a model or for ineligible lenders). */
function approvalColumns(outcome: MatchOutcome, lenderId: string) {
  const p = outcome.approval?.predictions.get(lenderId);
  if (!outcome.approval || !p) return { approvalProbability: null, approvalModelVersion: null, approvalContributions: null };
  return { approvalProbability: p.probability.toFixed(6), approvalModelVersion: outcome.approval.modelVersion, approvalContributions: p.contributions };
}

/**
 * After submit: match; with at least one eligible lender the request becomes `matched`, otherwise it
 * stays `submitted` and an advisor gets a task (due in 4 hours) to look for a way forward.
 */
export async function matchOnSubmit(tx: Executor, requestId: string, actor: Actor, approval?: ApprovalScorerSource): Promise<{ eligibleCount: number }> {
  const run = await matchRequest(tx, requestId, actor, 'submit', approval);
  const system: Actor = { userId: null, role: 'system', requestId: actor.requestId };
  if (run.eligibleCount > 0) {
    await transition(tx, requestId, 'matched', {
      actor: system,
      as: 'system',
      reason: `${run.eligibleCount} von ${run.lenderCount} Finanzierungspartnern passen`,
    });
  } else {
    await openTask(
      tx,
      {
        requestId,
        kind: 'no_match',
        title: 'Kein Finanzierungspartner passt – Anfrage prüfen und mit dem Kunden Alternativen besprechen',
        dueAt: new Date(Date.now() + 4 * 3_600_000),
      },
      system,
    );
  }
  return { eligibleCount: run.eligibleCount };
}

/** The eligible lenders of a request's current match, best first. */
export async function currentRanking(db: Executor, requestId: string, topN: number) {
  const [run] = await db
    .select({ id: matchRuns.id })
    .from(matchRuns)
    .where(and(eq(matchRuns.requestId, requestId), eq(matchRuns.superseded, false)))
    .limit(1);
  if (!run) return [];
  const rows = await db
    .select({ lenderId: matchResults.lenderId, rank: matchResults.rank })
    .from(matchResults)
    .where(and(eq(matchResults.runId, run.id), isNotNull(matchResults.rank), lte(matchResults.rank, topN)))
    .orderBy(matchResults.rank);
  return rows.map((r) => ({ runId: run.id, lenderId: r.lenderId, rank: r.rank! }));
}

/** The stored match of a request: full explanation for staff, counts and types for the borrower. */
export async function getMatches(db: Executor, user: SessionUser, requestId: string) {
  const [run] = await db
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.requestId, requestId), eq(matchRuns.superseded, false)))
    .orderBy(desc(matchRuns.matchedAt))
    .limit(1);
  if (!run) throw new AppError('not_found', 'Für diese Anfrage liegt noch kein Matching vor (erst nach dem Einreichen).');
  const rows = await db
    .select({
      lenderId: matchResults.lenderId,
      name: lenders.name,
      type: lenders.type,
      demo: lenders.demo,
      policyVersion: matchResults.policyVersion,
      eligible: matchResults.eligible,
      rank: matchResults.rank,
      score: matchResults.score,
      scoreParts: matchResults.scoreParts,
      reasons: matchResults.reasons,
      notes: matchResults.notes,
      approvalProbability: matchResults.approvalProbability,
      approvalModelVersion: matchResults.approvalModelVersion,
      approvalContributions: matchResults.approvalContributions,
    })
    .from(matchResults)
    .innerJoin(lenders, eq(lenders.id, matchResults.lenderId))
    .where(eq(matchResults.runId, run.id));
  return shapeMatches(user, run.matchedAt, rows);
}

type ResultRow = {
  lenderId: string;
  name: string;
  type: string;
  demo: boolean;
  policyVersion: number;
  eligible: boolean;
  rank: number | null;
  score: string | null;
  scoreParts: unknown;
  reasons: unknown;
  notes: unknown;
  approvalProbability: string | null;
  approvalModelVersion: number | null;
  approvalContributions: unknown;
};

type Localized = { criterion: string; message: { de: string; en: string } };

function shapeMatches(user: SessionUser, matchedAt: Date, rows: ResultRow[]) {
  const eligibleRows = rows.filter((r) => r.eligible).sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0));
  if (user.role === 'borrower') {
    const types = new Map<string, number>();
    for (const r of eligibleRows) types.set(r.type, (types.get(r.type) ?? 0) + 1);
    return {
      view: 'borrower' as const,
      policyVersionAt: matchedAt.toISOString(),
      eligibleCount: eligibleRows.length,
      lenderTypes: [...types].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count),
    };
  }
  const message = (x: Localized) => ({ criterion: x.criterion, message: x.message.de, messageEn: x.message.en });
  return {
    view: 'full' as const,
    policyVersionAt: matchedAt.toISOString(),
    eligibleCount: eligibleRows.length,
    eligible: eligibleRows.map((r) => ({
      lenderId: r.lenderId,
      name: r.name,
      type: r.type,
      demo: r.demo,
      policyVersion: r.policyVersion,
      rank: r.rank!,
      score: Number(r.score),
      scoreParts: r.scoreParts as Record<string, number>,
      notes: (r.notes as Localized[]).map(message),
      approval:
        r.approvalProbability === null || r.approvalModelVersion === null
          ? null
          : {
              probability: Number(r.approvalProbability),
              modelVersion: r.approvalModelVersion,
              contributions: (r.approvalContributions as ApprovalPrediction['contributions']).map((c) => ({
                feature: c.feature,
                label: c.label.de,
                labelEn: c.label.en,
                contribution: c.contribution,
              })),
            },
    })),
    ineligible: rows
      .filter((r) => !r.eligible)
      .sort((a, b) => a.name.localeCompare(b.name, 'de'))
      .map((r) => ({
        lenderId: r.lenderId,
        name: r.name,
        type: r.type,
        demo: r.demo,
        policyVersion: r.policyVersion,
        reasons: (r.reasons as Localized[]).map(message),
      })),
  };
}

/** Matches an unsaved request without storing anything (advisors exploring options with a client). */
export async function previewMatch(db: Executor, user: SessionUser, subject: MatchSubject, approval?: ApprovalScorerSource) {
  const outcome = await evaluateSubject(db, subject, new Date(), approval ? await approval(db) : null);
  const rankOf = new Map(outcome.ranking.map((r) => [r.lenderId, r]));
  const rows: ResultRow[] = outcome.evaluations.map((e, i) => {
    const l = outcome.lenders[i];
    const ranked = rankOf.get(e.lenderId);
    return {
      lenderId: e.lenderId,
      name: l.name,
      type: l.type,
      demo: l.demo,
      policyVersion: l.policyVersion,
      eligible: e.eligible,
      rank: ranked?.rank ?? null,
      score: ranked ? ranked.score.toFixed(6) : null,
      scoreParts: ranked?.scoreParts ?? null,
      reasons: e.reasons,
      notes: e.notes,
      ...approvalColumns(outcome, e.lenderId),
    };
  });
  return shapeMatches(user, outcome.matchedAt, rows);
}

