import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, launch, login, newPage, screenshot, text } from './browser.js';

/**
 * The approval model in the browser (issues #5/#7): the admin reads the model registry with the demo's
 * active model, its hold-out AUC and calibration; an advisor sees the approval probabilities in the
 * demo request's match ranking, labelled as the model's estimate, with the drivers on demand.
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** The demo borrower's seeded request (EUR 300,000), found through the borrower's own API session. */
async function demoRequestId(): Promise<string> {
  const login = await fetch(`${baseUrl()}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'borrower@demo.kreditplatz.local', password: 'kreditplatz-demo' }),
  });
  expect(login.status).toBeLessThan(300);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const own = (await (await fetch(`${baseUrl()}/api/v1/financing-requests`, { headers: { cookie } })).json()) as { items: { id: string; amount: string }[] };
  const demo = own.items.find((r) => r.amount === '300000.00') ?? own.items[0];
  expect(demo, 'the demo borrower has the seeded request').toBeDefined();
  return demo.id;
}

describe('approval model', () => {
  it('the admin reads the model registry: the active demo model with its AUC, calibration and features; a rollback without a predecessor is refused', { timeout: 180_000 }, async () => {
    const page = await newPage(browser);
    await login(page, 'admin@demo.kreditplatz.local');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('navigation', { name: 'Bereiche der Administration' }).getByRole('link', { name: 'Modelle' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Modelle' }).count()).toBe(1);

    const active = page.getByTestId('model-row').filter({ has: page.getByTestId('model-status').getByText('aktiv', { exact: true }) });
    await expect.poll(() => active.count()).toBe(1);
    // Hold-out AUC in German number format, clearly better than chance.
    const auc = (await active.getByTestId('model-auc').textContent()) ?? '';
    expect(auc).toMatch(/^0,\d{3}$/);
    expect(Number(auc.replace(',', '.'))).toBeGreaterThan(0.6);
    // Seeded by the system, not by a person.
    expect(await active.textContent()).toContain('von System');

    // The details of the active model: metrics against the baseline, calibration as chart and table, features.
    const detail = page.getByTestId('model-detail');
    await expect.poll(() => detail.getByRole('heading', { level: 2 }).textContent()).toMatch(/^Zulassungsmodell v\d+$/);
    const version = ((await detail.getByRole('heading', { level: 2 }).textContent()) ?? '').replace(/^Zulassungsmodell /, '');
    expect(await detail.getByTestId('model-metrics').textContent()).toContain(auc);
    await expect.poll(() => detail.getByRole('img', { name: new RegExp(`^Kalibrierung von Zulassungsmodell ${version}`) }).count()).toBe(1);
    expect(await detail.getByTestId('reliability-table').locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await detail.getByTestId('reliability-table').locator('tbody tr').first().textContent()).toMatch(/\d+,\d\s%/);
    expect(await text(page, 'model-features')).toContain('Bisheriges Verhalten des Finanzierungspartners');
    await expectAccessible(page);
    await screenshot(page, 'models-01-registry');

    // Roll back the only model ever active: the confirmation, then the server's answer, and nothing changed.
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await active.getByRole('button', { name: `Zulassungsmodell ${version} zurückrollen` }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('kein anderes aktiv');
    expect(dialogs).toEqual([expect.stringContaining(`Zulassungsmodell ${version} zurückrollen?`)]);
    await expect.poll(() => active.count()).toBe(1);
    await screenshot(page, 'models-02-rollback-refused');
  });

  it('an advisor sees each eligible lender’s approval probability in the demo request’s match panel, labelled as the model’s estimate', { timeout: 180_000 }, async () => {
    const id = await demoRequestId();
    const page = await newPage(browser);
    await login(page, 'advisor@demo.kreditplatz.local');
    await page.goto(`${baseUrl()}/requests/${id}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Passende Finanzierungspartner' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('approval-probability').count()).toBeGreaterThan(0);
    const first = ((await page.getByTestId('approval-probability').first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
    expect(first).toMatch(/^\d{1,3},\d %$/);
    await expect.poll(() => text(page, 'approval-note')).toMatch(/Schätzung des Zulassungsmodells v\d+/);
    expect(await page.getByRole('columnheader', { name: 'Angebotswahrscheinlichkeit' }).count()).toBe(1);

    // The drivers on demand, in words.
    const cell = page.getByTestId('approval').first();
    await cell.getByText('Einflussfaktoren').click();
    await expect.poll(() => cell.locator('li').count()).toBeGreaterThan(0);
    expect(await cell.textContent()).toMatch(/Schätzung des Zulassungsmodells v\d+/);
    expect(await cell.locator('li').first().textContent()).toMatch(/(erhöht|senkt) die Wahrscheinlichkeit/);
    await expectAccessible(page);
    await screenshot(page, 'models-03-advisor-match-approval');
    await page.locator('section[aria-labelledby="matches-title"]').screenshot({ path: 'test-results/models-04-match-panel.png' });
  });

  it('the borrower’s own request page shows no approval estimate', { timeout: 120_000 }, async () => {
    const id = await demoRequestId();
    const page = await newPage(browser);
    await login(page, 'borrower@demo.kreditplatz.local');
    await page.goto(`${baseUrl()}/requests/${id}`);
    await expect.poll(() => page.getByTestId('eligible-count').count()).toBe(1);
    expect(await page.getByTestId('approval-probability').count()).toBe(0);
    expect(await page.getByText(/Zulassungsmodell/).count()).toBe(0);
  });
});
