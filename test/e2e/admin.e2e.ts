import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, launch, login, newPage, screenshot, text } from './browser.js';

/**
 * Journey 4 of issue #7: an admin changes a lender's credit policy in the browser, and the next match
 * shows that lender as not eligible, with the reason. Along the way the admin area's other pages.
 */

const PASSWORD = 'kreditplatz-demo';

/** A tiny API client that keeps the session cookie, as the browser would. */
class ApiSession {
  private cookie = '';
  constructor(private readonly who: string) {}

  async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(this.cookie ? { cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (cookies.length) this.cookie = cookies.join('; ');
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${this.who}: ${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  }

  static async login(email: string): Promise<ApiSession> {
    const s = new ApiSession(email);
    await s.ok('POST', '/auth/login', { email, password: PASSWORD });
    return s;
  }
}

interface RequestSummary {
  id: string;
  companyId: string;
  product: string;
  amount: string;
  termMonths: number;
  purpose: string;
}
interface Matches {
  eligible: { lenderId: string; name: string; rank: number }[];
  ineligible: { lenderId: string; name: string; reasons: { criterion: string; message: string }[] }[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('admin area', () => {
  it('changes a lender policy in the browser and the next match shows the lender as not eligible, with the reason', { timeout: 180_000 }, async () => {
    const admin = await ApiSession.login('admin@demo.kreditplatz.local');
    const borrower = await ApiSession.login('borrower@demo.kreditplatz.local');
    const own = await borrower.ok<{ items: RequestSummary[] }>('GET', '/financing-requests');
    const demo = own.items.find((r) => r.amount === '300000.00') ?? own.items[0];
    expect(demo, 'the demo borrower has the seeded request').toBeDefined();

    // A lender eligible for the demo request — not the demo credit officer's bank, which other journeys use.
    const officer = await admin.ok<{ items: { lenderId: string | null }[] }>('GET', `/admin/users?q=${encodeURIComponent('lender@demo.kreditplatz.local')}`);
    const homeLenderId = officer.items[0]?.lenderId;
    const before = await admin.ok<Matches>('GET', `/financing-requests/${demo.id}/matches`);
    const target = [...before.eligible].reverse().find((e) => e.lenderId !== homeLenderId);
    expect(target, 'some lender other than the demo credit officer’s bank fits the demo request').toBeDefined();

    // --- the admin in the browser ----------------------------------------------------------------
    const page = await newPage(browser);
    await login(page, 'admin@demo.kreditplatz.local');
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Administration' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Geschäftsübersicht' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: /Eingereichte Anfragen pro Tag/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: /Trichter/ }).count()).toBe(1);
    await expect.poll(() => page.getByTestId('total-volume').textContent()).toMatch(/Angefragtes Volumen insgesamt: [\d.]+,\d\d\s€/);
    await expectAccessible(page);
    await screenshot(page, 'admin-01-dashboard');

    // Lenders & policies → the lender → its policy, edited: the maximum amount drops below the request's 300.000 €.
    const subnav = page.getByRole('navigation', { name: 'Bereiche der Administration' });
    await subnav.getByRole('link', { name: 'Partner & Richtlinien' }).click();
    await page.getByLabel('Suche', { exact: true }).fill(target!.name);
    await page.locator(`a[href="/lenders/${target!.lenderId}"]`).first().click();
    // The policy form, typed like a credit officer would: German amounts, the minimum kept at or below the new maximum.
    const maxAmount = page.getByLabel('Höchstbetrag', { exact: true });
    const minAmount = page.getByLabel('Mindestbetrag', { exact: true });
    await expect.poll(() => maxAmount.count()).toBe(1);
    const currentMin = Number((await minAmount.inputValue()).replace(/\./g, '').replace(',', '.'));
    if (currentMin > 250_000) await minAmount.fill('25.000');
    await maxAmount.fill('250.000');
    // The expert JSON view (collapsed) follows the form.
    const json = JSON.parse(await page.getByLabel('Kreditrichtlinie', { exact: true }).inputValue()) as { amount?: { max?: string } };
    expect(json.amount?.max).toBe('250000.00');
    await page.getByRole('button', { name: 'Richtlinie als neue Version speichern' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Gespeichert als Version \d+/);
    await expectAccessible(page);
    await screenshot(page, 'admin-02-policy-changed');

    // The next match: the borrower submits the same request again; the lender is out, with the reason.
    const again = await borrower.ok<{ id: string }>('POST', '/financing-requests', {
      companyId: demo.companyId,
      product: demo.product,
      amount: demo.amount,
      termMonths: demo.termMonths,
      purpose: `${demo.purpose} – zweite Anfrage (E2E)`,
    });
    await borrower.ok('POST', `/financing-requests/${again.id}/submit`);

    // The same through the API: the stored match and the matching preview for the demo request's data.
    const after = await admin.ok<Matches>('GET', `/financing-requests/${again.id}/matches`);
    expect(after.eligible.map((e) => e.lenderId), JSON.stringify(after.ineligible.find((i) => i.lenderId === target!.lenderId))).not.toContain(target!.lenderId);
    expect(after.ineligible.find((i) => i.lenderId === target!.lenderId)?.reasons.map((r) => r.criterion)).toContain('amount');
    const company = await borrower.ok<{ postalCode: string; industryCode: string; legalForm: string; foundedOn: string; annualRevenue: string }>(
      'GET',
      `/companies/${demo.companyId}`,
    );
    const preview = await admin.ok<Matches>('POST', '/matching/preview', {
      product: demo.product,
      amount: demo.amount,
      termMonths: demo.termMonths,
      company: { postalCode: company.postalCode, industryCode: company.industryCode, legalForm: company.legalForm, foundedOn: company.foundedOn, annualRevenue: company.annualRevenue },
    });
    expect(preview.ineligible.map((i) => i.lenderId)).toContain(target!.lenderId);

    await page.goto(`${baseUrl()}/requests/${again.id}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Passende Finanzierungspartner' }).count()).toBe(1);
    await page.getByText(/Partner passen nicht – Gründe anzeigen/).click();
    const entry = page.locator('details li', { has: page.locator('strong', { hasText: target!.name }) }).first();
    await expect.poll(() => entry.textContent()).toMatch(/Betrag 300\.000,00\s€ über Maximum 250\.000,00\s€/);
    await expectAccessible(page);
    await screenshot(page, 'admin-03-next-match');

    // The change is in the audit log, found by action and lender.
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Administration' }).click();
    await subnav.getByRole('link', { name: 'Audit-Log' }).click();
    await page.getByLabel('Aktion').selectOption('credit_policy.changed');
    await page.getByLabel('Objekt-ID').fill(target!.lenderId);
    await page.getByRole('button', { name: 'Suchen' }).click();
    const auditRows = page.locator('[data-testid="audit-table"] tbody tr');
    await expect.poll(() => auditRows.count()).toBe(1);
    await expect.poll(() => auditRows.first().textContent()).toContain('Admin Demo');
    await expectAccessible(page);
    await screenshot(page, 'admin-04-audit');

    // Users & roles: a new analyst with an initial password, found by search.
    await subnav.getByRole('link', { name: 'Benutzer & Rollen' }).click();
    const email = `analyst-${Date.now()}@example.test`;
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Benutzer anlegen' }) });
    await form.getByLabel('Name').fill('Alex Analyse');
    await form.getByLabel('E-Mail').fill(email);
    await form.getByLabel('Rolle').selectOption('analyst');
    await form.getByLabel('Startpasswort (optional)').fill('ein-sicheres-passwort');
    await form.getByRole('button', { name: 'Anlegen' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain(email);
    await page.getByLabel('Suche (E-Mail oder Name)').fill(email);
    await expect.poll(() => page.locator('[data-testid="users-table"] tbody tr').count()).toBe(1);
    await expect.poll(() => page.getByLabel('Rolle von Alex Analyse').inputValue()).toBe('analyst');
    await expectAccessible(page);
    await screenshot(page, 'admin-05-users');

    // An invited adviser whose mail got lost: the invitation goes out again from the list.
    const invitedEmail = `berater-${Date.now()}@example.test`;
    await form.getByLabel('Name').fill('Ben Eingeladen');
    await form.getByLabel('E-Mail').fill(invitedEmail);
    await form.getByLabel('Rolle').selectOption('advisor');
    await form.getByLabel('Startpasswort (optional)').fill('');
    await form.getByRole('button', { name: 'Anlegen' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Einladung');
    await page.getByLabel('Suche (E-Mail oder Name)').fill(invitedEmail);
    await expect.poll(() => page.locator('[data-testid="users-table"] tbody tr').count()).toBe(1);
    const invitationMails = async () =>
      ((await (await page.request.get(`${baseUrl()}/api/v1/dev/mails`)).json()).items as { to: string[] }[]).filter((m) => m.to.includes(invitedEmail)).length;
    await expect.poll(invitationMails, { timeout: 15_000 }).toBe(1);
    await page.getByRole('button', { name: 'Einladung an Ben Eingeladen erneut senden' }).click();
    await expect.poll(invitationMails, { timeout: 15_000 }).toBe(2);

    // Commission rules: a rule of its own for the lender, shown in German formats.
    await subnav.getByRole('link', { name: 'Provisionsregeln' }).click();
    await expect.poll(() => text(page, 'default-rule')).toContain('1,00 %');
    await page.getByLabel('Partner suchen').fill(target!.name);
    await expect.poll(() => page.getByLabel('Finanzierungspartner', { exact: true }).locator(`option[value="${target!.lenderId}"]`).count()).toBe(1);
    await page.getByLabel('Finanzierungspartner', { exact: true }).selectOption(target!.lenderId);
    // Choosing the lender loads its current rule (the default one) into the form.
    await expect.poll(() => page.getByLabel('Anteil (%)').inputValue()).toBe('1');
    await page.getByLabel('Anteil (%)').fill('0,8');
    await page.getByLabel('Minimum (€)').fill('300');
    await page.getByLabel('Obergrenze (€, leer = keine)').fill('20.000');
    await page.getByRole('button', { name: 'Regel speichern' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('gespeichert');
    const ruleRow = page.locator('[data-testid="commission-rules"] tbody tr', { hasText: target!.name }).first();
    await expect.poll(async () => ((await ruleRow.textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ')).toMatch(/0,80 %.*300,00 €.*20\.000,00 €/);
    await expectAccessible(page);
    await screenshot(page, 'admin-06-commissions');
  });
});
