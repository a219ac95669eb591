export { advisorTasks } from './schema.js';
export { openTask, listTasks, type TaskKind } from './tasks.service.js';
export { advisoryRoutes } from './routes.js';
