export { financingRequests, requestHistory, PRODUCTS, type Product, type FinancingRequestRow } from './schema.js';
export { REQUEST_STATUSES, type RequestStatus, checkTransition, allowedNext, TRANSITIONS } from './lifecycle.js';
export { requestRoutes } from './routes.js';
export {
  transition,
  getRequest,
  createRequest,
  submitRequest,
  loadRequestWithCompany,
  assertRequestVisible,
  lockRequest,
  type AfterSubmit,
} from './requests.service.js';
export { ZCreateRequestSchema } from './requests.types.js';
