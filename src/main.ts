import { loadConfig } from './config.js';
import { openDatabase, runMigrations } from './platform/db/database.js';
import { startPlatform } from './app.js';
import { demoLoginLines, seedDemo, type DemoLogin } from '../seed/demo.js';

/** Starts everything: config → database → migrations → demo data → HTTP. */
async function main() {
  const config = loadConfig();
  const database = await openDatabase(config);
  await runMigrations(database);
  const platform = await startPlatform(config, database);
  const app = platform.app;

  let demoLogins: DemoLogin[] = [];
  if (config.seedDemo) demoLogins = await seedDemo(platform.ctx, { password: config.demoPassword, log: app.log });

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await platform.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  if (config.role === 'worker') {
    console.log('\n  Kreditplatz-Worker läuft (ROLE=worker, kein HTTP).\n');
    return;
  }
  const address = await app.listen({ port: config.port, host: config.host });
  const url = address.replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `  Kreditplatz läuft auf ${url}  (Datenbank: ${database.kind === 'pglite' ? `PGlite in ${config.dataDir}` : 'PostgreSQL-Server'})`,
    `  API-Dokumentation: ${url}/docs   OpenAPI: ${url}/openapi.json`,
  ];
  if (demoLogins.length > 0) lines.push('', ...demoLoginLines(demoLogins, config.demoPassword));
  console.log(lines.join('\n') + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
