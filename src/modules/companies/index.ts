export { companies, LEGAL_FORMS, type LegalForm, type CompanyRow } from './schema.js';
export { companyRoutes } from './routes.js';
export { findVisibleCompany, canSeeCompany, toCompany, createCompany } from './companies.service.js';
export { FEDERAL_STATES, federalStateOfPostalCode, type FederalState } from './federal-states.js';
export { findIndustryCode, industryCodes, type IndustryCode } from './industry-codes.js';
export { ZCreateCompanySchema, type TCompany, type TCreateCompany } from './companies.types.js';
