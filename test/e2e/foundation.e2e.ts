import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { Browser } from 'playwright-core';
import { baseUrl, expectAccessible, launch, login, newPage, screenshot, text } from './browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

describe('borrower journey (foundation)', () => {
  it('registers and goes through the request wizard (company, financials, need, documents, consents), submits, accepts and signs', { timeout: 180_000 }, async () => {
    const page = await newPage(browser);
    await page.goto(baseUrl());
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Finanzierung');
    await expectAccessible(page);
    await screenshot(page, 'foundation-01-landing');

    await page.getByRole('link', { name: 'Jetzt kostenlos registrieren' }).click();
    await page.getByLabel('Ihr Name').fill('Petra Probe');
    await page.getByLabel('E-Mail-Adresse').fill(`petra-${Date.now()}@example.test`);
    await page.getByLabel('Passwort').fill('ein-sicheres-passwort');
    await page.getByRole('button', { name: 'Konto anlegen' }).click();
    await page.getByRole('link', { name: 'Neue Finanzierungsanfrage' }).click();

    // Step 1: the company (a new borrower has none yet, so the form is open).
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toBe('1. Unternehmen');
    await page.getByLabel('Firmenname').fill('Probe Metallbau GmbH');
    await page.getByLabel('Registernummer (optional)').fill('HRB 4711');
    await page.getByLabel('Straße und Hausnummer').fill('Am Hafen 3');
    await page.getByLabel('PLZ').fill('01067');
    await page.getByLabel('Ort').fill('Dresden');
    await page.getByLabel('Branche (WZ 2008)').fill('25.11');
    await page.getByLabel('Gegründet am').fill('2010-05-01');
    await page.getByLabel('Mitarbeitende').fill('42');
    await page.getByLabel('Jahresumsatz (€)').fill('1.250.000');
    await expectAccessible(page);
    await screenshot(page, 'foundation-02-company');
    await page.getByRole('button', { name: 'Unternehmen anlegen' }).click();

    // Step 2: last year's statement.
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toBe('2. Jahresabschlüsse');
    const figures: Record<string, string> = {
      Umsatzerlöse: '1.250.000',
      EBITDA: '180.000',
      'EBIT (Betriebsergebnis)': '120.000',
      Zinsaufwand: '15.000',
      'Jahresüberschuss/-fehlbetrag': '80.000',
      Bilanzsumme: '900.000',
      Eigenkapital: '300.000',
      'Kurzfristiges Fremdkapital': '200.000',
      'Langfristiges Fremdkapital': '400.000',
      'Liquide Mittel': '90.000',
      Umlaufvermögen: '350.000',
      'Kurzfristige Verbindlichkeiten': '180.000',
    };
    for (const [label, value] of Object.entries(figures)) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByRole('button', { name: 'Geschäftsjahr speichern' }).click();
    await expect.poll(() => page.getByText('1.250.000,00 €').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Weiter' }).click();

    // Step 3: the financing need, checked inline in German before it is saved as a draft.
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toBe('3. Finanzierungsbedarf');
    await page.getByLabel('Finanzierungsart').selectOption('investment_loan');
    await page.getByLabel('Betrag (€)').fill('5.000');
    await page.getByLabel('Betrag (€)').blur();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('zwischen 10.000,00 € und 50.000.000,00 €');
    await page.getByLabel('Betrag (€)').fill('250.000');
    await page.getByLabel('Laufzeit (Monate)').fill('60');
    await page.getByLabel('Verwendungszweck').fill('Laserschneidanlage');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Entwurf speichern und weiter' }).click();

    // Step 4: documents.
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toBe('4. Unterlagen');
    await expect.poll(() => new URL(page.url()).pathname).toMatch(/^\/requests\/[0-9a-f-]+\/edit$/);
    const missingText = () => page.getByTestId('documents-missing').textContent();
    await expect.poll(missingText).toMatch(/^Es fehl(t|en) noch \d+ erforderliche/);
    const missingBefore = Number((await missingText())!.match(/\d+/)![0]);
    // The offer for the machine, as a PDF of about 600 KB; the upload is slowed down so its progress bar shows.
    const offerPdf = await PDFDocument.create();
    offerPdf.addPage().drawText('Angebot Laserschneidanlage LS-3015, 238.000,00 EUR netto');
    await offerPdf.attach(randomBytes(600_000), 'technische-daten.bin', { mimeType: 'application/octet-stream' });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 150 * 1024 });
    await page.getByLabel('Art der Unterlage').selectOption('asset_offer');
    await page.getByLabel('Datei').setInputFiles({ name: 'Angebot-Laserschneidanlage.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await offerPdf.save()) });
    await page.getByRole('button', { name: 'Hochladen' }).click();
    await expect.poll(() => page.getByTestId('upload-progress').count()).toBe(1);
    await screenshot(page, 'foundation-03a-upload-progress');
    await expect.poll(() => page.getByText('„Angebot-Laserschneidanlage.pdf“ wurde hochgeladen.').count(), { timeout: 30_000 }).toBe(1);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await expect.poll(() => page.getByTestId('upload-progress').count()).toBe(0);
    await expect.poll(async () => Number(((await missingText()) ?? '').match(/\d+/)?.[0] ?? 0)).toBe(missingBefore - 1);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Weiter' }).click();

    // Step 5: consents.
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toBe('5. Einwilligungen');
    await page.getByLabel(/^Datenverarbeitung/).check();
    await page.getByLabel(/^Weitergabe an Finanzierungspartner/).check();
    await page.getByRole('button', { name: 'Einwilligungen speichern' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Gespeichert');
    await screenshot(page, 'foundation-03-consents');
    await page.getByRole('button', { name: 'Weiter' }).click();

    // Step 6: review and submit.
    await expect.poll(() => page.locator('[aria-current="step"]').textContent()).toBe('6. Prüfen und einreichen');
    await expect.poll(() => page.getByText('250.000,00 €').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'foundation-03b-review');
    await page.getByRole('button', { name: 'Anfrage einreichen' }).click();
    await expect.poll(() => page.getByTestId('eligible-count').textContent()).toMatch(/^\d+ Finanzierungspartner passen$/);

    // Sandbox lenders answer within seconds; the page shows offers arriving without reload (server-sent events).
    await expect.poll(() => page.getByTestId('request-status').textContent(), { timeout: 20_000 }).toBe('Angebote liegen vor');
    await expect.poll(() => page.locator('[data-testid="offers-table"] tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'foundation-04-offers');
    const pdfHref = await page.getByRole('link', { name: 'Vergleich als PDF herunterladen' }).getAttribute('href');
    const comparison = await page.request.get(`${baseUrl()}${pdfHref}`);
    expect(comparison.headers()['content-type']).toBe('application/pdf');
    expect((await comparison.body()).subarray(0, 5).toString()).toBe('%PDF-');

    page.on('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Annehmen' }).first().click();
    // Accepting renders the contract PDF first: allow for a busy machine.
    await expect.poll(() => page.getByTestId('request-status').textContent(), { timeout: 20_000 }).toBe('Unterschriftsreif');
    await expect.poll(() => page.getByTestId('contract-status').textContent(), { timeout: 10_000 }).toBe('Wartet auf Unterschriften');
    await page.getByLabel(/Ich habe den Vertrag/).check();
    await page.getByLabel('Ihr Passwort zur Bestätigung').fill('ein-sicheres-passwort');
    await page.getByRole('button', { name: 'Verbindlich unterschreiben' }).click();
    // The sandbox lender countersigns by itself.
    await expect.poll(() => page.getByTestId('request-status').textContent(), { timeout: 20_000 }).toBe('Unterschrieben');
    await expect.poll(() => page.getByTestId('contract-status').textContent()).toBe('Unterschrieben');
    await expectAccessible(page);
    await screenshot(page, 'foundation-05-signed');
  });
});

describe('advisor journey (foundation)', () => {
  it('sees submitted and matched requests and every lender explained', async () => {
    const page = await newPage(browser);
    await login(page, 'advisor@demo.kreditplatz.local');
    await expect.poll(() => page.getByRole('heading', { name: 'Anfragen-Eingang' }).count()).toBe(1);
    // Sandbox lenders answer within seconds, so the matched requests soon have offers.
    await expect
      .poll(
        async () => {
          await page.goto(`${baseUrl()}/advisor/queue?status=offered`);
          await page.waitForLoadState('networkidle');
          return page.locator('tbody .badge').count();
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(0);
    await page.getByRole('link', { name: 'Öffnen' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Passende Finanzierungspartner' }).count()).toBe(1);
    await page.getByText(/Partner passen nicht – Gründe anzeigen/).click();
    await expect.poll(async () => (await page.locator('details li li').count()) > 0).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'foundation-06-advisor-matches');
  });
});

describe('calculator', () => {
  it('computes instalment and effective rate in German formats', async () => {
    const page = await newPage(browser);
    await page.goto(`${baseUrl()}/calculator`);
    await page.getByLabel('Kreditbetrag (€)').fill('10.000');
    await page.getByLabel('Sollzins p. a. (%)').fill('8');
    await page.getByLabel('Laufzeit (Monate)').fill('10');
    await page.getByRole('button', { name: 'Berechnen' }).click();
    await expect.poll(() => text(page, 'instalment')).toBe('1.037,03 €');
    await expect.poll(() => text(page, 'effective-rate')).toBe('8,30 %');
    await expectAccessible(page);
    await screenshot(page, 'foundation-07-calculator');
  });
});

describe('credit assessment in the browser', () => {
  it('shows the demo company financial statements and the rating of its request', async () => {
    const page = await newPage(browser);
    await login(page, 'borrower@demo.kreditplatz.local');
    // The dashboard says what the demo request still needs: the investment offer is not uploaded yet.
    await expect.poll(() => page.getByTestId('what-is-missing').first().textContent()).toContain('Investitionsangebot / Kaufvertrag');
    await page.getByRole('link', { name: 'Finanzdaten' }).first().click();
    await expect.poll(() => page.getByRole('columnheader', { name: '2025' }).count()).toBe(1);
    await expect.poll(() => page.getByText('6.400.000,00 €').count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, 'foundation-08-financials');
    await page.goto(`${baseUrl()}/dashboard`);
    await page.getByRole('link', { name: /Investitionskredit/ }).first().click();
    await expect.poll(() => page.getByTestId('rating-class').textContent()).toMatch(/^Ratingklasse \d+ von 10$/);
    await expectAccessible(page);
    await screenshot(page, 'foundation-09-rating');

    // A document uploaded elsewhere (here: through the API, as another window would) appears without a reload.
    const requestId = new URL(page.url()).pathname.split('/').pop()!;
    const offerPdf = await PDFDocument.create();
    offerPdf.addPage().drawText('Angebot 5-Achs-Bearbeitungszentrum');
    const uploaded = await page.request.post(`${baseUrl()}/api/v1/financing-requests/${requestId}/documents`, {
      multipart: { kind: 'asset_offer', file: { name: 'Angebot-Bearbeitungszentrum.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await offerPdf.save()) } },
    });
    expect(uploaded.status()).toBe(201);
    await expect.poll(() => page.getByTestId('documents-panel').getByText('Angebot-Bearbeitungszentrum.pdf').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  });
});

describe('operations pages', () => {
  it('shows the service levels to the admin and the caught mails to the borrower', async () => {
    const admin = await newPage(browser);
    await login(admin, 'admin@demo.kreditplatz.local');
    await admin.goto(`${baseUrl()}/admin`);
    await expect.poll(() => admin.getByTestId('sla-submitted').textContent()).toMatch(/eingereichte Anfrage/);
    await expectAccessible(admin);
    await screenshot(admin, 'foundation-10-service-levels');

    const borrower = await newPage(browser);
    await login(borrower, 'borrower@demo.kreditplatz.local');
    await borrower.goto(`${baseUrl()}/mails`);
    await expect.poll(() => borrower.getByRole('button', { name: /Finanzierungspartner gegangen/ }).count()).toBeGreaterThan(0);
    // Checked before a mail is opened: axe cannot enter the sandboxed (script-less) mail frame.
    await expectAccessible(borrower);
    await borrower.getByRole('button', { name: /Finanzierungspartner gegangen/ }).first().click();
    await expect.poll(() => borrower.locator('iframe.mail-frame').count()).toBe(1);
    await screenshot(borrower, 'foundation-11-mails');
  });
});

describe('on a phone', () => {
  it('fits the screen without sideways scrolling: landing, calculator, dashboard, request with offers', async () => {
    const context = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.goto(baseUrl());
    await expect.poll(() => page.getByRole('heading', { level: 1 }).count()).toBe(1);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-01-landing');
    await page.goto(`${baseUrl()}/calculator`);
    await expect.poll(() => page.getByLabel('Kreditbetrag (€)').count()).toBe(1);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await login(page, 'borrower@demo.kreditplatz.local');
    await expect.poll(() => page.getByRole('link', { name: /Investitionskredit/ }).count()).toBeGreaterThan(0);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await screenshot(page, 'phone-02-dashboard');
    await page.getByRole('link', { name: /Investitionskredit/ }).first().click();
    await expect.poll(() => page.getByTestId('request-status').count()).toBe(1);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, 'phone-03-request');
    await context.close();
  });
});
