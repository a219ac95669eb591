import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { PRODUCTS, type Product } from '../../src/modules/vocabulary/index.js';
import { baseUrl, expectAccessible, launch, login, newPage, screenshot } from './browser.js';

/**
 * The lender portal end to end: a fresh borrower's request that fits the demo lender's credit policy is
 * dispatched to it; the demo lender user answers it in the browser with an offer, which the borrower then
 * sees; the lender manages an API key and its webhook, and countersigns the contract.
 */

const PASSWORD = 'kreditplatz-demo';
const TOP_N = 8; // DISPATCH_TOP_N default: only the best 8 eligible lenders receive a request

/** A real postcode and town per federal state; the first entries of Bavaria are the demo lender's home. */
const TOWNS: Record<string, [string, string][]> = {
  BW: [['70173', 'Stuttgart']],
  BY: [['93309', 'Kelheim'], ['86150', 'Augsburg'], ['80331', 'München'], ['90402', 'Nürnberg']],
  BE: [['10115', 'Berlin']],
  BB: [['14467', 'Potsdam']],
  HB: [['28195', 'Bremen']],
  HH: [['20095', 'Hamburg']],
  HE: [['65183', 'Wiesbaden']],
  MV: [['19053', 'Schwerin']],
  NI: [['30159', 'Hannover']],
  NW: [['40213', 'Düsseldorf']],
  RP: [['55116', 'Mainz']],
  SL: [['66111', 'Saarbrücken']],
  SN: [['01067', 'Dresden']],
  ST: [['39104', 'Magdeburg']],
  SH: [['24103', 'Kiel']],
  TH: [['99084', 'Erfurt']],
};
const INDUSTRIES = ['25.62', '28.41', '46.69', '62.01', '43.22', '10.71'];

// ---------------------------------------------------------------------------------------------------
// A tiny API client that keeps the session cookie, as the browser would.

type Json = Record<string, unknown> | null;

class ApiSession {
  private cookie = '';
  constructor(private readonly who: string) {}

  async call<T = Json>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; data: T }> {
    const res = await fetch(`${baseUrl()}/api/v1${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    if (cookies.length) this.cookie = cookies.join('; ');
    const text = await res.text();
    return { status: res.status, data: (text ? JSON.parse(text) : null) as T };
  }

  async ok<T = Json>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
    const { status, data } = await this.call<T>(method, path, body, headers);
    if (status >= 300) throw new Error(`${this.who}: ${method} ${path} → ${status} ${JSON.stringify(data)}`);
    return data;
  }

  static async login(email: string, password = PASSWORD): Promise<ApiSession> {
    const s = new ApiSession(email);
    await s.ok('POST', '/auth/login', { email, password });
    return s;
  }
}

interface Lender {
  id: string;
  name: string;
  federalState: string | null;
}
interface Policy {
  products?: Product[];
  amount?: { min?: string; max?: string };
  termMonths?: { min?: number; max?: number };
  federalStates?: string[] | null;
  postalCodePrefixes?: string[] | null;
  legalForms?: string[];
  minAnnualRevenue?: string;
  maxAmountToRevenue?: string;
}
interface Plan {
  product: Product;
  amount: string;
  termMonths: number;
  company: { postalCode: string; city: string; industryCode: string; legalForm: string; foundedOn: string; annualRevenue: string };
  rank: number;
}
interface LenderRequestItem {
  requestId: string;
  dispatchStatus: string;
}
interface Offer {
  id: string;
  nominalRate: string;
  lender: { id: string; name: string };
}

const clamp = (v: number, min = -Infinity, max = Infinity) => Math.min(max, Math.max(min, v));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Postcodes to try: inside the policy's postcode areas if it has any, else towns of its federal states. */
function candidateTowns(lender: Lender, policy: Policy): [string, string][] {
  const out: [string, string][] = [];
  for (const prefix of policy.postalCodePrefixes ?? []) {
    for (const known of Object.values(TOWNS).flat()) if (known[0].startsWith(prefix)) out.push(known);
    out.push([prefix.padEnd(5, '0'), 'Musterstadt'], [prefix.padEnd(4, '0').padEnd(5, '1'), 'Musterstadt']);
  }
  const states = policy.federalStates ?? (lender.federalState ? [lender.federalState] : Object.keys(TOWNS));
  for (const s of states) out.push(...(TOWNS[s] ?? []));
  return out;
}

/**
 * Request data that the lender's current policy accepts and under which it ranks among the top 8 — found
 * with the admin's matching preview, so the test follows the demo data instead of hard-coding it.
 */
async function planRequestFor(admin: ApiSession, lender: Lender, policy: Policy): Promise<Plan> {
  const amount = clamp(250_000, Number(policy.amount?.min ?? 0), Number(policy.amount?.max ?? Infinity));
  const maxLeverage = Number(policy.maxAmountToRevenue ?? 0) || 0.5;
  const revenue = Math.max(6_000_000, Number(policy.minAnnualRevenue ?? 0), Math.ceil((amount / maxLeverage) * 2));
  const termMonths = clamp(48, policy.termMonths?.min, policy.termMonths?.max);
  const legalForm = !policy.legalForms || policy.legalForms.includes('GmbH') ? 'GmbH' : policy.legalForms[0];
  let best = null as Plan | null;
  const seen: string[] = [];
  for (const industryCode of INDUSTRIES) {
    for (const product of policy.products ?? PRODUCTS) {
      for (const [postalCode, city] of candidateTowns(lender, policy)) {
        const company = { postalCode, city, industryCode, legalForm, foundedOn: '2004-03-01', annualRevenue: revenue.toFixed(2) };
        const { status, data } = await admin.call<{ eligible: { lenderId: string; rank: number }[] }>('POST', '/matching/preview', {
          product,
          amount: amount.toFixed(2),
          termMonths,
          company: { ...company, city: undefined },
        });
        if (status !== 200) continue; // e.g. an invented postcode that does not exist
        const rank = data.eligible.find((e) => e.lenderId === lender.id)?.rank;
        seen.push(`${product}/${postalCode}/${industryCode}: ${rank ?? 'ineligible'}`);
        if (rank !== undefined && (!best || rank < best.rank)) best = { product, amount: amount.toFixed(2), termMonths, company, rank };
      }
    }
    if (best && best.rank <= TOP_N) return best;
  }
  throw new Error(
    `The demo lender "${lender.name}" ranks among the top ${TOP_N} for no request this test can build, so no request ` +
      `would be dispatched to it. Tried (product/postcode/industry: rank): ${seen.join('; ')}`,
  );
}

async function poll<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await sleep(everyMs);
  }
}

/** Accepts the next window.confirm() of the page. */
function acceptNextDialog(page: Page) {
  page.once('dialog', (d) => void d.accept());
}

// ---------------------------------------------------------------------------------------------------

let browser: Browser;
/** What the first test leaves for the next: a request dispatched to the demo lender and not yet answered. */
let shared: { requestToDecline: string; lenderId: string; borrower: ApiSession; detailOf: (id: string) => Promise<{ dispatch: { status: string; declineReason: string | null } }> } | undefined;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('lender portal', () => {
  it('answers a dispatched request with an offer the borrower sees, manages keys and webhook, countersigns', { timeout: 240_000 }, async () => {
    const admin = await ApiSession.login('admin@demo.kreditplatz.local');
    const lenderApi = await ApiSession.login('lender@demo.kreditplatz.local');
    const lenders = await lenderApi.ok<{ items: Lender[] }>('GET', '/lenders');
    expect(lenders.items, 'GET /lenders as a lender user answers only its own lender').toHaveLength(1);
    const lender = lenders.items[0];
    const { policy } = await admin.ok<{ policy: Policy }>('GET', `/lenders/${lender.id}/policy`);
    const plan = await planRequestFor(admin, lender, policy);

    // A fresh borrower with a company that fits the lender's policy.
    const stamp = Date.now();
    const borrower = new ApiSession('new borrower');
    await borrower.ok('POST', '/auth/register', { email: `lender-e2e-${stamp}@example.test`, password: 'ein-sicheres-passwort', name: 'Lena Leihnix' });
    const companyName = `Leihnix Anlagenbau ${stamp} GmbH`;
    const company = await borrower.ok<{ id: string }>('POST', '/companies', {
      name: companyName,
      legalForm: plan.company.legalForm,
      registerNumber: 'HRB 98765',
      street: 'Donaupromenade 7',
      postalCode: plan.company.postalCode,
      city: plan.company.city,
      industryCode: plan.company.industryCode,
      foundedOn: plan.company.foundedOn,
      employees: 35,
      annualRevenue: plan.company.annualRevenue,
    });
    await borrower.ok('PUT', `/companies/${company.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });

    // The demo credit officer's bank is answered by a person, never by the sandbox: both requests wait in
    // its inbox, one for an offer and one for the decline test below.
    const detailOf = (id: string) => lenderApi.ok<{ dispatch: { status: string; declineReason: string | null } }>('GET', `/lender/requests/${id}`);
    const submitOne = async () => {
      const r = await borrower.ok<{ id: string }>('POST', '/financing-requests', {
        companyId: company.id,
        product: plan.product,
        amount: plan.amount,
        termMonths: plan.termMonths,
        purpose: 'Erweiterung der Fertigung um eine Pulverbeschichtungsanlage (E2E-Test)',
      });
      await borrower.ok('POST', `/financing-requests/${r.id}/submit`);
      return r.id;
    };
    const requestId = await submitOne();
    const toDecline = await submitOne();
    await poll(
      `the requests to reach "${lender.name}" (rank ${plan.rank} in the matching preview)`,
      async () => {
        const inbox = await lenderApi.ok<{ items: LenderRequestItem[] }>('GET', '/lender/requests');
        return [requestId, toDecline].every((id) => inbox.items.some((x) => x.requestId === id)) ? true : undefined;
      },
      45_000,
    );
    for (const id of [requestId, toDecline]) expect((await detailOf(id)).dispatch.status).toBe('sent');
    shared = { requestToDecline: toDecline, borrower, detailOf, lenderId: lender.id };

    // --- the lender in the browser -------------------------------------------------------------
    const page = await newPage(browser);
    await login(page, 'lender@demo.kreditplatz.local');
    await expect.poll(() => page.getByRole('button', { name: 'Abmelden' }).count()).toBe(1);
    await page.goto(`${baseUrl()}/lender`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Anfragen-Eingang' }).count()).toBe(1);
    const row = page.getByRole('row').filter({ has: page.locator(`a[href="/lender/requests/${requestId}"]`) });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(companyName);
    await expectAccessible(page);
    await screenshot(page, 'lender-01-inbox');

    // The status filter narrows the list to the chosen answer.
    await page.getByLabel('Status').selectOption('declined');
    await expect.poll(() => page.url()).toContain('status=declined');
    await expect.poll(() => page.locator(`a[href="/lender/requests/${requestId}"]`).count()).toBe(0);
    await page.getByLabel('Status').selectOption('');

    await page.locator(`a[href="/lender/requests/${requestId}"]`).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain(companyName);
    await expect.poll(() => page.getByText(`${plan.company.postalCode} ${plan.company.city}`).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'lender-02-request');

    // Local check: the rate must be a German percent.
    await page.getByLabel('Sollzins p. a. (%)').fill('vier Prozent');
    await page.getByRole('button', { name: 'Angebot verbindlich abgeben' }).click();
    await expect.poll(() => page.getByText('Bitte einen Zinssatz in Prozent wie 4,85 eingeben.').count()).toBe(1);

    // Server check, shown at its field: grace months must be shorter than the term.
    await page.getByLabel('Sollzins p. a. (%)').fill('4,25');
    await page.getByLabel('Tilgungsfreie Monate').fill(String(plan.termMonths));
    await page.getByRole('button', { name: 'Angebot verbindlich abgeben' }).click();
    const graceField = page.locator('.field', { has: page.getByLabel('Tilgungsfreie Monate') });
    await expect.poll(() => graceField.locator('.error').textContent()).toContain('kürzer als die Laufzeit');

    await page.getByLabel('Tilgungsfreie Monate').fill('3');
    await page.getByRole('button', { name: 'Gebühr hinzufügen' }).click();
    await page.getByLabel('Betrag der Gebühr 1 (€)').fill('1.250,00');
    await page.getByLabel('Fälligkeit der Gebühr 1').selectOption('upfront');
    await page.getByLabel('Sicherheiten').fill('Sicherungsübereignung der Anlage');
    await page.getByLabel('Bedingungen').fill('Vorlage der Jahresabschlüsse 2024 und 2025');
    expect(await page.getByLabel('Kreditbetrag (€)').inputValue()).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);

    // The first answer is lost on the way back (the server did make the offer): sending the form again
    // reuses the Idempotency-Key, so the server answers with the same offer instead of making a second.
    const keysSent: string[] = [];
    let loseAnswer = true;
    await page.route(`**/api/v1/lender/requests/${requestId}/offers`, async (route) => {
      keysSent.push(route.request().headers()['idempotency-key']);
      if (!loseAnswer) return route.continue();
      loseAnswer = false;
      await route.fetch();
      return route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Angebot verbindlich abgeben' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'Die Verbindung ist fehlgeschlagen.' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Angebot verbindlich abgeben' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Ihr Angebot wurde abgegeben.' }).count()).toBe(1);
    await page.unroute(`**/api/v1/lender/requests/${requestId}/offers`);
    expect(keysSent).toHaveLength(2);
    expect(keysSent[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keysSent[1]).toBe(keysSent[0]);
    await expect.poll(() => page.getByTestId('own-offers').getByText('4,25 %').count()).toBe(1);
    await expect.poll(() => page.getByTestId('dispatch-status').textContent()).toBe('Angebot abgegeben');
    await expectAccessible(page);
    await screenshot(page, 'lender-03-offer-made');

    // --- the borrower sees the offer under the lender's name --------------------------------------
    const offers = await borrower.ok<{ items: Offer[] }>('GET', `/financing-requests/${requestId}/offers`);
    const mine = offers.items.find((o) => o.lender.id === lender.id && Number(o.nominalRate) === 0.0425);
    expect(mine, JSON.stringify(offers.items.map((o) => [o.lender.name, o.nominalRate]))).toBeDefined();
    expect(mine!.lender.name).toBe(lender.name);

    // --- settings: an API key, shown once, usable, revocable; the webhook ------------------------
    await page.goto(`${baseUrl()}/lender/settings`);
    await expect.poll(() => page.getByRole('heading', { name: 'API-Schlüssel', exact: true }).count()).toBe(1);
    await page.getByLabel('Bezeichnung des neuen Schlüssels').fill('E2E Kreditsystem');
    await page.getByRole('button', { name: 'Schlüssel erzeugen' }).click();
    await expect.poll(() => page.getByTestId('api-key-secret').count()).toBe(1);
    const key = (await page.getByTestId('api-key-secret').textContent()) ?? '';
    expect(key).toMatch(/^kp_live_/);
    await expect.poll(() => page.getByText('Dieser Schlüssel wird nur jetzt angezeigt.', { exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('api-keys').getByRole('row', { name: /E2E Kreditsystem/ }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'lender-04-settings-key');

    const byKey = new ApiSession('api key');
    expect((await byKey.call('GET', '/lender/requests', undefined, { authorization: `Bearer ${key}` })).status).toBe(200);
    await page.reload();
    await expect.poll(() => page.getByTestId('api-keys').getByRole('row', { name: /E2E Kreditsystem/ }).count()).toBe(1);
    expect(await page.getByTestId('api-key-secret').count(), 'the secret is shown only once').toBe(0);
    await expect.poll(() => page.getByText(key).count()).toBe(0);
    acceptNextDialog(page);
    await page.getByRole('button', { name: 'Schlüssel „E2E Kreditsystem“ widerrufen' }).click();
    await expect.poll(() => page.getByTestId('api-keys').getByText(/widerrufen am/).count()).toBe(1);
    expect((await byKey.call('GET', '/lender/requests', undefined, { authorization: `Bearer ${key}` })).status).toBe(401);

    await page.getByLabel('Webhook-URL').fill('https://kreditsystem.example.test/kreditplatz');
    await page.getByRole('button', { name: 'Webhook speichern' }).click();
    await expect.poll(async () => (await page.getByTestId('webhook-secret').textContent()) ?? '').toMatch(/^whsec_/);
    await expect.poll(() => page.getByTestId('webhook-current').textContent()).toContain('https://kreditsystem.example.test/kreditplatz');
    await expect.poll(() => page.getByText('X-Kreditplatz-Signature: t=<unix>,v1=<hex>').count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, 'lender-05-settings-webhook');
    acceptNextDialog(page);
    await page.getByRole('button', { name: 'Webhook entfernen' }).click();
    await expect.poll(() => page.getByTestId('webhook-current').textContent()).toBe('Kein Webhook eingerichtet.');

    // --- the borrower accepts and signs; the lender countersigns ----------------------------------
    const accepted = await borrower.ok<{ contractId: string; contractNumber: string }>('POST', `/offers/${mine!.id}/accept`);
    await borrower.ok('POST', `/contracts/${accepted.contractId}/sign`, { password: 'ein-sicheres-passwort', consent: true });
    await page.goto(`${baseUrl()}/lender/contracts`);
    const contractRow = page.getByTestId('contracts-table').getByRole('row', { name: new RegExp(accepted.contractNumber.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) });
    await expect.poll(() => contractRow.count()).toBe(1);
    expect(await contractRow.getByRole('link', { name: `Vertrag ${accepted.contractNumber} als PDF öffnen` }).getAttribute('href')).toBe(
      `/api/v1/contracts/${accepted.contractId}/pdf`,
    );
    const pdf = await page.request.get(`${baseUrl()}/api/v1/contracts/${accepted.contractId}/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    // No sandbox countersigns for a bank where a person works: the credit officer does, in the portal.
    const countersign = contractRow.getByRole('button', { name: `Vertrag ${accepted.contractNumber} gegenzeichnen` });
    await expect.poll(() => countersign.count()).toBe(1);
    expect(await countersign.textContent()).toBe('Gegenzeichnen');
    await expectAccessible(page);
    await screenshot(page, 'lender-06-contracts-countersign');
    acceptNextDialog(page);
    await countersign.click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe(`Vertrag ${accepted.contractNumber} ist gegengezeichnet.`);
    await expect.poll(() => contractRow.textContent()).toContain('Unterschrieben');
    await expect.poll(() => contractRow.textContent()).toContain('Julia Becker');
    const signedContract = await borrower.ok<{ status: string; signatures: { party: string }[] }>('GET', `/contracts/${accepted.contractId}`);
    expect(signedContract.status).toBe('signed');
    expect(signedContract.signatures.map((x) => x.party)).toEqual(['borrower', 'lender']);
    await expect.poll(() => contractRow.getByRole('button').count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'lender-07-contract-signed');
  });

  it('declines a dispatched request with a required reason, and the borrower sees the answer', async () => {
    expect(shared, 'the first test dispatched a request to decline').toBeDefined();
    const { requestToDecline: id, borrower, detailOf, lenderId } = shared!;
    const page = await newPage(browser);
    await login(page, 'lender@demo.kreditplatz.local');
    await expect.poll(() => page.getByRole('button', { name: 'Abmelden' }).count()).toBe(1);

    await page.goto(`${baseUrl()}/lender/requests/${id}`);
    await expect.poll(() => page.getByRole('heading', { name: 'Anfrage ablehnen' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Anfrage ablehnen' }).click();
    await expect.poll(() => page.getByText('Bitte geben Sie einen Grund an.').count()).toBe(1);
    expect((await detailOf(id)).dispatch.status, 'nothing is sent without a reason').toBe('sent');
    await page.getByLabel('Ablehnungsgrund').fill('Branche derzeit außerhalb unserer Risikostrategie');
    acceptNextDialog(page);
    await page.getByRole('button', { name: 'Anfrage ablehnen' }).click();
    await expect.poll(() => page.getByTestId('dispatch-status').textContent()).toBe('Abgelehnt');
    await expect.poll(() => page.getByText('Sie haben diese Anfrage abgelehnt.', { exact: false }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Angebot verbindlich abgeben' }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'lender-08-declined');
    expect((await detailOf(id)).dispatch).toMatchObject({ status: 'declined', declineReason: 'Branche derzeit außerhalb unserer Risikostrategie' });

    // The borrower sees the answer, with the reason, in the list of lenders the request went to.
    const sentTo = await borrower.ok<{ items: { lenderId: string; status: string; declineReason: string | null }[] }>('GET', `/financing-requests/${id}/dispatches`);
    expect(sentTo.items.find((d) => d.lenderId === lenderId)).toMatchObject({ status: 'declined', declineReason: 'Branche derzeit außerhalb unserer Risikostrategie' });
  });

  it('answers a request not sent to the lender with an error and a way back', async () => {
    const page = await newPage(browser);
    await login(page, 'lender@demo.kreditplatz.local');
    await expect.poll(() => page.getByRole('button', { name: 'Abmelden' }).count()).toBe(1);
    await page.goto(`${baseUrl()}/lender/requests/00000000-0000-4000-8000-000000000000`);
    await expect.poll(() => page.getByRole('alert').count()).toBe(1);
    await expect.poll(() => page.getByRole('link', { name: /Zurück zum Anfragen-Eingang/ }).count()).toBe(1);
  });
});
