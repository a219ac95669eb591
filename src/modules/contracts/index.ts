export { contracts, contractSignatures, commissionLedger } from './schema.js';
export {
  acceptOffer,
  signAsBorrower,
  signAsLender,
  contractIdOfRequest,
  CONTRACT_AWAITS_LENDER_QUEUE,
  type SignatureProvider,
} from './contracts.service.js';
export { contractRoutes } from './routes.js';
export * from './pdf/index.js';
