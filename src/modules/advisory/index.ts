export { advisorTasks, caseAssignments, caseNotes, requestMessages, advisorRotation } from './schema.js';
export { openTask, listTasks, type TaskKind } from './tasks.service.js';
export { assignRoundRobin } from './assignments.service.js';
export { serviceLevelOf, WAITING_STATUSES, DEFAULT_SERVICE_LEVEL_THRESHOLDS, type ServiceLevel, type ServiceLevelThresholds } from './service-level.js';
export { advisoryRoutes, type AdvisoryHooks } from './routes.js';
