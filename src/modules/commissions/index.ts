export { getCommissionRule, setCommissionRule, monthlyStatement, statementCsv, statementPdf } from './commissions.service.js';
export { commissionRoutes } from './routes.js';
