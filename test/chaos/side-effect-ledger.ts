import { Pool } from 'pg';

/** One side effect as the step handlers recorded it: one row per idempotency key. */
export interface LedgerRow {
  key: string;
  messageId: string;
  runId: string;
  step: string;
  kind: string;
  /** How many times a handler applied it under this key (redeliveries deduped by the key). */
  applications: number;
}

/**
 * The services' side effects, kept in the machine's PostgreSQL (a schema of the run's own), which
 * no fault touches: the step handlers upsert into it, the audit reads it at the end.
 */
export class SideEffectLedger {
  private readonly pool: Pool;

  constructor(url: string, private readonly schema: string) {
    this.pool = new Pool({ connectionString: url, max: 8, options: `-c search_path=${schema}` });
    this.pool.on('error', (error) => console.error(`side-effect ledger: ${error.message}`));
  }

  async create(): Promise<void> {
    await this.pool.query(`CREATE TABLE IF NOT EXISTS ${this.schema}.side_effects (
      key text PRIMARY KEY, message_id text NOT NULL, run_id text NOT NULL, step text NOT NULL, kind text NOT NULL,
      applications int NOT NULL, first_applied_at timestamptz NOT NULL DEFAULT now(), last_applied_at timestamptz NOT NULL DEFAULT now())`);
  }

  /** What a handler does: the effect happens once per key; a redelivery only counts. */
  async apply(e: Omit<LedgerRow, 'applications'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO side_effects (key, message_id, run_id, step, kind, applications) VALUES ($1, $2, $3, $4, $5, 1)
       ON CONFLICT (key) DO UPDATE SET applications = side_effects.applications + 1, last_applied_at = now()`,
      [e.key, e.messageId, e.runId, e.step, e.kind],
    );
  }

  async rows(): Promise<LedgerRow[]> {
    const { rows } = await this.pool.query<LedgerRow>(
      `SELECT key, message_id AS "messageId", run_id AS "runId", step, kind, applications FROM side_effects ORDER BY first_applied_at`,
    );
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
