import { stdnum } from 'stdnum';
import { AppError } from '../../platform/http/app-error.js';
import { federalStateOfPostalCode, type FederalState } from './federal-states.js';
import { findIndustryCode } from './industry-codes.js';

/** Rules that need reference data beyond the schema; each failure names its field. */
export function derivedCompanyFacts(input: { postalCode: string; industryCode: string; vatId?: string }): {
  federalState: FederalState;
  industryLabel: string;
} {
  const federalState = federalStateOfPostalCode(input.postalCode);
  if (!federalState) throw AppError.invalidField('postalCode', `unbekannte Postleitzahl ${input.postalCode}`);
  const industry = findIndustryCode(input.industryCode);
  if (!industry) {
    throw AppError.invalidField('industryCode', `kein WZ-2008-Code: ${input.industryCode} (z. B. "C", "25", "25.62")`);
  }
  // German VAT ids carry an ISO 7064 MOD 11,10 check digit.
  if (input.vatId && !stdnum.DE.vat.validate(input.vatId).isValid) {
    throw AppError.invalidField('vatId', 'Prüfziffer der USt-IdNr. stimmt nicht');
  }
  return { federalState, industryLabel: industry.labelDe };
}
