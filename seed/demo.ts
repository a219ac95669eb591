import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../src/platform/http/context.js';
import type { Executor } from '../src/platform/db/database.js';
import { submitHook } from '../src/app.js';
import { users, type Role } from '../src/platform/auth/schema.js';
import { createUser } from '../src/platform/auth/auth.service.js';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.js';
import { createCompany } from '../src/modules/companies/index.js';
import { addLenderUser, insertLender } from '../src/modules/lenders/index.js';
import { generateDemoLenders } from '../src/modules/lenders/demo-lenders.js';
import { putConsents } from '../src/modules/consents/index.js';
import { saveStatements } from '../src/modules/scoring/index.js';
import { createRequest, submitRequest } from '../src/modules/requests/index.js';
import { seedDemoDocuments } from './demo-documents.js';
import { runMarketSimulation } from '../src/modules/simulation/index.js';
import { trainAndRegisterApprovalModel } from '../src/modules/models/index.js';

export const DEMO_USERS: { role: Role; email: string; name: string }[] = [
  { role: 'borrower', email: 'borrower@demo.kreditplatz.local', name: 'Maria Schneider (Demo-Kreditnehmerin)' },
  { role: 'advisor', email: 'advisor@demo.kreditplatz.local', name: 'Thomas Weber (Demo-Firmenkundenberater)' },
  { role: 'lender', email: 'lender@demo.kreditplatz.local', name: 'Julia Becker (Demo-Kreditsachbearbeiterin)' },
  { role: 'partner', email: 'partner@demo.kreditplatz.local', name: 'Steuerkanzlei Demo (Kooperationspartner)' },
  { role: 'analyst', email: 'analyst@demo.kreditplatz.local', name: 'Lena Fischer (Demo-Datenanalystin)' },
  { role: 'admin', email: 'admin@demo.kreditplatz.local', name: 'Admin Demo' },
];

export interface DemoLogin {
  role: string;
  email: string;
  /** Created by this run, with the password given now; otherwise it has the password of the run that created it. */
  createdNow: boolean;
}

/**
 * Demo data for the embedded database: one user per role, 278 demo lenders (real names and BICs from
 * bankdata-germany, invented policies, all flagged `demo`), a simulated market history of 24 months with
 * an active approval model trained on it (`DEMO_MARKET_REQUESTS`), and for the borrower a company with
 * one submitted, matched request and a few generated PDF documents.
 * Runs once: a second start finds the demo borrower and leaves everything as it is, except that it adds
 * the demo logins of roles introduced since (e.g. the analyst) to an older demo database.
 */
export async function seedDemo(
  ctx: AppContext,
  opts: { password: string; log?: Pick<FastifyBaseLogger, 'info'> },
): Promise<DemoLogin[]> {
  const { database } = ctx;
  const [existing] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_USERS[0].email));
  if (existing) {
    const logins: DemoLogin[] = [];
    for (const u of DEMO_USERS) {
      const [found] = await database.db.select({ id: users.id }).from(users).where(eq(users.email, u.email));
      // The lender login is as old as the demo data, so only roles without a lender link come new here.
      const createNow = !found && u.role !== 'lender';
      if (createNow) await createUser(database, { ...u, password: opts.password }, SYSTEM_ACTOR);
      if (found || createNow) logins.push({ role: u.role, email: u.email, createdNow: createNow });
    }
    return logins;
  }
  const logins: DemoLogin[] = DEMO_USERS.map(({ role, email }) => ({ role, email, createdNow: true }));

  opts.log?.info('seeding demo data');
  const demoLenders = generateDemoLenders();
  const lenderIds = await database.db.transaction(async (tx) => {
    const ids = new Map<string, string>();
    for (const l of demoLenders) {
      const { federalState, bic, ...rest } = l;
      const created = await insertLender(
        tx,
        { ...rest, bic: bic ?? undefined, federalState: federalState ?? undefined, demo: true },
        SYSTEM_ACTOR,
      );
      ids.set(l.key, created.id);
    }
    return ids;
  });
  // The demo credit officer works at a Bavarian savings bank, the region of the demo company.
  const home =
    demoLenders.find((l) => l.type === 'savings_bank' && l.federalState === 'BY' && (l.policy.products ?? []).includes('investment_loan')) ??
    demoLenders[0];
  const created = new Map<Role, Awaited<ReturnType<typeof createUser>>>();
  for (const u of DEMO_USERS) {
    const linkToLender = u.role === 'lender' ? (tx: Executor, user: { id: string }) => addLenderUser(tx, user.id, lenderIds.get(home.key)!, SYSTEM_ACTOR) : undefined;
    created.set(u.role, await createUser(database, { ...u, password: opts.password }, SYSTEM_ACTOR, linkToLender));
  }

  // A simulated market history of the sandbox lenders and an approval model trained on it and active,
  // so matching ranks by approval probability from the first request on (about 10–20 s).
  if (ctx.config.demoMarketRequests > 0) {
    const market = await runMarketSimulation(database, { seed: 1, months: 24, requests: ctx.config.demoMarketRequests, topN: ctx.config.dispatchTopN }, SYSTEM_ACTOR);
    opts.log?.info({ requests: market.counts.financingRequests, dispatches: market.counts.dispatches, millis: market.millis }, 'simulated market history seeded');
    const trained = await trainAndRegisterApprovalModel(database.db, { model: 'logistic', activate: true }, SYSTEM_ACTOR);
    opts.log?.info(
      { version: trained.model.version, holdoutAuc: trained.model.metrics.holdout.auc, brier: trained.model.metrics.holdout.brier, millis: trained.model.metrics.trainMillis },
      'approval model trained and activated',
    );
  }

  const borrower = created.get('borrower')!;
  const borrowerActor = { userId: borrower.id, role: borrower.role };
  const company = await createCompany(
    database,
    created.get('borrower')!,
    {
      name: 'Schneider Präzisionstechnik GmbH (Demo)',
      legalForm: 'GmbH',
      registerNumber: 'HRB 123456',
      vatId: 'DE136695976',
      street: 'Industriestraße 12',
      postalCode: '86150',
      city: 'Augsburg',
      industryCode: '25.62',
      foundedOn: '2009-04-01',
      employees: 48,
      annualRevenue: '6400000.00',
    },
    borrowerActor,
  );
  await saveStatements(
    database,
    borrower,
    company.id,
    [
      { fiscalYear: 2024, revenue: '6100000.00', ebitda: '720000.00', ebit: '480000.00', interestExpense: '52000.00', netIncome: '310000.00', totalAssets: '4800000.00', equity: '1650000.00', liabilitiesShortTerm: '1350000.00', liabilitiesLongTerm: '1800000.00', cash: '420000.00', currentAssets: '2100000.00', currentLiabilities: '1100000.00' },
      { fiscalYear: 2025, revenue: '6400000.00', ebitda: '790000.00', ebit: '530000.00', interestExpense: '48000.00', netIncome: '350000.00', totalAssets: '5000000.00', equity: '1900000.00', liabilitiesShortTerm: '1300000.00', liabilitiesLongTerm: '1800000.00', cash: '510000.00', currentAssets: '2250000.00', currentLiabilities: '1050000.00' },
    ],
    'manual',
    borrowerActor,
  );
  await putConsents(database, borrower, company.id, { dataProcessing: true, lenderSharing: true, marketing: false }, borrowerActor);
  const request = await createRequest(
    database,
    borrower,
    {
      companyId: company.id,
      product: 'investment_loan',
      amount: '300000.00',
      termMonths: 60,
      purpose: '5-Achs-CNC-Bearbeitungszentrum für die Serienfertigung (Demo)',
    },
    borrowerActor,
  );
  await seedDemoDocuments(ctx, company.id, request.id, borrower, borrowerActor);
  await submitRequest(database, borrower, request.id, borrowerActor, submitHook(ctx));
  opts.log?.info({ lenders: demoLenders.length }, 'demo data seeded');
  return logins;
}

/**
 * The console lines announcing the demo logins. The password is printed only for logins this start
 * created: the seed sets it once, so after a restart (perhaps with another DEMO_PASSWORD) the logins
 * keep the password of the start that created them.
 */
export function demoLoginLines(logins: DemoLogin[], password: string): string[] {
  if (logins.length === 0) return [];
  const allNew = logins.every((l) => l.createdNow);
  const lines = [
    allNew ? `  Demo-Zugänge (Passwort: ${password}):` : '  Demo-Zugänge – Passwort wie beim ersten Start (DEMO_PASSWORD):',
  ];
  for (const l of logins) {
    const note = !allNew && l.createdNow ? `   (neu angelegt, Passwort: ${password})` : '';
    lines.push(`    ${l.role.padEnd(9)} ${l.email}${note}`);
  }
  return lines;
}
