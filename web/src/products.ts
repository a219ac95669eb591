import type { components } from './api/schema';

export type Product = components['schemas']['FinancingRequest']['product'];

/** The financing products in the order the borrower sees them. */
export const PRODUCTS: Product[] = [
  'working_capital_loan',
  'investment_loan',
  'real_estate_loan',
  'leasing',
  'factoring',
  'purchase_financing',
  'mezzanine',
  'promotional_loan',
];
