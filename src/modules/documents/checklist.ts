import type { Product } from '../requests/index.js';
import { DOCUMENT_KIND_LABELS, type DocumentKind } from './document-kinds.js';

/**
 * Which documents a product needs, following common German SME credit practice (the "Unterlagen-
 * checkliste" of a Hausbank). Pure: no I/O, today's Berlin date is an input.
 *
 * - Annual statements (Jahresabschlüsse) of the latest closed fiscal years. A fiscal year counts as
 *   closed six months after its end (§ 264 (1) HGB gives small companies six months to draw up the
 *   statement), so until 30 June the year before last is the latest one expected; an earlier upload of
 *   a newer year moves the window forward. Years before the company's founding are not asked for; a
 *   company too young for them hands in a business plan instead.
 * - A current BWA (and SuSa) is at most three months old, a debtor list (OP-Liste) at most one month;
 *   a document's age is measured from its `asOf` date or, without one, from its upload day.
 */
export interface Requirement {
  kind: DocumentKind;
  required: boolean;
  /** Annual statements: how many of the latest fiscal years. */
  years?: number;
  /** At most this many months old. */
  maxAgeMonths?: number;
}

const annual = (years: number, required = true): Requirement => ({ kind: 'annual_statement', required, years });
const currentBwa = (required = true): Requirement => ({ kind: 'bwa', required, maxAgeMonths: 3 });
const currentSusa: Requirement = { kind: 'susa', required: false, maxAgeMonths: 3 };
const idDocument: Requirement = { kind: 'id_document', required: false };

export const PRODUCT_REQUIREMENTS: Record<Product, readonly Requirement[]> = {
  // Investitionskredit: two years of figures, a current BWA and the offer for what is financed.
  investment_loan: [annual(2), currentBwa(), { kind: 'asset_offer', required: true }, currentSusa, idDocument],
  // Betriebsmittelkredit: the last statement, a current BWA; recent account statements help.
  working_capital_loan: [annual(1), currentBwa(), currentSusa, { kind: 'bank_statement', required: false, maxAgeMonths: 3 }, idDocument],
  // Immobilienfinanzierung: the property's documents and the last statement.
  real_estate_loan: [{ kind: 'property_docs', required: true }, annual(1), currentBwa(false), idDocument],
  // Leasing: the supplier's offer for the object; figures help above small tickets.
  leasing: [{ kind: 'asset_offer', required: true }, annual(1, false), currentBwa(false), idDocument],
  // Factoring: a current list of open receivables and the last statement.
  factoring: [{ kind: 'debtor_list', required: true, maxAgeMonths: 1 }, annual(1), currentBwa(false), idDocument],
  // Einkaufsfinanzierung: the last statement and a current BWA; supplier offers help.
  purchase_financing: [annual(1), currentBwa(), { kind: 'asset_offer', required: false }, idDocument],
  // Mezzanine: two years of figures, a current BWA and a business plan with the forecast.
  mezzanine: [annual(2), currentBwa(), { kind: 'business_plan', required: true }, currentSusa, idDocument],
  // Förderkredit: like an investment loan, with the plan the promotional bank asks for.
  promotional_loan: [annual(2), currentBwa(), { kind: 'business_plan', required: true }, idDocument],
};

export interface ChecklistDocument {
  id: string;
  kind: DocumentKind;
  fiscalYear: number | null;
  /** YYYY-MM-DD the document refers to, if given. */
  asOf: string | null;
  /** YYYY-MM-DD (Berlin) it was uploaded. */
  uploadedOn: string;
}

export interface ChecklistItem {
  kind: DocumentKind;
  label: string;
  fiscalYear?: number;
  maxAgeMonths?: number;
  /** Set when the item stands in for another, e.g. a business plan for annual statements a young company cannot have. */
  replaces?: DocumentKind;
  required: boolean;
  satisfied: boolean;
  documentIds: string[];
}

export interface ChecklistInput {
  product: Product;
  documents: readonly ChecklistDocument[];
  /** Today in Berlin, YYYY-MM-DD. */
  today: string;
  /** The company's founding date, YYYY-MM-DD. */
  foundedOn?: string;
}

/** The latest fiscal year whose statement can be expected on `today` (calendar fiscal years). */
export function latestExpectedFiscalYear(today: string): number {
  const [y, m] = today.split('-').map(Number);
  return m >= 7 ? y - 1 : y - 2;
}

/** `date` minus `months` calendar months, the day clamped to the month's length (31 May − 3 → 28/29 Feb). */
export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

function label(kind: DocumentKind, fiscalYear?: number, maxAgeMonths?: number): string {
  let s = DOCUMENT_KIND_LABELS[kind];
  if (fiscalYear !== undefined) s += ` ${fiscalYear}`;
  if (maxAgeMonths !== undefined) s += ` (nicht älter als ${maxAgeMonths === 1 ? 'einen Monat' : `${maxAgeMonths} Monate`})`;
  return s;
}

/** The checklist of a request: every requirement of its product with the documents that meet it, and what is missing. */
export function documentChecklist(input: ChecklistInput): { checklist: ChecklistItem[]; missing: ChecklistItem[] } {
  const { documents, today } = input;
  const foundingYear = input.foundedOn ? Number(input.foundedOn.slice(0, 4)) : undefined;
  const currentYear = Number(today.slice(0, 4));
  const items: ChecklistItem[] = [];
  let needsBusinessPlan = false;

  for (const req of PRODUCT_REQUIREMENTS[input.product]) {
    const ofKind = documents.filter((d) => d.kind === req.kind);
    if (req.kind === 'annual_statement' && req.years) {
      const uploadedYears = ofKind.map((d) => d.fiscalYear).filter((y): y is number => y !== null && y < currentYear);
      const anchor = Math.max(latestExpectedFiscalYear(today), ...uploadedYears);
      for (let year = anchor; year > anchor - req.years; year--) {
        if (foundingYear !== undefined && year < foundingYear) {
          if (req.required) needsBusinessPlan = true;
          continue;
        }
        const ids = ofKind.filter((d) => d.fiscalYear === year).map((d) => d.id);
        items.push({ kind: req.kind, label: label(req.kind, year), fiscalYear: year, required: req.required, satisfied: ids.length > 0, documentIds: ids });
      }
      continue;
    }
    const cutoff = req.maxAgeMonths !== undefined ? monthsBefore(today, req.maxAgeMonths) : undefined;
    const ids = ofKind.filter((d) => cutoff === undefined || (d.asOf ?? d.uploadedOn) >= cutoff).map((d) => d.id);
    items.push({
      kind: req.kind,
      label: label(req.kind, undefined, req.maxAgeMonths),
      ...(req.maxAgeMonths !== undefined ? { maxAgeMonths: req.maxAgeMonths } : {}),
      required: req.required,
      satisfied: ids.length > 0,
      documentIds: ids,
    });
  }

  if (needsBusinessPlan) {
    const plan = items.find((i) => i.kind === 'business_plan');
    if (plan) plan.required = true;
    else {
      const ids = documents.filter((d) => d.kind === 'business_plan').map((d) => d.id);
      items.push({
        kind: 'business_plan',
        label: `${label('business_plan')} (statt fehlender Jahresabschlüsse)`,
        replaces: 'annual_statement',
        required: true,
        satisfied: ids.length > 0,
        documentIds: ids,
      });
    }
  }
  return { checklist: items, missing: items.filter((i) => i.required && !i.satisfied) };
}
