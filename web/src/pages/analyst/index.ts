export { AnalystViews } from './AnalystViews';
