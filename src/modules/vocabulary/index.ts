/**
 * The platform's shared business vocabulary: value lists several modules use (tables, API schemas, the
 * matching engine, the assessment). One place, no imports, so any module — including a schema.ts that
 * defines a table with them — can use it without an import cycle.
 */

/** Financing products a borrower can ask for. */
export const PRODUCTS = [
  'working_capital_loan',
  'investment_loan',
  'real_estate_loan',
  'leasing',
  'factoring',
  'purchase_financing',
  'mezzanine',
  'promotional_loan',
] as const;
export type Product = (typeof PRODUCTS)[number];

/** German legal forms of a borrowing company ("freelancer" = Freiberufler). */
export const LEGAL_FORMS = [
  'GmbH',
  'UG',
  'AG',
  'KG',
  'GmbH & Co. KG',
  'OHG',
  'GbR',
  'e.K.',
  'Einzelunternehmen',
  'eG',
  'PartG',
  'freelancer',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** Kinds of lender on the marketplace. */
export const LENDER_TYPES = [
  'savings_bank',
  'cooperative_bank',
  'private_bank',
  'direct_bank',
  'promotional_bank',
  'leasing',
  'factoring',
  'fintech_lender',
  'debt_fund',
] as const;
export type LenderType = (typeof LENDER_TYPES)[number];

/** The 16 German federal states by their ISO 3166-2:DE suffix ("BY" for DE-BY). */
export const FEDERAL_STATES = [
  'BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH',
] as const;
export type FederalState = (typeof FEDERAL_STATES)[number];

/** The credit-policy criteria by their policy key, in the order reasons are listed and the policy form shows them. */
export const POLICY_CRITERIA = [
  'products',
  'amount',
  'termMonths',
  'federalStates',
  'postalCodePrefixes',
  'industries',
  'legalForms',
  'minYearsInBusiness',
  'minAnnualRevenue',
  'maxAmountToRevenue',
  'worstRatingClass',
  'monthlyVolumeCap',
] as const;
export type PolicyCriterion = (typeof POLICY_CRITERIA)[number];
