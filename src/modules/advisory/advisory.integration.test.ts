import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/schema.js';
import { financingRequests } from '../requests/index.js';
import { advisorRotation } from './schema.js';
import { Client, createCompany, problem, registeredBorrower, signedInAs, startTestApp, type TestContext } from '../../../test/helpers/app.js';

let ctx: TestContext;
let admin: Awaited<ReturnType<typeof signedInAs>>;
let advisorA: Awaited<ReturnType<typeof signedInAs>>;
let advisorB: Awaited<ReturnType<typeof signedInAs>>;
let lender: Awaited<ReturnType<typeof signedInAs>>;

// One real (non-demo) lender takes investment loans in Bavaria only: Munich requests match, Hamburg ones do not.
beforeAll(async () => {
  ctx = await startTestApp();
  admin = await signedInAs(ctx, 'admin');
  advisorA = await signedInAs(ctx, 'advisor');
  advisorB = await signedInAs(ctx, 'advisor');
  lender = await signedInAs(ctx, 'lender');
  const res = await admin.client.post('/api/v1/lenders', {
    name: 'Südbank Test AG',
    type: 'private_bank',
    contactEmail: 'kredit@suedbank.example',
    policy: { products: ['investment_loan'], federalStates: ['BY'] },
  });
  expect(res.statusCode).toBe(201);
});
afterAll(() => ctx.close());

async function until<T>(f: () => Promise<T>, ok: (t: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Borrower = Awaited<ReturnType<typeof registeredBorrower>>;

async function submitted(opts: { borrower?: Borrower; company?: Record<string, unknown>; product?: string; amount?: string } = {}) {
  const b = opts.borrower ?? (await registeredBorrower(ctx));
  const c = await createCompany(b.client, { name: `Firma ${Math.random().toString(36).slice(2, 8)} GmbH`, ...opts.company });
  await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
  const d = await b.client.post('/api/v1/financing-requests', {
    companyId: c.id,
    product: opts.product ?? 'investment_loan',
    amount: opts.amount ?? '300000.00',
    termMonths: 60,
    purpose: 'Neue Fräsmaschine',
  });
  const s = await b.client.post(`/api/v1/financing-requests/${d.json().id}/submit`);
  expect(s.statusCode).toBe(200);
  return { borrower: b, requestId: d.json().id as string, companyId: c.id };
}

const HAMBURG = { postalCode: '20095', city: 'Hamburg', street: 'Mönckebergstraße 1' };

async function caseOf(id: string) {
  const res = await admin.client.get(`/api/v1/advisory/cases/${id}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

async function setSubmittedAt(id: string, hoursAgo: number) {
  await ctx.database.db
    .update(financingRequests)
    .set({ submittedAt: new Date(Date.now() - hoursAgo * 3_600_000) })
    .where(eq(financingRequests.id, id));
}

describe('case queue', () => {
  it('filters by status, product, amount, region, waiting time and service level, with paging and sorting', async () => {
    const munich = await submitted({ amount: '120000.00' });
    const hamburg = await submitted({ company: HAMBURG, amount: '800000.00' });
    const leasing = await submitted({ product: 'leasing', amount: '55000.00' });
    // Nobody takes leasing or Hamburg requests: they wait; the Munich one is matched.
    await setSubmittedAt(hamburg.requestId, 30);
    await setSubmittedAt(leasing.requestId, 5);
    const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((c) => c.id);
    const ours = [munich.requestId, hamburg.requestId, leasing.requestId];
    const get = (q: string) => advisorA.client.get(`/api/v1/advisory/cases?limit=200&${q}`);

    expect(ids(await get('status=matched')).filter((i: string) => ours.includes(i))).toEqual([munich.requestId]);
    expect(ids(await get('product=leasing')).filter((i: string) => ours.includes(i))).toEqual([leasing.requestId]);
    expect(ids(await get('amountMin=100000.00&amountMax=200000.00')).filter((i: string) => ours.includes(i))).toEqual([munich.requestId]);
    expect(ids(await get('region=HH')).filter((i: string) => ours.includes(i))).toEqual([hamburg.requestId]);
    // Several values: repeated or comma-separated.
    for (const q of ['status=submitted&status=withdrawn', 'status=submitted,withdrawn', 'region=HH&region=SN&status=submitted']) {
      const expected = q.startsWith('region') ? [hamburg.requestId] : [hamburg.requestId, leasing.requestId].sort();
      expect(ids(await get(q)).filter((i: string) => ours.includes(i)).sort(), q).toEqual(expected);
    }
    expect(ids(await get('waitingMinHours=4')).filter((i: string) => ours.includes(i)).sort()).toEqual([hamburg.requestId, leasing.requestId].sort());
    expect(ids(await get('serviceLevel=red')).filter((i: string) => ours.includes(i))).toEqual([hamburg.requestId]);
    expect(ids(await get('serviceLevel=amber')).filter((i: string) => ours.includes(i))).toEqual([leasing.requestId]);
    expect(ids(await get('serviceLevel=green')).filter((i: string) => ours.includes(i))).toEqual([munich.requestId]);

    // Longest waiting first by default; by amount on request.
    const all = await get('');
    expect(ids(all).filter((i: string) => ours.includes(i))).toEqual([hamburg.requestId, leasing.requestId, munich.requestId]);
    expect(ids(await get('sort=-amount')).filter((i: string) => ours.includes(i))).toEqual([hamburg.requestId, munich.requestId, leasing.requestId]);

    const page = await advisorA.client.get('/api/v1/advisory/cases?limit=1&offset=1');
    expect(page.json().items).toHaveLength(1);
    expect(page.json().total).toBe(all.json().total);

    const c = all.json().items.find((i: { id: string }) => i.id === hamburg.requestId);
    expect(c).toMatchObject({ companyName: expect.stringContaining('GmbH'), federalState: 'HH', product: 'investment_loan', amount: '800000.00', status: 'submitted' });
    expect(c.serviceLevel.state).toBe('red');
    expect(c.serviceLevel.waitingMinutes).toBeGreaterThanOrEqual(30 * 60 - 1);
    expect(all.json().items.find((i: { id: string }) => i.id === munich.requestId).serviceLevel.state).toBe('green');

    expect((await get('status=nonsense')).statusCode).toBe(400);
    expect((await get('assignee=somebody')).statusCode).toBe(400);
  });

  it('leaves drafts out, and is for staff only', async () => {
    const b = await registeredBorrower(ctx);
    const c = await createCompany(b.client);
    const d = await b.client.post('/api/v1/financing-requests', { companyId: c.id, product: 'leasing', amount: '50000.00', termMonths: 36, purpose: 'Stapler' });
    const list = await admin.client.get('/api/v1/advisory/cases?limit=200');
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(d.json().id);
    expect((await admin.client.get(`/api/v1/advisory/cases/${d.json().id}`)).statusCode).toBe(404);
    expect((await admin.client.post(`/api/v1/advisory/cases/${d.json().id}/take`)).statusCode).toBe(409);

    for (const outsider of [b.client, lender.client]) {
      expect((await outsider.get('/api/v1/advisory/cases')).statusCode).toBe(403);
      expect((await outsider.get('/api/v1/advisory/tasks')).statusCode).toBe(403);
      expect((await outsider.get('/api/v1/advisory/advisors')).statusCode).toBe(403);
    }
    expect((await new Client(ctx.app).get('/api/v1/advisory/cases')).statusCode).toBe(401);
  });
});

describe('assignment', () => {
  it('gives new cases round-robin to the advisor who received one least recently', async () => {
    const received: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { requestId } = await submitted();
      received.push((await caseOf(requestId)).case.assignee.id);
    }
    // Two advisors: strictly alternating, whoever started.
    expect(new Set(received)).toEqual(new Set([advisorA.user.id, advisorB.user.id]));
    expect(received[0]).not.toBe(received[1]);
    expect(received[2]).toBe(received[0]);
    expect(received[3]).toBe(received[1]);
    const c = await caseOf((await submitted()).requestId);
    expect(c.case.assignee.method).toBe('round_robin');
    expect(c.assignmentHistory).toEqual([expect.objectContaining({ method: 'round_robin', by: null })]);
  });

  it('keeps the rotation whole when many requests are submitted at once', async () => {
    const counts = async () => new Map((await ctx.database.db.select().from(advisorRotation)).map((r) => [r.advisorId, r.assignedCount]));
    const before = await counts();
    const prepared = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const b = await registeredBorrower(ctx);
        const c = await createCompany(b.client);
        await b.client.put(`/api/v1/companies/${c.id}/consents`, { dataProcessing: true, lenderSharing: true, marketing: false });
        const d = await b.client.post('/api/v1/financing-requests', { companyId: c.id, product: 'leasing', amount: '60000.00', termMonths: 36, purpose: 'Stapler' });
        return { client: b.client, id: d.json().id as string };
      }),
    );
    const results = await Promise.all(prepared.map((p) => p.client.post(`/api/v1/financing-requests/${p.id}/submit`)));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
    const assignees = await Promise.all(prepared.map(async (p) => (await caseOf(p.id)).case.assignee.id));
    expect(assignees.filter((a) => a === advisorA.user.id)).toHaveLength(3);
    expect(assignees.filter((a) => a === advisorB.user.id)).toHaveLength(3);
    const after = await counts();
    expect(after.get(advisorA.user.id)! - before.get(advisorA.user.id)!).toBe(3);
    expect(after.get(advisorB.user.id)! - before.get(advisorB.user.id)!).toBe(3);
  });

  it('gives no cases to a deactivated advisor, and none can be assigned to one', async () => {
    const leaving = await signedInAs(ctx, 'advisor');
    const off = await admin.client.patch(`/api/v1/admin/users/${leaving.user.id}`, { active: false });
    expect(off.statusCode, off.body).toBe(200);
    for (let i = 0; i < 3; i++) {
      const { requestId } = await submitted();
      expect((await caseOf(requestId)).case.assignee.id).not.toBe(leaving.user.id);
    }
    const { requestId } = await submitted();
    const refused = await admin.client.post(`/api/v1/advisory/cases/${requestId}/assign`, { advisorId: leaving.user.id });
    expect(refused.statusCode).toBe(400);
    expect(problem(refused).errors![0].path).toBe('advisorId');
    const advisors = (await admin.client.get('/api/v1/advisory/advisors')).json().items as { id: string }[];
    expect(advisors.map((a) => a.id)).not.toContain(leaving.user.id);
  });

  it('lets an advisor take a case and anyone on staff reassign it, recorded in the audit log', async () => {
    const { requestId } = await submitted({ company: HAMBURG });
    const first = (await caseOf(requestId)).case.assignee.id;
    const other = first === advisorA.user.id ? advisorB : advisorA;

    const take = await other.client.post(`/api/v1/advisory/cases/${requestId}/take`);
    expect(take.statusCode).toBe(200);
    expect(take.json()).toMatchObject({ changed: true, case: { assignee: { id: other.user.id, method: 'take' } } });
    // Taking one's own case again changes nothing.
    expect((await other.client.post(`/api/v1/advisory/cases/${requestId}/take`)).json().changed).toBe(false);

    const mine = await other.client.get('/api/v1/advisory/cases?assignee=me&limit=200');
    expect(mine.json().items.map((i: { id: string }) => i.id)).toContain(requestId);
    const byId = await admin.client.get(`/api/v1/advisory/cases?assignee=${other.user.id}&limit=200`);
    expect(byId.json().items.every((i: { assignee: { id: string } }) => i.assignee.id === other.user.id)).toBe(true);

    const reassign = await admin.client.post(`/api/v1/advisory/cases/${requestId}/assign`, { advisorId: first });
    expect(reassign.json()).toMatchObject({ changed: true, case: { assignee: { id: first, method: 'assign' } } });
    // The open no-match task follows the case to its new advisor.
    const tasks = await admin.client.get(`/api/v1/advisory/tasks?requestId=${requestId}`);
    expect(tasks.json().items).toEqual([expect.objectContaining({ kind: 'no_match', status: 'open', assigneeId: first })]);

    const history = (await caseOf(requestId)).assignmentHistory;
    expect(history.map((h: { method: string; advisor: { id: string } }) => [h.method, h.advisor.id])).toEqual([
      ['round_robin', first],
      ['take', other.user.id],
      ['assign', first],
    ]);
    const audit = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'case_assignment'), eq(auditLog.entityId, requestId)))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['case.assigned', 'case.reassigned', 'case.reassigned']);
    expect(audit[2]).toMatchObject({ actorId: admin.user.id, before: { advisorId: other.user.id } });

    const toBorrower = await admin.client.post(`/api/v1/advisory/cases/${requestId}/assign`, { advisorId: lender.user.id });
    expect(toBorrower.statusCode).toBe(400);
    expect(problem(toBorrower).errors?.[0].path).toBe('advisorId');
    expect((await admin.client.post(`/api/v1/advisory/cases/${crypto.randomUUID()}/assign`, { advisorId: first })).statusCode).toBe(404);
    expect((await lender.client.post(`/api/v1/advisory/cases/${requestId}/take`)).statusCode).toBe(403);
  });
});

describe('case page, notes and tasks', () => {
  it('shows company, financials, rating, every lender explained, dispatches, notes and tasks', async () => {
    const { borrower, requestId, companyId } = await submitted();
    await borrower.client.put(`/api/v1/companies/${companyId}/financials/2025`, {
      fiscalYear: 2025, revenue: '4200000.00', ebitda: '500000.00', ebit: '350000.00', interestExpense: '40000.00', netIncome: '220000.00',
      totalAssets: '3000000.00', equity: '1000000.00', liabilitiesShortTerm: '900000.00', liabilitiesLongTerm: '1100000.00', cash: '300000.00',
      currentAssets: '1400000.00', currentLiabilities: '800000.00',
    });
    await until(() => caseOf(requestId), (c) => c.dispatches.length === 1);
    const c = await caseOf(requestId);
    expect(c.company).toMatchObject({ id: companyId, federalState: 'BY', city: 'München' });
    expect(c.financials).toEqual([expect.objectContaining({ fiscalYear: 2025, revenue: '4200000.00' })]);
    expect(c.rating.ratingClass).toBeGreaterThanOrEqual(1);
    expect(c.rating.drivers.length).toBeGreaterThan(0);
    expect(c.matches.view).toBe('full');
    expect(c.matches.eligible.map((e: { name: string }) => e.name)).toEqual(['Südbank Test AG']);
    expect(c.dispatches[0]).toMatchObject({ lenderName: 'Südbank Test AG', status: 'sent' });
    expect(c.offers).toEqual([]);
    expect(c.case.status).toBe('matched');

    const note = await advisorA.client.post(`/api/v1/advisory/cases/${requestId}/notes`, { body: 'Kunde ruft Freitag zurück; Sicherheiten klären.' });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ body: 'Kunde ruft Freitag zurück; Sicherheiten klären.', author: { id: advisorA.user.id } });
    expect((await advisorA.client.post(`/api/v1/advisory/cases/${requestId}/notes`, { body: '   ' })).statusCode).toBe(400);
    expect((await advisorB.client.get(`/api/v1/advisory/cases/${requestId}/notes`)).json().items).toHaveLength(1);
    expect((await caseOf(requestId)).notes).toHaveLength(1);

    const due = '2026-12-01T10:00:00+01:00';
    const task = await advisorA.client.post('/api/v1/advisory/tasks', { requestId, title: 'Jahresabschluss 2025 anfordern', kind: 'document_missing', dueAt: due });
    expect(task.statusCode).toBe(201);
    const holder = (await caseOf(requestId)).case.assignee.id;
    expect(task.json()).toMatchObject({ status: 'open', dueAt: '2026-12-01T09:00:00.000Z', assigneeId: holder, overdue: false });
    const overdue = await advisorA.client.post('/api/v1/advisory/tasks', { requestId, title: 'Rückruf', dueAt: '2020-01-01T08:00:00Z', assigneeId: advisorB.user.id });
    expect(overdue.json()).toMatchObject({ overdue: true, assigneeId: advisorB.user.id, kind: 'custom' });
    expect((await advisorA.client.post('/api/v1/advisory/tasks', { title: 'x' })).statusCode).toBe(400);
    expect((await advisorA.client.post('/api/v1/advisory/tasks', { title: 'Termin', dueAt: 'morgen' })).statusCode).toBe(400);

    const bTasks = await advisorB.client.get('/api/v1/advisory/tasks?assignee=me&status=open');
    expect(bTasks.json().items.map((t: { id: string }) => t.id)).toContain(overdue.json().id);
    const done = await advisorB.client.post(`/api/v1/advisory/tasks/${overdue.json().id}/complete`);
    expect(done.json()).toMatchObject({ status: 'done', overdue: false, doneAt: expect.any(String) });
    expect((await advisorB.client.post(`/api/v1/advisory/tasks/${overdue.json().id}/complete`)).statusCode).toBe(200);
    expect((await advisorB.client.post(`/api/v1/advisory/tasks/${crypto.randomUUID()}/complete`)).statusCode).toBe(404);
    const page = await caseOf(requestId);
    expect(page.tasks.map((t: { title: string; status: string }) => [t.title, t.status])).toEqual([
      ['Jahresabschluss 2025 anfordern', 'open'],
      ['Rückruf', 'done'],
    ]);
    expect(page.case.openTasks).toBe(1);
  });

  it('keeps notes from borrowers and lenders', async () => {
    const { borrower, requestId } = await submitted();
    await advisorA.client.post(`/api/v1/advisory/cases/${requestId}/notes`, { body: 'Bonität grenzwertig – intern' });
    for (const outsider of [borrower.client, lender.client]) {
      expect((await outsider.get(`/api/v1/advisory/cases/${requestId}/notes`)).statusCode).toBe(403);
      expect((await outsider.post(`/api/v1/advisory/cases/${requestId}/notes`, { body: 'x' })).statusCode).toBe(403);
      expect((await outsider.get(`/api/v1/advisory/cases/${requestId}`)).statusCode).toBe(403);
    }
    // Nothing the borrower can read carries the note.
    for (const path of ['', '/messages', '/matches', '/dispatches', '/offers', '/rating']) {
      const res = await borrower.client.get(`/api/v1/financing-requests/${requestId}${path}`);
      expect(res.body).not.toContain('grenzwertig');
    }
  });
});

describe('messages', () => {
  it('mails the borrower an advisor message, tells the advisor of the answer, and counts unread ones', async () => {
    const { borrower, requestId } = await submitted({ company: HAMBURG });
    const holder = (await caseOf(requestId)).case.assignee.id;
    const advisor = holder === advisorA.user.id ? advisorA : advisorB;

    const sent = await advisor.client.post(`/api/v1/financing-requests/${requestId}/messages`, {
      body: 'Guten Tag, für Hamburg finden wir gerade keinen Partner. Hätten Sie Interesse an Leasing?',
    });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ side: 'staff', author: { id: advisor.user.id, name: 'Test advisor' }, readAt: null });

    const mail = await until(
      () => borrower.client.get('/api/v1/dev/mails').then((r) => r.json().items as { to: string[]; subject: string; text: string }[]),
      (items) => items.some((m) => m.subject.startsWith('Neue Nachricht')),
    );
    const m = mail.find((x) => x.subject.startsWith('Neue Nachricht'))!;
    expect(m.to).toEqual([borrower.email]);
    expect(m.subject).toBe('Neue Nachricht von Test advisor');
    expect(m.text).toContain('Hätten Sie Interesse an Leasing?');
    expect(m.text).toContain(`/requests/${requestId}#messages`);

    const inbox = await borrower.client.get(`/api/v1/financing-requests/${requestId}/messages`);
    expect(inbox.json()).toMatchObject({ unread: 1, items: [{ side: 'staff', body: expect.stringContaining('Leasing') }] });
    expect((await borrower.client.post(`/api/v1/financing-requests/${requestId}/messages/read`)).json()).toEqual({ read: 1 });
    expect((await borrower.client.get(`/api/v1/financing-requests/${requestId}/messages`)).json().unread).toBe(0);

    const answer = await borrower.client.post(`/api/v1/financing-requests/${requestId}/messages`, { body: 'Ja, gerne – rufen Sie mich an.' });
    expect(answer.json().side).toBe('borrower');
    await borrower.client.post(`/api/v1/financing-requests/${requestId}/messages`, { body: 'Am besten vormittags.' });
    const c = await caseOf(requestId);
    expect(c.case.unreadMessages).toBe(2);
    expect(c.messages.map((x: { side: string }) => x.side)).toEqual(['staff', 'borrower', 'borrower']);
    // One task for the advisor holding the case, however many messages arrive while it is open.
    const tasks = c.tasks.filter((t: { kind: string }) => t.kind === 'borrower_message');
    expect(tasks).toEqual([expect.objectContaining({ assigneeId: holder, status: 'open' })]);
    expect((await advisor.client.get(`/api/v1/financing-requests/${requestId}/messages`)).json().unread).toBe(2);
    await advisor.client.post(`/api/v1/financing-requests/${requestId}/messages/read`);
    expect((await caseOf(requestId)).case.unreadMessages).toBe(0);

    const audit = await ctx.database.db.select().from(auditLog).where(eq(auditLog.entityType, 'request_message'));
    expect(audit.filter((a) => (a.after as { requestId: string }).requestId === requestId)).toHaveLength(3);
  });

  it('is the owning borrower\'s and staff\'s only: others get 404', async () => {
    const { requestId } = await submitted();
    const stranger = await registeredBorrower(ctx);
    const partner = await signedInAs(ctx, 'partner');
    for (const outsider of [stranger.client, lender.client, partner.client]) {
      expect((await outsider.get(`/api/v1/financing-requests/${requestId}/messages`)).statusCode).toBe(404);
      expect((await outsider.post(`/api/v1/financing-requests/${requestId}/messages`, { body: 'Hallo' })).statusCode).toBe(404);
      expect((await outsider.post(`/api/v1/financing-requests/${requestId}/messages/read`)).statusCode).toBe(404);
    }
    expect((await admin.client.get(`/api/v1/financing-requests/${requestId}/messages`)).statusCode).toBe(200);
    expect((await admin.client.post(`/api/v1/financing-requests/${requestId}/messages`, { body: '' })).statusCode).toBe(400);
  });
});
