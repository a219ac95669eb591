import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, launch, login, newPage, screenshot } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

const DEMO_COMPANY = 'Schneider Präzisionstechnik GmbH (Demo)';
const ADVISOR = 'Thomas Weber (Demo-Firmenkundenberater)';

describe('advisor journey (issue 7, journey 2)', () => {
  it('takes the demo case, reads the match explanation, writes a note and a message, and the borrower reads it', async () => {
    // The demo case went to the only demo advisor by rotation on submit; the admin holds it first, so the
    // advisor really takes it over.
    const admin = await newPage(browser);
    const adminApi = admin.context().request;
    expect((await adminApi.post(`${baseUrl()}/api/v1/auth/login`, { data: { email: 'admin@demo.kreditplatz.local', password: 'kreditplatz-demo' } })).ok()).toBe(true);
    const cases = await (await adminApi.get(`${baseUrl()}/api/v1/advisory/cases?limit=200&sort=-submittedAt&region=BY`)).json();
    const demo = cases.items.find((c: { companyName: string }) => c.companyName === DEMO_COMPANY);
    expect(demo).toBeTruthy();
    expect((await adminApi.post(`${baseUrl()}/api/v1/advisory/cases/${demo.id}/take`)).ok()).toBe(true);

    const page = await newPage(browser);
    await login(page, 'advisor@demo.kreditplatz.local');
    await expect.poll(() => page.getByRole('heading', { name: 'Anfragen-Eingang' }).count()).toBe(1);
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await page.getByLabel('Bundesland').selectOption('BY');
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    // The demo company may have more than one case (other journeys submit for it too): this one by its id.
    const row = page.getByTestId('case-row').filter({ has: page.locator(`a[href="/advisor/cases/${demo.id}"]`) });
    await expect.poll(() => row.getByTestId('assignee').textContent()).toBe('Admin Demo');
    await expectAccessible(page);
    await screenshot(page, 'advisor-01-queue');

    await row.getByRole('button', { name: `Übernehmen: ${DEMO_COMPANY}` }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('übernommen');
    await expect.poll(() => row.getByTestId('assignee').textContent()).toBe(ADVISOR);
    await page.getByLabel('Bearbeitung').selectOption('me');
    await page.getByRole('button', { name: 'Filter anwenden' }).click();
    await expect.poll(() => row.count()).toBe(1);

    await row.getByRole('link', { name: DEMO_COMPANY, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(`Fall: ${DEMO_COMPANY}`);
    await expect.poll(() => page.getByTestId('case-assignee').textContent()).toContain(ADVISOR);
    await expect.poll(() => page.getByTestId('case-amount').textContent()).toMatch(/^300\.000,00\s€$/);
    // Financials, rating drivers and every lender's match explanation.
    await expect.poll(() => page.getByRole('columnheader', { name: '2025' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('rating-class').textContent()).toMatch(/^Ratingklasse \d+ von 10$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Passende Finanzierungspartner' }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('eligible-count').textContent()).toMatch(/^\d+ Finanzierungspartner passen$/);
    await page.getByText(/Partner passen nicht – Gründe anzeigen/).click();
    await expect.poll(async () => (await page.locator('details li li').count()) > 0).toBe(true);
    await screenshot(page, 'advisor-02-case-matches');

    await page.getByLabel('Neue Notiz').fill('Kunde plant zweite Maschine 2027 – Leasing ansprechen.');
    await page.getByRole('button', { name: 'Notiz speichern' }).click();
    await expect.poll(() => page.getByTestId('notes').textContent()).toContain('zweite Maschine 2027');

    const message = `Guten Tag Frau Schneider, ich betreue Ihre Anfrage. Passt Ihnen ein Telefonat am Donnerstag? (${Date.now()})`;
    await page.getByLabel('Ihre Nachricht').fill(message);
    await page.getByRole('button', { name: 'Nachricht senden' }).click();
    await expect.poll(() => page.getByTestId('messages').textContent()).toContain(message);
    await expectAccessible(page);
    await screenshot(page, 'advisor-03-case-note-message');

    // The borrower, in a browser of her own, gets a mail and reads the message on her request page.
    const borrower = await newPage(browser);
    await login(borrower, 'borrower@demo.kreditplatz.local');
    await expect
      .poll(
        async () => {
          const mails = await (await borrower.context().request.get(`${baseUrl()}/api/v1/dev/mails`)).json();
          return mails.items.some((m: { subject: string; text: string }) => m.subject === `Neue Nachricht von ${ADVISOR}` && m.text.includes('Telefonat am Donnerstag'));
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    await borrower.goto(`${baseUrl()}/requests/${demo.id}#messages`);
    await expect.poll(() => borrower.getByRole('heading', { name: 'Nachrichten mit Ihrer Beraterin / Ihrem Berater' }).count()).toBe(1);
    await expect.poll(() => borrower.getByTestId('messages').textContent()).toContain(message);
    await expect.poll(() => borrower.getByTestId('messages').textContent()).toContain(ADVISOR);
    // Internal notes never reach the borrower.
    expect(await borrower.getByText('zweite Maschine 2027').count()).toBe(0);
    await expectAccessible(borrower);
    await screenshot(borrower, 'advisor-04-borrower-message');

    await borrower.getByLabel('Ihre Nachricht').fill('Donnerstag 10 Uhr passt gut.');
    await borrower.getByRole('button', { name: 'Nachricht senden' }).click();
    await expect.poll(() => borrower.getByTestId('messages').textContent()).toContain('Donnerstag 10 Uhr');
    // The advisor's page shows the answer live.
    await expect.poll(() => page.getByTestId('messages').textContent(), { timeout: 15_000 }).toContain('Donnerstag 10 Uhr');
  });

  it('sounds out a financing with the pre-check: the partners that fit and why the others do not, nothing stored', async () => {
    const page = await newPage(browser);
    await login(page, 'advisor@demo.kreditplatz.local');
    await page.getByRole('link', { name: 'Vorab-Prüfung' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Vorab-Prüfung: Welche Partner kämen in Frage?');
    // A founding date in the future is refused at the field, as for a real company.
    await page.getByLabel('Finanzierungsart').selectOption('leasing');
    await page.getByLabel('Betrag (€)').fill('80.000');
    await page.getByLabel('Laufzeit (Monate)').fill('48');
    await page.getByLabel('PLZ', { exact: true }).fill('01067');
    await page.getByLabel('Branche (WZ 2008)').fill('49.41');
    await page.getByLabel('Gegründet am').fill('2099-01-01');
    await page.getByLabel('Jahresumsatz (€)').fill('900.000');
    await page.getByRole('button', { name: 'Partner prüfen' }).click();
    await expect.poll(() => page.getByText('Gründungsdatum darf nicht in der Zukunft liegen').count()).toBe(1);
    expect(await page.getByTestId('preview-result').count()).toBe(0);

    await page.getByLabel('Gegründet am').fill('2016-02-29');
    await page.getByRole('button', { name: 'Partner prüfen' }).click();
    const result = page.getByTestId('preview-result');
    await expect.poll(() => result.getByTestId('eligible-count').textContent()).toMatch(/^\d+ Finanzierungspartner passen?$/);
    // A Dresden haulier: Bavarian savings banks are out, and the reason says why.
    await result.getByText(/Partner passen nicht – Gründe anzeigen/).click();
    await expect.poll(() => result.getByText(/Bundesland Sachsen liegt außerhalb des Geschäftsgebiets \(Bayern\)/).count().then((n) => n > 0)).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'advisor-05-pre-check');
  });
});
