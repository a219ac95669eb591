/**
 * Runs the market simulator against the lenders in the database and stores the history in the
 * platform's own tables, in one transaction, with bulk inserts.
 *
 * Marking: every simulated company has `simulated = true` and belongs to one owner user
 * (`SIMULATION_OWNER_EMAIL`, no usable password), so the history never appears in a real borrower's
 * view, staff lists leave it out and analytics can filter it (`companies.simulated`).
 */
import { randomBytes } from 'node:crypto';
import { eq, getTableColumns, getTableName, sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Executor } from '../../platform/db/database.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { users } from '../../platform/auth/schema.js';
import { createUser } from '../../platform/auth/auth.service.js';
import { AppError } from '../../platform/http/app-error.js';
import { berlinToday } from '../../platform/time.js';
import { rocAuc } from '../analytics/index.js';
import { companies } from '../companies/index.js';
import { CONSENT_TEXTS, consents } from '../consents/index.js';
import { dispatches } from '../dispatch/index.js';
import { activeLendersWithPolicies, commissionRules, lenderUsers } from '../lenders/index.js';
import { matchResults, matchRuns, type LenderForMatching } from '../matching/index.js';
import { offers } from '../offers/index.js';
import { financingRequests, requestHistory } from '../requests/index.js';
import { financialStatements, ratings } from '../scoring/index.js';
import { simulateMarket, type SimLender, type SimulatedMarket } from './simulate-market.js';
import { simulationRuns } from './schema.js';

export const SIMULATION_OWNER_EMAIL = 'marktsimulation@simulated.kreditplatz.local';

export interface MarketSimulationOptions {
  seed: number;
  months: number;
  requests: number;
  /** First instant after the window; default: the first of the current month (UTC), so nothing falls into the live month. */
  until?: Date;
  /** How many of the best-ranked lenders each request goes to: the platform's DISPATCH_TOP_N. */
  topN: number;
  /** Delete an earlier simulated history first (otherwise a second run is refused). */
  replace?: boolean;
}

export interface MarketSimulationReport {
  runId: string;
  seed: number;
  months: number;
  window: { from: string; until: string };
  lenders: number;
  counts: Record<string, number>;
  offerRate: number;
  /** AUC of the hidden behaviour's own probabilities: what a perfect approval model could reach. */
  oracleAuc: number;
  millis: { simulate: number; store: number };
}

/** The lenders a simulation uses: active demo lenders answered by the sandbox (no person of their own). */
export async function sandboxLenders(db: Executor): Promise<SimLender[]> {
  const [rows, staffed] = await Promise.all([
    activeLendersWithPolicies(db),
    db.selectDistinct({ lenderId: lenderUsers.lenderId }).from(lenderUsers),
  ]);
  const withPeople = new Set(staffed.map((r) => r.lenderId));
  return rows
    .filter((r) => r.demo && !withPeople.has(r.id))
    .map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type as LenderForMatching['type'],
      policyVersion: r.policyVersion,
      policy: r.policy as LenderForMatching['policy'],
      volumeUsedThisMonth: '0.00',
    }));
}

export function currentMonthStart(): Date {
  const [y, m] = berlinToday().split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1));
}

async function ownerUser(database: Database, actor: Actor): Promise<string> {
  const [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, SIMULATION_OWNER_EMAIL));
  if (existing) return existing.id;
  const user = await createUser(
    database,
    // A random password nobody knows: the account owns the simulated companies and cannot sign in.
    { email: SIMULATION_OWNER_EMAIL, name: 'Marktsimulation (simulierte Historie)', role: 'borrower', password: randomBytes(32).toString('base64url') },
    actor,
  );
  return user.id;
}

/**
 * Inserts many rows fast: each chunk travels as one JSON parameter and PostgreSQL unpacks it with
 * json_populate_recordset (PGlite parses one parameter instead of tens of thousands).
 */
async function insertMany(tx: Executor, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const { columns } = getTableConfig(table);
  const byKey = new Map(Object.entries(getTableColumns(table)).map(([key, column]) => [key, column.name]));
  const keys = Object.keys(rows[0]);
  const names = keys.map((k) => {
    const name = byKey.get(k);
    if (!name || !columns.some((c) => c.name === name)) throw new Error(`${getTableName(table)} has no column for ${k}`);
    return name;
  });
  const list = sql.raw(names.map((n) => `"${n}"`).join(', '));
  for (let i = 0; i < rows.length; i += 2000) {
    const json = JSON.stringify(rows.slice(i, i + 2000).map((r) => Object.fromEntries(keys.map((k, j) => [names[j], r[k] ?? null]))));
    await tx.execute(sql`insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, ${json}::json)`);
  }
}

/** Removes every simulated row (and the runs' records), children before parents. */
export async function deleteSimulatedHistory(tx: Executor): Promise<void> {
  // The ids once into temporary tables: every delete below is then a join on a small table.
  await tx.execute(sql`create temporary table sim_companies on commit drop as select id from companies where simulated`);
  await tx.execute(sql`create temporary table sim_requests on commit drop as select r.id from financing_requests r join sim_companies c on c.id = r.company_id`);
  await tx.execute(sql`create temporary table sim_runs on commit drop as select m.id from match_runs m join sim_requests r on r.id = m.request_id`);
  const statements = [
    sql`delete from offers o using sim_requests s where o.request_id = s.id`,
    sql`delete from dispatches d using sim_requests s where d.request_id = s.id`,
    sql`delete from match_results m using sim_runs s where m.run_id = s.id`,
    sql`delete from match_runs m using sim_runs s where m.id = s.id`,
    sql`delete from ratings x using sim_requests s where x.request_id = s.id`,
    sql`delete from request_history h using sim_requests s where h.request_id = s.id`,
    sql`delete from financing_requests r using sim_requests s where r.id = s.id`,
    sql`delete from consents x using sim_companies s where x.company_id = s.id`,
    sql`delete from financial_statements x using sim_companies s where x.company_id = s.id`,
    sql`delete from companies c using sim_companies s where c.id = s.id`,
    sql`delete from simulation_runs`,
  ];
  for (const statement of statements) await tx.execute(statement);
}

export async function hasSimulatedHistory(db: Executor): Promise<boolean> {
  const [row] = await db.select({ id: companies.id }).from(companies).where(eq(companies.simulated, true)).limit(1);
  return !!row;
}

async function storeHistory(tx: Executor, market: SimulatedMarket, ownerId: string): Promise<void> {
  await insertMany(
    tx,
    companies,
    market.companies.map((c) => ({ ...c, ownerId, simulated: true, updatedAt: c.createdAt })),
  );
  await insertMany(
    tx,
    consents,
    market.companies.flatMap((c) =>
      (['dataProcessing', 'lenderSharing'] as const).map((kind) => ({
        companyId: c.id,
        kind,
        granted: true,
        textVersion: CONSENT_TEXTS[kind].version,
        givenBy: ownerId,
        givenAt: c.createdAt,
      })),
    ),
  );
  await insertMany(tx, financialStatements, market.statements.map((s) => ({ ...s, source: 'manual' as const, updatedBy: ownerId })));
  await insertMany(tx, financingRequests, market.requests.map((r) => ({ ...r, createdBy: ownerId })));
  await insertMany(
    tx,
    requestHistory,
    market.history.map((h) => ({ ...h, fromStatus: h.fromStatus as never, toStatus: h.toStatus as never, actorId: h.actorRole === 'borrower' ? ownerId : null })),
  );
  await insertMany(tx, ratings, market.ratings.map((r) => ({ ...r, trigger: 'submit' as const })));
  await insertMany(tx, matchRuns, market.matchRuns.map((r) => ({ ...r, trigger: 'submit' as const, superseded: false, actorId: ownerId })));
  await insertMany(tx, matchResults, market.matchResults.map((r) => ({ ...r, eligible: true, reasons: [] })));
  await insertMany(
    tx,
    dispatches,
    market.dispatches.map(({ approvalProbability: _hidden, ...d }) => d),
  );
  await insertMany(
    tx,
    offers,
    market.offers.map(({ terms, ...o }) => ({
      ...o,
      bodyHash: 'simulated',
      amount: terms.amount,
      nominalRate: terms.nominalRate,
      termMonths: terms.termMonths,
      amortization: terms.amortization,
      graceMonths: terms.graceMonths,
      fees: terms.fees,
      collateral: terms.collateral,
      conditions: terms.conditions,
      validUntil: terms.validUntil,
      status: 'open' as const,
    })),
  );
}

/**
 * Simulates the market over the window and stores the history (one transaction, one audit record).
 * Refuses when a simulated history exists, unless `replace`.
 */
export async function runMarketSimulation(database: Database, options: MarketSimulationOptions, actor: Actor): Promise<MarketSimulationReport> {
  const db = database.db;
  if (!options.replace && (await hasSimulatedHistory(db))) {
    throw new AppError('conflict', 'Es gibt bereits eine simulierte Historie; zum Ersetzen mit --replace aufrufen.');
  }
  const lenders = await sandboxLenders(db);
  if (lenders.length === 0) throw new AppError('conflict', 'Keine Sandbox-Finanzierungspartner (Demo-Partner ohne eigene Mitarbeiter) vorhanden.');
  const rules = await db.select().from(commissionRules);
  const ownerId = await ownerUser(database, actor);

  const t0 = performance.now();
  const market = simulateMarket(
    {
      seed: options.seed,
      months: options.months,
      requests: options.requests,
      until: options.until ?? currentMonthStart(),
      topN: options.topN,
      commissionRules: new Map(rules.map((r) => [r.lenderId, { rate: r.rate, minimum: r.minimum, cap: r.cap }])),
    },
    lenders,
  );
  const t1 = performance.now();
  const y = Uint8Array.from(market.dispatches, (d) => (d.status === 'offered' ? 1 : 0));
  const oracleAuc = rocAuc(y, Float64Array.from(market.dispatches, (d) => d.approvalProbability));
  const counts = {
    companies: market.companies.length,
    financialStatements: market.statements.length,
    financingRequests: market.requests.length,
    requestHistory: market.history.length,
    ratings: market.ratings.length,
    matchRuns: market.matchRuns.length,
    matchResults: market.matchResults.length,
    dispatches: market.dispatches.length,
    offers: market.offers.length,
  };
  const runId = await db.transaction(async (tx) => {
    if (options.replace) await deleteSimulatedHistory(tx);
    await storeHistory(tx, market, ownerId);
    const [run] = await tx
      .insert(simulationRuns)
      .values({
        seed: options.seed,
        months: options.months,
        windowFrom: market.window.from,
        windowUntil: market.window.until,
        ownerId,
        counts,
        oracleAuc: Number.isFinite(oracleAuc) ? oracleAuc : null,
        millis: Math.round(performance.now() - t0),
        createdBy: actor.userId,
      })
      .returning({ id: simulationRuns.id });
    await writeAudit(tx, actor, {
      action: 'simulation.market_simulated',
      entityType: 'simulation_run',
      entityId: run.id,
      after: { seed: options.seed, months: options.months, window: market.window, counts, replaced: !!options.replace },
    });
    return run.id;
  });
  const t2 = performance.now();
  return {
    runId,
    seed: options.seed,
    months: options.months,
    window: { from: market.window.from.toISOString(), until: market.window.until.toISOString() },
    lenders: lenders.length,
    counts,
    offerRate: y.length ? y.reduce((s, v) => s + v, 0) / y.length : 0,
    oracleAuc,
    millis: { simulate: Math.round(t1 - t0), store: Math.round(t2 - t1) },
  };
}
