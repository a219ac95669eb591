import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.js';
import { startPlatform, type Platform } from '../../src/app.js';
import type { Database, Executor } from '../../src/platform/db/database.js';
import { addLenderUser, insertLender } from '../../src/modules/lenders/index.js';
import { createUser } from '../../src/platform/auth/auth.service.js';
import type { Role } from '../../src/platform/auth/schema.js';
import { SYSTEM_ACTOR } from '../../src/platform/audit/audit.js';
import { freshDatabase } from './database.js';

export const PASSWORD = 'correct-horse-battery';

export interface TestContext {
  app: FastifyInstance;
  platform: Platform;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const { database, url } = await freshDatabase();
  const config = loadConfig({
    DATA_DIR: '/tmp/kreditplatz-test-unused',
    LOG_LEVEL: 'silent',
    RATE_LIMITS: 'off',
    ...(url ? { DATABASE_URL: url } : {}),
    ...env,
  });
  const platform = await startPlatform(config, database, { logger: false, serveWeb: false });
  const app = platform.app;
  await app.ready();
  return {
    app,
    platform,
    database,
    config,
    async close() {
      await platform.close();
      await database.close();
    },
  };
}

/** A signed-in API client: keeps the session cookie like a browser would. */
export class Client {
  cookie: string | undefined;
  constructor(private readonly app: FastifyInstance) {}

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });
    const set = res.cookies.find((c) => c.name === 'kp_session');
    if (set) this.cookie = set.value ? `kp_session=${set.value}` : undefined;
    return res;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body);
  put = (url: string, body?: unknown) => this.request('PUT', url, body);
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body);
}

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}-${Date.now()}-${++counter}@example.test`;

/** Registers a new borrower through the API and returns its signed-in client. */
export async function registeredBorrower(ctx: TestContext, name = 'Erika Musterfrau') {
  const client = new Client(ctx.app);
  const email = uniqueEmail('borrower');
  const res = await client.post('/api/v1/auth/register', { email, password: PASSWORD, name });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return { client, email, user: res.json() as { id: string } };
}

/** Creates a user of any role directly (roles other than borrower are not self-registered) and signs in. */
/**
 * A signed-in user of the role. A lender user belongs to `opts.lenderId`, or else to a lender of its own
 * whose policy fits no ordinary request (the database refuses a lender user without a lender).
 */
export async function signedInAs(ctx: TestContext, role: Role, opts: { lenderId?: string } = {}) {
  const email = uniqueEmail(role);
  let link: ((tx: Executor, user: { id: string }) => Promise<void>) | undefined;
  if (role === 'lender') {
    link = async (tx, user) => {
      const lenderId =
        opts.lenderId ??
        (
          await insertLender(
            tx,
            {
              name: `Hausbank von ${email}`,
              type: 'private_bank',
              contactEmail: `kredit.${email}`,
              policy: { products: ['mezzanine'], amount: { min: '50000000.00', max: '50000000.00' } },
            },
            SYSTEM_ACTOR,
          )
        ).id;
      await addLenderUser(tx, user.id, lenderId, SYSTEM_ACTOR);
    };
  }
  const user = await createUser(ctx.database, { email, password: PASSWORD, name: `Test ${role}`, role }, SYSTEM_ACTOR, link);
  const client = new Client(ctx.app);
  const res = await client.post('/api/v1/auth/login', { email, password: PASSWORD });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return { client, email, user };
}

export const VALID_COMPANY = {
  name: 'Muster Maschinenbau GmbH',
  legalForm: 'GmbH',
  registerNumber: 'HRB 98765',
  vatId: 'DE136695976',
  street: 'Hauptstraße 1',
  postalCode: '80331',
  city: 'München',
  industryCode: '28.41',
  foundedOn: '2012-03-15',
  employees: 35,
  annualRevenue: '4200000.00',
};

export async function createCompany(client: Client, overrides: Record<string, unknown> = {}) {
  const res = await client.post('/api/v1/companies', { ...VALID_COMPANY, ...overrides });
  if (res.statusCode !== 201) throw new Error(`company failed: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; federalState: string };
}

export function problem(res: LightMyRequestResponse) {
  return res.json() as { type: string; status: number; title: string; detail: string; errors?: { path: string; message: string }[] };
}
