export { consents, CONSENT_KINDS, type ConsentKind } from './schema.js';
export { consentRoutes } from './routes.js';
export { currentConsents, putConsents, getConsents } from './consents.service.js';
export { CONSENT_TEXTS } from './consent-texts.js';
