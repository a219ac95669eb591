export { lenders, creditPolicies, lenderUsers, lenderApiKeys, commissionRules, type LenderRow } from './schema.js';
export { lenderRoutes } from './routes.js';
export { activeLendersWithPolicies, insertLender, addLenderUser, lenderIdOfUser, slug } from './lenders.service.js';
export { lenderPrincipal, createApiKey, listApiKeys, revokeApiKey, setWebhook, getWebhook, type LenderPrincipal } from './api-keys.js';
export type { TLender, TCreateLender } from './lenders.types.js';
