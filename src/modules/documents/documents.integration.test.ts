import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/schema.js';
import { SYSTEM_ACTOR } from '../../platform/audit/audit.js';
import { createApiKey } from '../lenders/index.js';
import { Client, createCompany, problem, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';
import {
  multipartForm,
  SAMPLE_CSV_CP1252,
  SAMPLE_CSV_UTF8,
  SAMPLE_JPEG,
  SAMPLE_PNG,
  SAMPLE_XLSX,
  samplePdf,
  zip,
  type FormFile,
} from './documents.fixtures.js';
import { documents } from './schema.js';

let ctx: TestContext;
let dataDir: string;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let advisor: Awaited<ReturnType<typeof signedInAs>>;
const lenders: { A: { id: string; key: string }; B: { id: string; key: string } } = {} as never;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kp-documents-'));
  ctx = await startTestApp({ DATA_DIR: dataDir, DISPATCH_TOP_N: '1' });
  admin = await signedInAs(ctx, 'admin');
  advisor = await signedInAs(ctx, 'advisor');
  // Lender A finances investments; lender B only leasing, so investment loans never reach it.
  for (const [name, products] of [
    ['A', ['investment_loan']],
    ['B', ['leasing']],
  ] as const) {
    const res = await admin.client.post('/api/v1/lenders', { name: `Dokumentenbank ${name}`, type: 'private_bank', contactEmail: `${name}@example.test`, policy: { products } });
    expect(res.statusCode, res.body).toBe(201);
    lenders[name] = { id: res.json().id, key: (await createApiKey(ctx.database, res.json().id, 'System', SYSTEM_ACTOR)).key };
  }
});
afterAll(async () => {
  await ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Every file below the store and the staging folder (nothing else lives in the test's data dir). */
function storedFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(dir, e.name));
      else out.push(path.relative(dataDir, path.join(dir, e.name)));
    }
  };
  walk(path.join(dataDir, 'documents'));
  walk(path.join(dataDir, 'uploads'));
  return out.sort();
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function upload(client: Client, url: string, fields: Record<string, string>, file?: FormFile, fieldsAfterFile = false) {
  const textParts = Object.entries(fields).map(([name, value]) => ({ name, value }));
  const parts = file ? (fieldsAfterFile ? [file, ...textParts] : [...textParts, file]) : textParts;
  const { payload, headers } = multipartForm(parts);
  return client.request('POST', url, payload, headers);
}

function lenderApi(key: string) {
  const c = new Client(ctx.app);
  return { get: (url: string) => c.request('GET', url, undefined, { authorization: `Bearer ${key}` }), client: c, key };
}

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A borrower with a company and a draft investment-loan request. */
async function borrowerWithRequest() {
  const b = await registeredBorrower(ctx);
  const company = await createCompany(b.client);
  const d = await b.client.post('/api/v1/financing-requests', { companyId: company.id, product: 'investment_loan', amount: '300000.00', termMonths: 60, purpose: 'Maschine' });
  expect(d.statusCode, d.body).toBe(201);
  return { ...b, companyId: company.id, requestId: d.json().id as string };
}

/** Submits the request and waits until it was dispatched (to lender A). */
async function dispatched(b: Awaited<ReturnType<typeof borrowerWithRequest>>) {
  await b.client.put(`/api/v1/companies/${b.companyId}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  const s = await b.client.post(`/api/v1/financing-requests/${b.requestId}/submit`);
  expect(s.json().status, s.body).toBe('matched');
  await until(
    () => b.client.get(`/api/v1/financing-requests/${b.requestId}/dispatches`).then((r) => r.json().items.length),
    (n) => n === 1,
  );
}

describe('uploading documents', () => {
  it('stores a PDF with its SHA-256 and detected type, audited, and serves it back to the owner', async () => {
    const b = await borrowerWithRequest();
    const pdf = await samplePdf('Jahresabschluss 2024');
    const res = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'annual_statement', fiscalYear: '2024' }, {
      filename: 'Jahresabschluss 2024 Müller.pdf',
      contentType: 'application/pdf',
      content: pdf,
    });
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({
      companyId: b.companyId,
      requestId: b.requestId,
      kind: 'annual_statement',
      fiscalYear: 2024,
      filename: 'Jahresabschluss 2024 Müller.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha256(pdf),
      downloadUrl: `/api/v1/documents/${doc.id}/content`,
    });
    expect(storedFiles()).toContain(path.join('documents', b.companyId, doc.id));
    const [audit] = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, doc.id), eq(auditLog.action, 'document.uploaded')));
    expect(audit.actorId).toBe(b.user.id);

    const dl = await b.client.get(doc.downloadUrl);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(pdf)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-sha256']).toBe(sha256(pdf));
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="Jahresabschluss_2024_Muller.pdf"; filename*=UTF-8''Jahresabschluss%202024%20M%C3%BCller.pdf`,
    );
  });

  it('accepts PNG, JPEG, XLSX and CSV (UTF-8 and Windows-1252), judged by content, not by name or declared type', async () => {
    const b = await borrowerWithRequest();
    const url = `/api/v1/companies/${b.companyId}/documents`;
    const cases: [Buffer, string, string][] = [
      [SAMPLE_PNG, 'scan.png', 'image/png'],
      [SAMPLE_JPEG, 'ausweis.jpg', 'image/jpeg'],
      [SAMPLE_XLSX, 'susa.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [SAMPLE_CSV_UTF8, 'op-liste.csv', 'text/csv; charset=utf-8'],
      [SAMPLE_CSV_CP1252, 'op-liste-excel.csv', 'text/csv; charset=windows-1252'],
    ];
    for (const [content, filename, type] of cases) {
      const res = await upload(b.client, url, { kind: 'other' }, { filename, content, contentType: 'application/octet-stream' });
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(201);
      expect(res.json().contentType).toBe(type);
      expect(res.json().requestId).toBeNull();
    }
    // A PDF sent as "bild.exe" with a PNG type is stored as what it is.
    const disguised = await upload(b.client, url, { kind: 'other' }, { filename: 'bild.exe', contentType: 'image/png', content: await samplePdf('verkleidet') });
    expect(disguised.json()).toMatchObject({ contentType: 'application/pdf', filename: 'bild.exe.pdf' });
    const dl = await b.client.get(disguised.json().downloadUrl);
    expect(dl.headers['content-disposition']).toContain('filename="bild.exe.pdf"');
    const csv = await b.client.get(`/api/v1/documents/${(await b.client.get(url)).json().items.find((d: { filename: string }) => d.filename === 'op-liste-excel.csv').id}/content`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=windows-1252');
    expect(csv.rawPayload.equals(SAMPLE_CSV_CP1252)).toBe(true);
  });

  it('answers a wrong type with 415 naming the field file, and stores nothing', async () => {
    const b = await borrowerWithRequest();
    const before = storedFiles();
    for (const [content, filename] of [
      [zip({ 'a.txt': 'x' }), 'bilanz.pdf'],
      [Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'logo.png'],
      [Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]), 'tool.csv'],
      [Buffer.from('Nur ein Brief ohne Tabelle.\nZweite Zeile.\n'), 'brief.csv'],
    ] as const) {
      const res = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename, content, contentType: 'application/pdf' });
      expect(res.statusCode, `${filename}: ${res.body}`).toBe(415);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(problem(res).type).toBe('/problems/unsupported-media-type');
      expect(problem(res).errors!.map((e) => e.path)).toEqual(['file']);
    }
    expect(storedFiles()).toEqual(before);
  });

  it('answers a file over 20 MB with 413 and keeps nothing of it', async () => {
    const b = await borrowerWithRequest();
    const before = storedFiles();
    const pdf = await samplePdf();
    const big = Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    const res = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename: 'gross.pdf', content: big });
    expect(res.statusCode, res.body).toBe(413);
    expect(problem(res).type).toBe('/problems/payload-too-large');
    expect(problem(res).errors!.map((e) => e.path)).toEqual(['file']);
    expect(storedFiles()).toEqual(before);
    // Exactly 20 MB is allowed.
    const ok = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename: 'genau.pdf', content: big.subarray(0, 20 * 1024 * 1024) });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('names missing and invalid fields with 400', async () => {
    const b = await borrowerWithRequest();
    const url = `/api/v1/financing-requests/${b.requestId}/documents`;
    const none = await upload(b.client, url, {});
    expect(none.statusCode).toBe(400);
    expect(problem(none).errors!.map((e) => e.path).sort()).toEqual(['file', 'kind']);
    const pdf = await samplePdf('fehlend');
    const noYear = await upload(b.client, url, { kind: 'annual_statement' }, { filename: 'ja.pdf', content: pdf });
    expect(problem(noYear).errors!.map((e) => e.path)).toEqual(['fiscalYear']);
    const bad = await upload(b.client, url, { kind: 'bilanz', fiscalYear: 'letztes', asOf: '31.01.2026', extra: 'x' }, { filename: 'ja.pdf', content: pdf });
    expect(bad.statusCode).toBe(400);
    expect(problem(bad).errors!.map((e) => e.path).sort()).toEqual(['asOf', 'extra', 'fiscalYear', 'kind']);
    const wrongField = await upload(b.client, url, { kind: 'other' }, { field: 'dokument', filename: 'ja.pdf', content: pdf });
    expect(problem(wrongField).errors!.map((e) => e.path).sort()).toEqual(['dokument', 'file']);
    const json = await b.client.post(url, { kind: 'other' });
    expect(json.statusCode).toBe(415);
    const noBoundary = await b.client.request('POST', url, '--x\r\n', { 'content-type': 'multipart/form-data' });
    expect(noBoundary.statusCode).toBe(400);
    const { payload, headers } = multipartForm([{ name: 'kind', value: 'other' }, { filename: 'ab.pdf', content: pdf }]);
    const cut = await b.client.request('POST', url, payload.subarray(0, payload.length - 200), headers);
    expect(cut.statusCode).toBe(400);
    expect(cut.headers['content-type']).toContain('application/problem+json');
    expect(storedFiles().filter((f) => f.startsWith('uploads'))).toEqual([]);
  });

  it('leaves nothing half-stored when an invalid kind follows a valid file', async () => {
    const b = await borrowerWithRequest();
    const before = storedFiles();
    const res = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'geheim' }, { filename: 'ok.pdf', content: await samplePdf('nachher') }, true);
    expect(res.statusCode).toBe(400);
    expect(problem(res).errors!.map((e) => e.path)).toEqual(['kind']);
    expect(storedFiles()).toEqual(before);
    expect((await b.client.get(`/api/v1/companies/${b.companyId}/documents`)).json().items).toEqual([]);
    // Fields after the file are fine when valid.
    const ok = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'bwa', asOf: '2026-01-31' }, { filename: 'bwa.pdf', content: await samplePdf('nachher') }, true);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ kind: 'bwa', asOf: '2026-01-31' });
  });

  it('removes the stored file when the database write fails', async () => {
    const b = await borrowerWithRequest();
    await ctx.database.query(`
      create function reject_test_document() returns trigger language plpgsql as $$
      begin
        if new.filename = 'datenbankfehler.pdf' then raise exception 'simulated database failure'; end if;
        return new;
      end $$`);
    await ctx.database.query(`
      create trigger reject_test_document before insert on documents for each row execute function reject_test_document();`);
    try {
      const before = storedFiles();
      const res = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename: 'datenbankfehler.pdf', content: await samplePdf('db') });
      expect(res.statusCode).toBe(500);
      expect(res.body).not.toContain('simulated');
      expect(storedFiles()).toEqual(before);
      expect(await ctx.database.db.select().from(documents).where(eq(documents.companyId, b.companyId))).toEqual([]);
    } finally {
      await ctx.database.query('drop trigger reject_test_document on documents');
      await ctx.database.query('drop function reject_test_document()');
    }
  });

  it('detects a duplicate for the same company with 409 and the existing id, storing nothing twice', async () => {
    const b = await borrowerWithRequest();
    const pdf = await samplePdf('doppelt');
    const first = await upload(b.client, `/api/v1/companies/${b.companyId}/documents`, { kind: 'bwa' }, { filename: 'bwa.pdf', content: pdf });
    const before = storedFiles();
    const again = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename: 'anders.pdf', content: pdf });
    expect(again.statusCode).toBe(409);
    expect(again.json().existingDocumentId).toBe(first.json().id);
    expect(storedFiles()).toEqual(before);
    // Another company may have the same file.
    const other = await borrowerWithRequest();
    const theirs = await upload(other.client, `/api/v1/companies/${other.companyId}/documents`, { kind: 'bwa' }, { filename: 'bwa.pdf', content: pdf });
    expect(theirs.statusCode).toBe(201);
  });

  it('lets the company owner and staff upload; others get 404', async () => {
    const b = await borrowerWithRequest();
    const stranger = await registeredBorrower(ctx);
    const pdf = await samplePdf('fremd');
    expect((await upload(stranger.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename: 'x.pdf', content: pdf })).statusCode).toBe(404);
    expect((await upload(stranger.client, `/api/v1/companies/${b.companyId}/documents`, { kind: 'other' }, { filename: 'x.pdf', content: pdf })).statusCode).toBe(404);
    expect((await upload(new Client(ctx.app), `/api/v1/companies/${b.companyId}/documents`, { kind: 'other' }, { filename: 'x.pdf', content: pdf })).statusCode).toBe(401);
    const officer = await signedInAs(ctx, 'lender', { lenderId: lenders.A.id });
    expect((await upload(officer.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename: 'x.pdf', content: pdf })).statusCode).toBe(404);
    const byAdvisor = await upload(advisor.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename: 'x.pdf', content: pdf });
    expect(byAdvisor.statusCode, byAdvisor.body).toBe(201);
  });
});

describe('lists, checklist and access', () => {
  it('lists a request’s documents with its product checklist and what is missing', async () => {
    const b = await borrowerWithRequest();
    let list = (await b.client.get(`/api/v1/financing-requests/${b.requestId}/documents`)).json();
    expect(list.items).toEqual([]);
    expect(list.missing.map((m: { kind: string }) => m.kind)).toEqual(['annual_statement', 'annual_statement', 'bwa', 'asset_offer']);
    const years = list.missing.filter((m: { kind: string }) => m.kind === 'annual_statement').map((m: { fiscalYear: number }) => m.fiscalYear);
    // Company-wide statements serve the request; the asset offer belongs to it.
    for (const y of years) {
      const r = await upload(b.client, `/api/v1/companies/${b.companyId}/documents`, { kind: 'annual_statement', fiscalYear: String(y) }, { filename: `ja-${y}.pdf`, content: await samplePdf(`JA ${y}`) });
      expect(r.statusCode, r.body).toBe(201);
    }
    const offer = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'asset_offer' }, { filename: 'angebot.pdf', content: await samplePdf('Angebot') });
    list = (await b.client.get(`/api/v1/financing-requests/${b.requestId}/documents`)).json();
    expect(list.items).toHaveLength(3);
    expect(list.missing.map((m: { kind: string }) => m.kind)).toEqual(['bwa']);
    expect(list.checklist.find((c: { kind: string }) => c.kind === 'asset_offer').documentIds).toEqual([offer.json().id]);
    // A document of another request of the same company does not count for this one.
    const second = await b.client.post('/api/v1/financing-requests', { companyId: b.companyId, product: 'leasing', amount: '50000.00', termMonths: 36, purpose: 'Transporter' });
    const secondList = (await b.client.get(`/api/v1/financing-requests/${second.json().id}/documents`)).json();
    expect(secondList.items.map((d: { id: string }) => d.id)).not.toContain(offer.json().id);
    expect(secondList.missing.map((m: { kind: string }) => m.kind)).toEqual(['asset_offer']);
    // The company list shows all of them.
    expect((await b.client.get(`/api/v1/companies/${b.companyId}/documents`)).json().items).toHaveLength(3);
  });

  it('shows documents to the owner, staff and the lender the request went to — lender B and strangers get 404', async () => {
    const b = await borrowerWithRequest();
    const own = await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'asset_offer' }, { filename: 'angebot.pdf', content: await samplePdf('A-Angebot') });
    const general = await upload(b.client, `/api/v1/companies/${b.companyId}/documents`, { kind: 'bwa' }, { filename: 'bwa.pdf', content: await samplePdf('A-BWA') });
    const ids = [own.json().id, general.json().id];
    const A = lenderApi(lenders.A.key);
    const B = lenderApi(lenders.B.key);
    const stranger = await registeredBorrower(ctx);
    const partner = await signedInAs(ctx, 'partner');

    // Before dispatch even lender A sees nothing.
    expect((await A.get(`/api/v1/documents/${ids[0]}/content`)).statusCode).toBe(404);
    await dispatched(b);

    for (const id of ids) {
      expect((await advisor.client.get(`/api/v1/documents/${id}/content`)).statusCode).toBe(200);
      expect((await admin.client.get(`/api/v1/documents/${id}/content`)).statusCode).toBe(200);
      expect((await A.get(`/api/v1/documents/${id}/content`)).statusCode).toBe(200);
      expect((await A.get(`/api/v1/lender/requests/${b.requestId}/documents/${id}`)).statusCode).toBe(200);
      for (const res of [
        await B.get(`/api/v1/documents/${id}/content`),
        await B.get(`/api/v1/lender/requests/${b.requestId}/documents/${id}`),
        await stranger.client.get(`/api/v1/documents/${id}/content`),
        await partner.client.get(`/api/v1/documents/${id}/content`),
      ]) {
        expect(res.statusCode).toBe(404);
        expect(problem(res).type).toBe('/problems/not-found');
      }
    }
    expect((await new Client(ctx.app).get(`/api/v1/documents/${ids[0]}/content`)).statusCode).toBe(401);
    expect((await advisor.client.get(`/api/v1/financing-requests/${b.requestId}/documents`)).json().items).toHaveLength(2);
    expect((await stranger.client.get(`/api/v1/financing-requests/${b.requestId}/documents`)).statusCode).toBe(404);
    expect((await stranger.client.get(`/api/v1/companies/${b.companyId}/documents`)).statusCode).toBe(404);
    expect((await B.get(`/api/v1/financing-requests/${b.requestId}/documents`)).statusCode).toBe(404);

    // Lender A's request detail carries the documents with lender download URLs.
    const detail = (await A.get(`/api/v1/lender/requests/${b.requestId}`)).json();
    expect(detail.documents.map((d: { id: string }) => d.id).sort()).toEqual([...ids].sort());
    const url = detail.documents.find((d: { id: string }) => d.id === ids[0]).downloadUrl;
    expect(url).toBe(`/api/v1/lender/requests/${b.requestId}/documents/${ids[0]}`);
    const dl = await A.get(url);
    expect(dl.headers['x-content-sha256']).toBe(own.json().sha256);
    expect((await A.get(`/api/v1/financing-requests/${b.requestId}/documents`)).json().items[0].downloadUrl).toMatch(/^\/api\/v1\/lender\/requests\//);

    // A lender user's session works the same; a document of another company through this request does not.
    const officer = await signedInAs(ctx, 'lender', { lenderId: lenders.A.id });
    expect((await officer.client.get(`/api/v1/documents/${ids[1]}/content`)).statusCode).toBe(200);
    const elsewhere = await borrowerWithRequest();
    const foreign = await upload(elsewhere.client, `/api/v1/companies/${elsewhere.companyId}/documents`, { kind: 'bwa' }, { filename: 'f.pdf', content: await samplePdf('fremd-B') });
    expect((await A.get(`/api/v1/lender/requests/${b.requestId}/documents/${foreign.json().id}`)).statusCode).toBe(404);
    expect((await officer.client.get(`/api/v1/documents/${foreign.json().id}/content`)).statusCode).toBe(404);
  });
});

describe('deleting documents', () => {
  it('lets the owner or staff delete while no offer is accepted, audited, content gone; then refuses with 409', async () => {
    const b = await borrowerWithRequest();
    const pdf = () => samplePdf(`del-${Math.random()}`);
    const first = (await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'other' }, { filename: 'a.pdf', content: await pdf() })).json();
    const stranger = await registeredBorrower(ctx);
    expect((await stranger.client.request('DELETE', `/api/v1/documents/${first.id}`)).statusCode).toBe(404);
    expect((await lenderApi(lenders.A.key).client.request('DELETE', `/api/v1/documents/${first.id}`, undefined, { authorization: `Bearer ${lenders.A.key}` })).statusCode).toBe(401);
    const del = await b.client.request('DELETE', `/api/v1/documents/${first.id}`);
    expect(del.statusCode).toBe(204);
    expect(storedFiles()).not.toContain(path.join('documents', b.companyId, first.id));
    expect((await b.client.get(`/api/v1/documents/${first.id}/content`)).statusCode).toBe(404);
    const [audit] = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, first.id), eq(auditLog.action, 'document.deleted')));
    expect(audit.before).toMatchObject({ filename: 'a.pdf' });

    const kept = (await upload(b.client, `/api/v1/financing-requests/${b.requestId}/documents`, { kind: 'asset_offer' }, { filename: 'angebot.pdf', content: await pdf() })).json();
    const general = (await upload(b.client, `/api/v1/companies/${b.companyId}/documents`, { kind: 'bwa' }, { filename: 'bwa.pdf', content: await pdf() })).json();
    const byStaff = (await upload(b.client, `/api/v1/companies/${b.companyId}/documents`, { kind: 'other' }, { filename: 'c.pdf', content: await pdf() })).json();
    expect((await advisor.client.request('DELETE', `/api/v1/documents/${byStaff.id}`)).statusCode).toBe(204);

    // Lender A makes an offer, the borrower accepts it: the documents stay.
    await dispatched(b);
    const A = lenderApi(lenders.A.key);
    const offer = await A.client.request(
      'POST',
      `/api/v1/lender/requests/${b.requestId}/offers`,
      { amount: '300000.00', nominalRate: '0.0450', termMonths: 60, amortization: 'annuity', fees: [], collateral: 'keine', conditions: 'keine', validUntil: '2099-12-31' },
      { authorization: `Bearer ${lenders.A.key}`, 'idempotency-key': `doc-${b.requestId}` },
    );
    expect(offer.statusCode, offer.body).toBe(201);
    const accepted = await b.client.post(`/api/v1/offers/${offer.json().id}/accept`);
    expect(accepted.statusCode, accepted.body).toBeLessThan(300);
    for (const id of [kept.id, general.id]) {
      const res = await b.client.request('DELETE', `/api/v1/documents/${id}`);
      expect(res.statusCode).toBe(409);
      expect((await b.client.get(`/api/v1/documents/${id}/content`)).statusCode).toBe(200);
    }
  });
});
