import type { SqlRunner } from '@retrace/event-store';
import { shadowTable, type ProjectionTable } from './projection';

/** What a swap changed in one live table: rows the rebuild added, corrected and removed. */
export interface TableChanges {
  inserted: number;
  updated: number;
  deleted: number;
}

const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Creates empty shadows shaped like the live tables (columns, defaults, keys and unique indexes; no
 * foreign keys), unlogged: a crash loses a rebuild, never data. The live tables' other indexes serve
 * their readers; a shadow is only read by key, so it does without them (each one cost every row
 * the rebuild writes an index entry: `messages` has six).
 */
export async function createShadowTables(sql: SqlRunner, tables: readonly ProjectionTable[]): Promise<void> {
  for (const table of tables) {
    const shadow = ident(shadowTable(table.name));
    await sql.query(`DROP TABLE IF EXISTS ${shadow}`);
    await sql.query(`CREATE UNLOGGED TABLE ${shadow} (LIKE ${ident(table.name)} INCLUDING ALL)`);
    const unread = await sql.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
        WHERE i.indrelid = to_regclass($1) AND NOT i.indisunique`,
      [shadow],
    );
    for (const { name } of unread) await sql.query(`DROP INDEX ${ident(name)}`);
    if (table.helperColumns) await sql.query(`ALTER TABLE ${shadow} ADD COLUMN ${table.helperColumns}`);
  }
}

export async function dropShadowTables(sql: SqlRunner, tables: readonly ProjectionTable[]): Promise<void> {
  for (const table of tables) await sql.query(`DROP TABLE IF EXISTS ${ident(shadowTable(table.name))}`);
}

async function liveColumns(sql: SqlRunner, table: string): Promise<string[]> {
  const rows = await sql.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

/**
 * Makes the live tables equal to their shadows, touching only rows that differ, so readers keep
 * reading and the swap's cost follows what the rebuild corrected. Run it in the transaction that
 * holds the live tables locked against writers. Rows go children-first out and parents-first in,
 * so foreign keys hold at every statement.
 */
export async function mergeShadowTables(sql: SqlRunner, tables: readonly ProjectionTable[]): Promise<Record<string, TableChanges>> {
  const changes: Record<string, TableChanges> = {};
  for (const table of tables) changes[table.name] = { inserted: 0, updated: 0, deleted: 0 };
  const match = (table: ProjectionTable) => table.key.map((k) => `s.${ident(k)} = l.${ident(k)}`).join(' AND ');
  for (const table of [...tables].reverse()) {
    const { rowCount } = await sql.execute(
      `DELETE FROM ${ident(table.name)} l WHERE NOT EXISTS (SELECT 1 FROM ${ident(shadowTable(table.name))} s WHERE ${match(table)})`,
    );
    changes[table.name].deleted = rowCount;
  }
  for (const table of tables) {
    const live = ident(table.name);
    const shadow = ident(shadowTable(table.name));
    const all = await liveColumns(sql, table.name);
    const values = all.filter((c) => !(table.keep ?? []).includes(c) && !table.key.includes(c));
    if (values.length > 0) {
      const set = [...values.map((c) => `${ident(c)} = s.${ident(c)}`), ...Object.entries(table.onCorrect ?? {}).map(([c, expr]) => `${ident(c)} = ${expr}`)];
      const { rowCount } = await sql.execute(
        `UPDATE ${live} l SET ${set.join(', ')}
           FROM ${shadow} s
          WHERE ${match(table)} AND (${values.map((c) => `l.${ident(c)}`).join(', ')}, NULL) IS DISTINCT FROM (${values.map((c) => `s.${ident(c)}`).join(', ')}, NULL)`,
      );
      changes[table.name].updated = rowCount;
    }
    const { rowCount } = await sql.execute(
      `INSERT INTO ${live} (${all.map(ident).join(', ')})
       SELECT ${all.map((c) => `s.${ident(c)}`).join(', ')} FROM ${shadow} s
        WHERE NOT EXISTS (SELECT 1 FROM ${live} l WHERE ${match(table)})`,
    );
    changes[table.name].inserted = rowCount;
  }
  return changes;
}
