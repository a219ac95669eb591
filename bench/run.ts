/**
 * `npm run bench`: every benchmark, each in its own process so one's garbage does not skew the next.
 * Each prints its figures and its target; a benchmark that finds wrong results exits non-zero.
 * Pass names to run a subset: `npm run bench -- matching finance`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));
// The server's V8 settings (package.json "start"): a fixed 64 MB young generation, so the short-lived objects of
// schedules and API answers are collected about four times less often (see ARCHITECTURE.md).
const SERVER_V8_FLAGS = ['--min-semi-space-size=64', '--max-semi-space-size=64'];
const wanted = process.argv.slice(2);
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

let failed = 0;
for (const file of benches) {
  console.log(`\n### ${file}`);
  const r = spawnSync(process.execPath, [...SERVER_V8_FLAGS, '--import', 'tsx', path.join(dir, file)], { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    failed++;
    console.log(`!!! ${file} failed (exit ${r.status})`);
  }
}
console.log(`\n${benches.length - failed} benchmarks ran, ${failed} failed`);
process.exit(failed ? 1 : 0);
