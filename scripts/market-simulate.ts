/**
 * Simulates a market history and stores it in the platform database (DATABASE_URL or the embedded
 * ./data, the same configuration as the app; with PGlite, stop the server first: one process at a time).
 *
 *   npm run market:simulate -- [--months 24] [--requests 5000] [--seed 1] [--replace] [--until 2026-11]
 *
 * Uses the active demo lenders answered by the sandbox. The window is the `months` months before the
 * first of `--until` (default: the current month). A second run is refused unless `--replace`, which
 * deletes the earlier simulated history first. Prints a JSON report as its last line.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { openDatabase, runMigrations } from '../src/platform/db/database.js';
import { SYSTEM_ACTOR } from '../src/platform/audit/audit.js';
import { AppError } from '../src/platform/http/app-error.js';
import { runMarketSimulation } from '../src/modules/simulation/index.js';

const USAGE = 'usage: market:simulate -- [--months 24] [--requests 5000] [--seed 1] [--replace] [--until YYYY-MM]';

function int(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    console.error(`market:simulate: --${name} must be an integer from ${min} to ${max}\n${USAGE}`);
    process.exit(2);
  }
  return Number(value);
}

async function main() {
  const { values } = parseArgs({
    options: {
      months: { type: 'string' },
      requests: { type: 'string' },
      seed: { type: 'string' },
      until: { type: 'string' },
      replace: { type: 'boolean' },
    },
    strict: true,
  });
  let until: Date | undefined;
  if (values.until !== undefined) {
    const m = /^(\d{4})-(\d{2})$/.exec(values.until);
    if (!m) {
      console.error(`market:simulate: --until must be YYYY-MM\n${USAGE}`);
      process.exit(2);
    }
    until = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
  }
  const options = {
    months: int(values.months, 'months', 24, 1, 120),
    requests: int(values.requests, 'requests', 5000, 1, 200_000),
    seed: int(values.seed, 'seed', 1, 0, 2 ** 31 - 1),
    replace: values.replace ?? false,
    until,
  };
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await runMigrations(database);
    console.error(`simulating ${options.requests} requests over ${options.months} months (seed ${options.seed}) …`);
    const report = await runMarketSimulation(database, { ...options, topN: config.dispatchTopN }, { ...SYSTEM_ACTOR, role: 'simulation' });
    console.error(
      `${report.counts.financingRequests} requests of ${report.counts.companies} companies, ${report.counts.dispatches} dispatches to ` +
        `${report.lenders} sandbox lenders, ${report.counts.offers} offers; simulated in ${report.millis.simulate} ms, stored in ${report.millis.store} ms`,
    );
    console.log(JSON.stringify(report));
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`market:simulate: ${err.message}`);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await database.close();
  }
}

void main();
