export { offers, OFFER_STATUSES, type OfferRow, type OfferStatus } from './schema.js';
export { createOffer, listOffers, offersView, findVisibleOffer, offerFigures, scheduleInputOf, OFFER_RECEIVED_QUEUE } from './offers.service.js';
export { commissionFor, DEFAULT_COMMISSION_RULE, type CommissionRule } from './commission.js';
export { offerRoutes } from './routes.js';
export { ZCreateOfferSchema, ZOfferSchema } from './offers.types.js';
export type { TOffer, TCreateOffer } from './offers.types.js';
