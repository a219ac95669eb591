/**
 * The CLI scripts/model-cv.ts end to end: a synthetic credit CSV in a temporary folder, the script run
 * as its own process (tsx), its exit code, stderr and last stdout line checked.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetToCsv, generateCreditData } from './synthetic.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const script = path.join(root, 'scripts/model-cv.ts');
let dir: string;
let csv: string;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const lines = result.stdout.trim().split('\n');
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, last: lines[lines.length - 1] };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'model-cv-'));
  csv = path.join(dir, 'credit.csv');
  writeFileSync(csv, datasetToCsv(generateCreditData({ rows: 400, seed: 21 }).dataset));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('model-cv CLI', () => {
  it('prints progress to stderr and one JSON object as the last stdout line', () => {
    const { status, stderr, last } = run('--csv', csv, '--target', 'class', '--positive', 'bad', '--folds', '4', '--seed', '3');
    expect(status).toBe(0);
    expect(stderr).toContain('fold  4/4');
    const summary = JSON.parse(last) as Record<string, unknown>;
    expect(Object.keys(summary)).toEqual(['rows', 'folds', 'auc', 'brier', 'model']);
    expect(summary.rows).toBe(400);
    expect(summary.folds).toBe(4);
    expect(summary.auc).toBeGreaterThan(0.6);
    expect(summary.brier).toBeLessThan(0.25);
    expect(summary.model).toMatch(/^auto\((blend|gbt|logistic):\d+(,(blend|gbt|logistic):\d+)*\)$/);
  }, 120_000);

  it('names a fixed model plainly', () => {
    const { status, last } = run('--csv', csv, '--target', 'class', '--positive', 'bad', '--folds', '3', '--model', 'logistic');
    expect(status).toBe(0);
    expect(JSON.parse(last)).toMatchObject({ rows: 400, folds: 3, model: 'logistic' });
  }, 120_000);

  it('fails clearly on a missing file, column or positive value, and on bad arguments', () => {
    const missingFile = run('--csv', path.join(dir, 'nope.csv'), '--target', 'class', '--positive', 'bad');
    expect(missingFile.status).toBe(1);
    expect(missingFile.stderr).toContain('file not found');
    const missingColumn = run('--csv', csv, '--target', 'risk', '--positive', 'bad');
    expect(missingColumn.status).toBe(1);
    expect(missingColumn.stderr).toContain('no column "risk"');
    const missingValue = run('--csv', csv, '--target', 'class', '--positive', 'BAD');
    expect(missingValue.status).toBe(1);
    expect(missingValue.stderr).toContain('the positive value "BAD" does not occur');
    const badArgs = run('--csv', csv, '--target', 'class');
    expect(badArgs.status).toBe(2);
    expect(badArgs.stderr).toContain('--positive is required');
    const badModel = run('--csv', csv, '--target', 'class', '--positive', 'bad', '--model', 'forest');
    expect(badModel.status).toBe(2);
    for (const r of [missingFile, missingColumn, missingValue, badArgs, badModel]) expect(r.stdout).toBe('');
  }, 120_000);
});
