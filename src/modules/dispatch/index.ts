// First: a pure module without imports, so its values are ready even for modules reached through an import cycle.
export { isAwarded, LENDER_REQUEST_STATUSES, requestStatusForLender, type LenderRequestStatus } from './lender-view.js';
export { dispatches, DISPATCH_STATUSES, type DispatchRow, type DispatchStatus } from './schema.js';
export {
  scheduleDispatch,
  runDispatch,
  DISPATCH_QUEUE,
  LENDER_DISPATCHED_QUEUE,
  dispatchForLender,
  listForLender,
  detailForLender,
  declineRequest,
  markResponded,
  afterResponse,
  listDispatchesOfRequest,
} from './dispatch.service.js';
export { dispatchRoutes, ZDispatchSchema } from './routes.js';
