export { lenders, creditPolicies, lenderUsers, type LenderRow } from './schema.js';
export { lenderRoutes } from './routes.js';
export { activeLendersWithPolicies, insertLender, addLenderUser, lenderIdOfUser, slug } from './lenders.service.js';
export type { TLender, TCreateLender } from './lenders.types.js';
