import { getTableColumns, getTableName, sql, type SQL, type Table } from 'drizzle-orm';

/**
 * Rows carried as JSON inside one statement, for writes the database chooses among: the statement
 * picks one of several prepared alternatives (queue/call-claim.ts) and writes that one's rows with
 * `jsonb_populate_record`, so the rows are still built in TypeScript, by the same functions as any
 * other write, and nothing about their shape is written twice.
 */

/**
 * A row as `insert(table).values(values)` would write it, keyed by column name (its keys are the
 * column list for `insertJsonRow`), with values as PostgreSQL reads them back from JSON: dates as
 * ISO strings, jsonb columns as the value itself (JSON null becomes SQL NULL, as drizzle writes it).
 */
export function jsonRow<T extends Table>(table: T, values: Partial<T['$inferInsert']>): Record<string, unknown> {
  const columns = getTableColumns(table) as Record<string, { name: string; columnType: string }>;
  const row: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    const column = columns[key];
    if (!column) throw new Error(`${getTableName(table)} has no column ${key}`);
    row[column.name] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return row;
}

/** `insert into <table> (<columns>) select <columns> from jsonb_populate_record(null::<table>, <json>) where <json> is not null` */
export function insertJsonRow(table: Table, columns: string[], json: SQL): SQL {
  const name = sql.identifier(getTableName(table));
  const list = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  return sql`insert into ${name} (${list}) select ${list} from jsonb_populate_record(null::${name}, ${json}) where ${json} is not null`;
}

/** `update <table> set (<columns>) = (select <columns> from jsonb_populate_record(null::<table>, <json>))`, without its WHERE. */
export function updateFromJsonRow(table: Table, columns: string[], json: SQL): SQL {
  const name = sql.identifier(getTableName(table));
  const list = sql.join(
    columns.map((c) => sql.identifier(c)),
    sql`, `,
  );
  return sql`update ${name} set (${list}) = (select ${list} from jsonb_populate_record(null::${name}, ${json}))`;
}
