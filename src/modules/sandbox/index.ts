export { decide, lenderTraits, BASE_RATE, type BehaviourInput, type Decision, type OfferTerms } from './lender-behaviour.js';
export { onLenderDispatched, sandboxDecide, sandboxCountersign, SANDBOX_DECIDE_QUEUE } from './sandbox.jobs.js';
