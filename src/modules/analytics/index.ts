export * from './ml/index.js';
export { serviceLevels } from './service-levels.js';
export { analyticsRoutes } from './routes.js';
