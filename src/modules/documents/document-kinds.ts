/**
 * The kinds of documents a credit decision in German SME lending rests on. German terms are explained
 * here once; the UI shows its own translated labels, the API answers German labels in the checklist.
 */
export const DOCUMENT_KINDS = [
  /** Jahresabschluss: balance sheet and P&L of one fiscal year (HGB), the basis of every rating. */
  'annual_statement',
  /** Betriebswirtschaftliche Auswertung: the monthly/quarterly management report from the accounts (DATEV). */
  'bwa',
  /** Summen- und Saldenliste: trial balance, usually handed in with the BWA. */
  'susa',
  /** Steuerbescheid: tax assessment notice, mainly for partnerships and sole traders. */
  'tax_assessment',
  /** Kontoauszüge: bank statements of the business accounts. */
  'bank_statement',
  /** Investitionsangebot / Kaufvertrag: supplier's offer or purchase contract for the financed asset. */
  'asset_offer',
  /** Offene-Posten-Liste (Debitorenliste): open receivables, the basis of factoring. */
  'debtor_list',
  /** Objektunterlagen: land register extract, site plan, valuation, rent roll of a property. */
  'property_docs',
  /** Businessplan / Vorhabensbeschreibung: plan and forecast, for start-ups, mezzanine and promotional loans. */
  'business_plan',
  /** Ausweisdokument: identity document of the managing director (know-your-customer, GwG). */
  'id_document',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  annual_statement: 'Jahresabschluss',
  bwa: 'BWA (Betriebswirtschaftliche Auswertung)',
  susa: 'Summen- und Saldenliste',
  tax_assessment: 'Steuerbescheid',
  bank_statement: 'Kontoauszüge',
  asset_offer: 'Investitionsangebot / Kaufvertrag',
  debtor_list: 'Offene-Posten-Liste (Debitoren)',
  property_docs: 'Objektunterlagen',
  business_plan: 'Businessplan',
  id_document: 'Ausweisdokument',
  other: 'Sonstiges Dokument',
};

/** Kinds that belong to one fiscal year: the upload must name it. */
export const KINDS_WITH_FISCAL_YEAR: readonly DocumentKind[] = ['annual_statement', 'tax_assessment'];
