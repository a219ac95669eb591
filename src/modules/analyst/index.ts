export { ANALYST_VIEWS, findView, looksPersonal, type AnalystView, type ViewColumn, type ColumnType } from './catalogue.js';
export { listViews, readView, exportView } from './views.service.js';
export { csvHeader, csvLine, CSV_FORMATS, type CsvFormat } from './csv.js';
export { analystRoutes } from './routes.js';
