/**
 * Anything that runs SQL: the pool, or an open transaction. query() ALWAYS returns the rows array
 * (also for INSERT ... RETURNING / UPDATE ... RETURNING); use `execute()` when you need the affected
 * row count.
 */
export interface SqlRunner {
  query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]>;
  execute(sql: string, params?: unknown[]): Promise<{ rowCount: number }>;
}

/** The part of a pg `Pool` / `PoolClient` we use. */
export interface PgQueryable {
  query(config: { text: string; values?: unknown[]; name?: string }): Promise<{ rows: unknown[]; rowCount: number | null; command: string }>;
}

/** A statement the event store runs often: prepared once per connection under `name`. */
export interface PreparedStatement {
  name: string;
  text: string;
}

/** SqlRunner over node-postgres; also runs prepared statements for the store's hot paths. */
export class PgSqlRunner implements SqlRunner {
  constructor(private readonly pg: PgQueryable) {}

  async query<R = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<R[]> {
    const result = await this.pg.query({ text: sql, values: params });
    return result.rows as R[];
  }

  async execute(sql: string, params?: unknown[]): Promise<{ rowCount: number }> {
    const result = await this.pg.query({ text: sql, values: params });
    return { rowCount: result.rowCount ?? 0 };
  }

  async run<R>(statement: PreparedStatement, params: unknown[]): Promise<R[]> {
    const result = await this.pg.query({ name: statement.name, text: statement.text, values: params });
    return result.rows as R[];
  }
}

/** A runner inside an EventStore transaction; remembers whether it appended, to signal after commit. */
export class TransactionRunner extends PgSqlRunner {
  appendedEvents = false;
}

/** Runs a store statement: prepared when the runner is ours, plain text otherwise. */
export function runStatement<R>(runner: SqlRunner, statement: PreparedStatement, params: unknown[]): Promise<R[]> {
  return runner instanceof PgSqlRunner ? runner.run<R>(statement, params) : runner.query<R>(statement.text, params);
}
