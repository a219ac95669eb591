/**
 * Market simulator: a seeded, deterministic history of companies, requests, ratings, matches,
 * dispatches and lender answers, stored in the platform's own tables (see README.md).
 */
export { simulateMarket, type SimulationOptions, type SimulatedMarket, type SimLender } from './simulate-market.js';
export {
  runMarketSimulation,
  deleteSimulatedHistory,
  hasSimulatedHistory,
  sandboxLenders,
  currentMonthStart,
  SIMULATION_OWNER_EMAIL,
  type MarketSimulationOptions,
  type MarketSimulationReport,
} from './simulation.service.js';
export { simulationRuns } from './schema.js';
