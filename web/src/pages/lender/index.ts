/** The lender portal: pages for a lender user (role `lender`), mounted under /lender. */
export { LenderContracts } from './LenderContracts';
export { LenderInbox } from './LenderInbox';
export { LenderRequestDetail } from './LenderRequestDetail';
export { LenderSettings } from './LenderSettings';
