import path from 'node:path';
import { z } from 'zod';

/** Environment, parsed and validated once at start-up. Every setting has a safe default for `npm start`. */
const booleanFlag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().url().optional(),
  SEED_DEMO: booleanFlag.optional(),
  DEMO_PASSWORD: z.string().min(10).default('kreditplatz-demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when the platform is served over HTTPS, so session cookies carry the Secure flag. */
  COOKIE_SECURE: booleanFlag.default(false),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Where the built web app lives; the server serves it at `/`. */
  WEB_DIST: z.string().default('./dist/web'),
  /** Per-client request limits on public and login endpoints; tests switch them off to register many users. */
  RATE_LIMITS: booleanFlag.default(true),
  /** web: HTTP only; worker: job workers only; all: both (one process serves everything). */
  ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  /** How many of the best-ranked eligible lenders a request is sent to. */
  DISPATCH_TOP_N: z.coerce.number().int().min(1).max(50).default(8),
  /** Size of the simulated market history the demo seed creates (and trains the approval model on); 0 = none. */
  DEMO_MARKET_REQUESTS: z.coerce.number().int().min(0).max(200_000).default(1000),
  /** Demo lenders answer by themselves (simulated credit decisions) within seconds. */
  SANDBOX_LENDERS: booleanFlag.default(true),
  /** Outgoing mail server; without it an in-process SMTP catcher receives every mail (shown at /dev/mails). */
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Kreditplatz <no-reply@kreditplatz.local>'),
  /** The address people reach the platform at, for links in e-mails. */
  PUBLIC_URL: z.string().url().optional(),
  /** A job a crashed worker held is given to another worker after this long. */
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  /** How often the queue's maintenance (expiry of such jobs, retention) runs. */
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** A submitted request without an offer turns amber in the advisors' queue after this many hours… */
  ADVISORY_SLA_AMBER_HOURS: z.coerce.number().min(0.1).max(720).default(4),
  /** …and red after this many. */
  ADVISORY_SLA_RED_HOURS: z.coerce.number().min(0.1).max(720).default(24),
  /** A live event stream sends a heartbeat this often and re-checks its session and access with it (tests use less). */
  EVENTS_HEARTBEAT_MS: z.coerce.number().int().min(20).max(60_000).default(15_000),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  seedDemo: boolean;
  demoMarketRequests: number;
  demoPassword: string;
  logLevel: string;
  cookieSecure: boolean;
  sessionTtlHours: number;
  webDist: string;
  rateLimits: boolean;
  role: 'web' | 'worker' | 'all';
  dispatchTopN: number;
  sandboxLenders: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string;
  jobExpireSeconds: number;
  jobMaintenanceSeconds: number;
  advisorySla: { amberHours: number; redHours: number };
  eventsHeartbeatMs: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    // Demo data is on by default for the embedded database only: a server is assumed to be real.
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    demoMarketRequests: e.DEMO_MARKET_REQUESTS,
    demoPassword: e.DEMO_PASSWORD,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    webDist: path.resolve(e.WEB_DIST),
    rateLimits: e.RATE_LIMITS,
    role: e.ROLE,
    dispatchTopN: e.DISPATCH_TOP_N,
    sandboxLenders: e.SANDBOX_LENDERS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jobExpireSeconds: e.JOB_EXPIRE_SECONDS,
    jobMaintenanceSeconds: e.JOB_MAINTENANCE_SECONDS,
    advisorySla: { amberHours: e.ADVISORY_SLA_AMBER_HOURS, redHours: Math.max(e.ADVISORY_SLA_RED_HOURS, e.ADVISORY_SLA_AMBER_HOURS) },
    eventsHeartbeatMs: e.EVENTS_HEARTBEAT_MS,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
  };
}
