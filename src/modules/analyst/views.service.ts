import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../platform/db/database.js';
import { writeAudit, type Actor } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/http/app-error.js';
import { ANALYST_VIEWS, findView, type AnalystView, type ColumnType } from './catalogue.js';
import { csvHeader, csvLine, type CsvFormat, type ViewRow } from './csv.js';

/** The catalogue as the API serves it. */
export function listViews() {
  return ANALYST_VIEWS.map((v) => ({
    name: v.name,
    description: v.description,
    columns: v.columns.map((c) => ({ name: c.name, type: c.type, description: c.description })),
  }));
}

/** The catalogue entry of a view the caller named, or 404: names never reach SQL unless catalogued. */
export function viewOrNotFound(name: string): AnalystView {
  const view = findView(name);
  if (!view) throw AppError.notFound(`Analysesicht „${name}“`);
  return view;
}

/**
 * The SQL that reads a column as the API hands it out, the same on PGlite and node-postgres whatever the
 * session's time zone or date style: decimals and big ids as exact text, times as ISO 8601 in UTC.
 */
function columnExpression(name: string, type: ColumnType): SQL {
  const c = sql`v.${sql.identifier(name)}`;
  switch (type) {
    case 'timestamp':
      return sql`to_char(${c} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    case 'date':
      return sql`to_char(${c}, 'YYYY-MM-DD')`;
    case 'integer':
    case 'boolean':
      return c;
    default:
      return sql`${c}::text`;
  }
}

function selectRows(view: AnalystView, limit: number, offset: number): SQL {
  const columns = sql.join(
    view.columns.map((c) => sql`${columnExpression(c.name, c.type)} as ${sql.identifier(c.name)}`),
    sql`, `,
  );
  // Qualified with the view's alias, so ordering uses the column's own type, not the text it is shown as.
  const order = sql.join(
    view.orderBy.map((c) => sql`v.${sql.identifier(c)}`),
    sql`, `,
  );
  return sql`select ${columns} from ${sql.identifier('analyst')}.${sql.identifier(view.name)} v order by ${order} limit ${limit} offset ${offset}`;
}

async function rowsOf(db: Executor, query: SQL): Promise<ViewRow[]> {
  const result = (await db.execute(query)) as unknown as { rows: ViewRow[] };
  return result.rows;
}

/** One page of a view, for the preview: rows in the view's stable order, and the total row count. */
export async function readView(db: Executor, name: string, limit: number, offset: number) {
  const view = viewOrNotFound(name);
  const rows = await rowsOf(db, selectRows(view, limit, offset));
  const [{ total }] = await rowsOf(db, sql`select count(*)::integer as total from ${sql.identifier('analyst')}.${sql.identifier(view.name)}`);
  return { name: view.name, columns: view.columns.map((c) => c.name), total: Number(total), limit, offset, rows };
}

/** Rows per query of an export: large enough to be quick, small enough to keep memory flat. */
export const EXPORT_PAGE_SIZE = 2000;

/**
 * A whole view as CSV, produced page by page so memory stays flat however large the view is. When the
 * stream ends — completely or because the client went away — the export is written to the audit log
 * with who, which view, the format and the number of rows sent.
 * Pages are separate queries: rows written while an export runs may or may not be in it.
 */
export async function* exportView(database: Database, name: string, format: CsvFormat, actor: Actor, pageSize = EXPORT_PAGE_SIZE): AsyncGenerator<string> {
  const view = viewOrNotFound(name);
  let rows = 0;
  let complete = false;
  try {
    yield csvHeader(view, format);
    for (let offset = 0; ; offset += pageSize) {
      const page = await rowsOf(database.db, selectRows(view, pageSize, offset));
      rows += page.length;
      if (page.length > 0) yield page.map((r) => csvLine(view, r, format)).join('');
      if (page.length < pageSize) break;
    }
    complete = true;
  } finally {
    await writeAudit(database.db, actor, {
      action: 'analyst_view.exported',
      entityType: 'analyst_view',
      entityId: view.name,
      after: { format, rows, complete },
    });
  }
}
