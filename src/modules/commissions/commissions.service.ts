import { TZDate } from '@date-fns/tz';
import { and, asc, eq, gte, lt } from 'drizzle-orm';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { Decimal } from 'decimal.js';
import type { Database, Executor } from '../../platform/db/database.js';
import type { SessionUser } from '../../platform/auth/sessions.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { BUSINESS_TIME_ZONE } from '../../platform/time.js';
import { commissionLedger, contracts, toWinAnsi } from '../contracts/index.js';
import { commissionRules, lenderIdOfUser, lenders } from '../lenders/index.js';
import { DEFAULT_COMMISSION_RULE, type CommissionRule } from '../offers/index.js';
import { companies } from '../companies/index.js';
import { financingRequests } from '../requests/index.js';

/** Admins see every lender's commission; a lender only its own. */
async function assertMayRead(db: Executor, user: SessionUser, lenderId: string) {
  if (user.role === 'admin') return;
  if (user.role === 'lender' && (await lenderIdOfUser(db, user.id)) === lenderId) return;
  throw AppError.notFound('Finanzierungspartner');
}

export async function getCommissionRule(db: Executor, user: SessionUser, lenderId: string): Promise<CommissionRule & { default: boolean }> {
  await assertMayRead(db, user, lenderId);
  const [rule] = await db.select().from(commissionRules).where(eq(commissionRules.lenderId, lenderId));
  return rule ? { rate: rule.rate, minimum: rule.minimum, cap: rule.cap, default: false } : { ...DEFAULT_COMMISSION_RULE, default: true };
}

export async function setCommissionRule(database: Database, user: SessionUser, lenderId: string, rule: CommissionRule, actor: Actor) {
  if (user.role !== 'admin') throw new AppError('forbidden', 'Provisionsregeln legen Administratoren fest.');
  if (rule.cap !== null && new Decimal(rule.cap).lt(rule.minimum)) throw AppError.invalidField('cap', 'darf nicht kleiner als das Minimum sein');
  return database.db.transaction(async (tx) => {
    const [lender] = await tx.select({ id: lenders.id }).from(lenders).where(eq(lenders.id, lenderId));
    if (!lender) throw AppError.notFound('Finanzierungspartner');
    const [before] = await tx.select().from(commissionRules).where(eq(commissionRules.lenderId, lenderId));
    const values = { lenderId, rate: rule.rate, minimum: rule.minimum, cap: rule.cap, updatedAt: new Date() };
    await tx.insert(commissionRules).values(values).onConflictDoUpdate({ target: commissionRules.lenderId, set: values });
    await writeAudit(tx, actor, { action: 'commission_rule.changed', entityType: 'lender', entityId: lenderId, before: before ?? null, after: rule });
    return { ...rule, default: false };
  });
}

/** First instant of a Berlin month and of the next one, as UTC instants. */
function monthBounds(month: string) {
  const [y, m] = month.split('-').map(Number);
  return {
    from: new Date(new TZDate(y, m - 1, 1, BUSINESS_TIME_ZONE).getTime()),
    to: new Date(new TZDate(y, m, 1, BUSINESS_TIME_ZONE).getTime()),
    fromDate: `${month}-01`,
    toDate: m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`,
  };
}

/** The commission a lender owes for the deals signed in one month (Europe/Berlin), entry by entry. */
export async function monthlyStatement(db: Executor, user: SessionUser, lenderId: string, month: string) {
  await assertMayRead(db, user, lenderId);
  const [lender] = await db.select({ name: lenders.name, demo: lenders.demo }).from(lenders).where(eq(lenders.id, lenderId));
  if (!lender) throw AppError.notFound('Finanzierungspartner');
  const { fromDate, toDate } = monthBounds(month);
  const rows = await db
    .select({
      bookedOn: commissionLedger.bookedOn,
      contractNumber: contracts.number,
      companyName: companies.name,
      financedAmount: commissionLedger.financedAmount,
      commission: commissionLedger.amount,
    })
    .from(commissionLedger)
    .innerJoin(contracts, eq(contracts.id, commissionLedger.contractId))
    .innerJoin(financingRequests, eq(financingRequests.id, contracts.requestId))
    .innerJoin(companies, eq(companies.id, financingRequests.companyId))
    .where(and(eq(commissionLedger.lenderId, lenderId), gte(commissionLedger.bookedOn, fromDate), lt(commissionLedger.bookedOn, toDate)))
    .orderBy(asc(commissionLedger.bookedOn), asc(contracts.number));
  const total = rows.reduce((sum, r) => sum.plus(r.commission), new Decimal(0)).toFixed(2);
  const volume = rows.reduce((sum, r) => sum.plus(r.financedAmount), new Decimal(0)).toFixed(2);
  return { lenderId, lenderName: lender.name, demo: lender.demo, month, entries: rows, total, volume };
}

type Statement = Awaited<ReturnType<typeof monthlyStatement>>;

/** CSV for the lender's accounting: semicolon-separated, decimal point, UTF-8 with BOM for spreadsheet apps. */
export function statementCsv(s: Statement): string {
  const q = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['Buchungsdatum;Vertrag;Kreditnehmer;Finanzierungsbetrag;Provision'];
  for (const e of s.entries) lines.push([e.bookedOn, e.contractNumber, q(e.companyName), e.financedAmount, e.commission].join(';'));
  lines.push(`Summe;;;${s.volume};${s.total}`);
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

const eur = (v: string) => `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(Number(v))} €`;

/** A one-page (or more) PDF statement with the same content. */
export async function statementPdf(s: Statement): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Provisionsabrechnung ${s.month} – ${toWinAnsi(s.lenderName)}`);
  doc.setCreationDate(new Date(`${s.month}-01T00:00:00Z`));
  doc.setModificationDate(new Date(`${s.month}-01T00:00:00Z`));
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  let page = doc.addPage([595, 842]);
  let y = 790;
  const text = (str: string, x: number, size = 10, f = font) => page.drawText(toWinAnsi(str), { x, y, size, font: f, color: rgb(0.1, 0.15, 0.2) });
  const right = (str: string, xRight: number, size = 10, f = font) => text(str, xRight - f.widthOfTextAtSize(toWinAnsi(str), size), size, f);
  text('Kreditplatz – Provisionsabrechnung', 50, 16, bold);
  y -= 24;
  text(`Finanzierungspartner: ${s.lenderName}${s.demo ? ' (Demo-Daten)' : ''}`, 50, 11);
  y -= 16;
  text(`Abrechnungsmonat: ${s.month.slice(5)}/${s.month.slice(0, 4)} (Vertragsunterzeichnung, Europe/Berlin)`, 50, 11);
  y -= 30;
  const header = () => {
    text('Datum', 50, 10, bold);
    text('Vertrag', 120, 10, bold);
    text('Kreditnehmer', 230, 10, bold);
    right('Betrag', 470, 10, bold);
    right('Provision', 545, 10, bold);
    y -= 16;
  };
  header();
  for (const e of s.entries) {
    if (y < 80) {
      page = doc.addPage([595, 842]);
      y = 790;
      header();
    }
    text(e.bookedOn.split('-').reverse().join('.'), 50);
    text(e.contractNumber, 120);
    text(e.companyName.length > 40 ? `${e.companyName.slice(0, 39)}…` : e.companyName, 230);
    right(eur(e.financedAmount), 470);
    right(eur(e.commission), 545);
    y -= 14;
  }
  if (s.entries.length === 0) {
    text('Keine unterschriebenen Verträge in diesem Monat.', 50);
    y -= 14;
  }
  y -= 8;
  text('Summe', 50, 11, bold);
  right(eur(s.volume), 470, 11, bold);
  right(eur(s.total), 545, 11, bold);
  return doc.save();
}
