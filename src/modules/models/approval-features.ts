/**
 * Features of the approval model: for one (financing request, lender) pair, what the platform knows
 * when it ranks the lender — the request, the company, its rating, the lender's identity and type and
 * how the lender's policy fits (the ranking's score parts). The lenders' hidden traits are not
 * features; the model can only learn them through the lender id and type.
 *
 * The same row builder serves training (from stored history) and prediction (in matching), so the two
 * cannot drift apart.
 */
import type { RawValue } from '../analytics/index.js';
import { wzSectionOf, type ScoreParts } from '../matching/index.js';

/** Columns in model order. Changing them needs a new model (the registry records them per model). */
export const APPROVAL_COLUMNS = [
  'lender_id',
  'lender_type',
  'product',
  'amount',
  'term_months',
  'amount_to_revenue',
  'company_age_years',
  'annual_revenue',
  'legal_form',
  'industry_section',
  'federal_state',
  'rating_class',
  'specialisation',
  'regional_fit',
  'volume_room',
] as const;
export type ApprovalColumn = (typeof APPROVAL_COLUMNS)[number];

/** German labels of the columns, for explanations shown to advisors. */
export const APPROVAL_COLUMN_LABELS: Readonly<Record<ApprovalColumn, { de: string; en: string }>> = {
  lender_id: { de: 'Bisheriges Verhalten dieses Finanzierungspartners', en: 'This lender’s past behaviour' },
  lender_type: { de: 'Art des Finanzierungspartners', en: 'Type of lender' },
  product: { de: 'Produkt', en: 'Product' },
  amount: { de: 'Betrag', en: 'Amount' },
  term_months: { de: 'Laufzeit', en: 'Term' },
  amount_to_revenue: { de: 'Betrag im Verhältnis zum Umsatz', en: 'Amount relative to revenue' },
  company_age_years: { de: 'Alter des Unternehmens', en: 'Age of the company' },
  annual_revenue: { de: 'Jahresumsatz', en: 'Annual revenue' },
  legal_form: { de: 'Rechtsform', en: 'Legal form' },
  industry_section: { de: 'Branche (WZ-Abschnitt)', en: 'Industry (WZ section)' },
  federal_state: { de: 'Bundesland', en: 'Federal state' },
  rating_class: { de: 'Ratingklasse', en: 'Rating class' },
  specialisation: { de: 'Spezialisierung des Partners auf die Anfrage', en: 'Lender’s specialisation in the request' },
  regional_fit: { de: 'Regionale Passung', en: 'Regional fit' },
  volume_room: { de: 'Freies Monatsvolumen des Partners', en: 'Lender’s free monthly volume' },
};

/** One (request, lender) pair as the model sees it. */
export interface ApprovalCase {
  lenderId: string;
  lenderType: string;
  product: string;
  /** Decimal EUR. */
  amount: string;
  termMonths: number;
  /** Decimal EUR. */
  annualRevenue: string;
  /** YYYY-MM-DD. */
  foundedOn: string;
  /** The business date of the match (YYYY-MM-DD): the company's age is measured to it. */
  matchedOn: string;
  legalForm: string;
  industryCode: string;
  federalState: string;
  /** 1 best … 10 worst; null without statements. */
  ratingClass: number | null;
  scoreParts: ScoreParts;
}

const YEAR_MS = 365.25 * 86_400_000;

/** The model row of a pair (values in the order of APPROVAL_COLUMNS); `out` is reused when given. */
export function approvalRow(c: ApprovalCase, out: RawValue[] = new Array<RawValue>(APPROVAL_COLUMNS.length)): RawValue[] {
  const amount = Number(c.amount);
  const revenue = Number(c.annualRevenue);
  out[0] = c.lenderId;
  out[1] = c.lenderType;
  out[2] = c.product;
  out[3] = amount;
  out[4] = c.termMonths;
  out[5] = revenue > 0 ? amount / revenue : null;
  out[6] = Math.max(0, (Date.parse(c.matchedOn) - Date.parse(c.foundedOn)) / YEAR_MS);
  out[7] = revenue;
  out[8] = c.legalForm;
  out[9] = wzSectionOf(c.industryCode);
  out[10] = c.federalState;
  out[11] = c.ratingClass;
  out[12] = c.scoreParts.specialisation;
  out[13] = c.scoreParts.regionalFit;
  out[14] = c.scoreParts.volumeRoom;
  return out;
}
