/**
 * The platform's business vocabulary — products, legal forms, lender types, federal states, credit-policy
 * criteria — taken from the server's module itself (it has no imports), so the web app's choices can never
 * drift from what the API takes.
 * Products are listed in the order the borrower sees them.
 */
export {
  FEDERAL_STATES,
  LEGAL_FORMS,
  LENDER_TYPES,
  POLICY_CRITERIA,
  PRODUCTS,
  type FederalState,
  type LegalForm,
  type LenderType,
  type Product,
} from '../../src/modules/vocabulary/index';
