import { Injectable } from '@nestjs/common';
import { EventStore, type SqlRunner } from '@retrace/event-store';
import type { OperationRecord, OperationStatus } from './operation-record';

interface OperationRow {
  id: string;
  action: OperationRecord['action'];
  params: OperationRecord['params'];
  selector: Record<string, unknown>;
  reason: string;
  actor: string;
  status: OperationStatus;
  max_in_flight: number;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const toRecord = (r: OperationRow): OperationRecord => ({
  id: r.id,
  action: r.action,
  params: r.params,
  selector: {
    ...r.selector,
    ...(typeof r.selector.from === 'string' ? { from: new Date(r.selector.from) } : {}),
    ...(typeof r.selector.to === 'string' ? { to: new Date(r.selector.to) } : {}),
  },
  reason: r.reason,
  actor: r.actor,
  status: r.status,
  maxInFlight: r.max_in_flight,
  total: r.total,
  succeeded: r.succeeded,
  failed: r.failed,
  skipped: r.skipped,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

/** The `operations` and `operation_items` read models. */
@Injectable()
export class OperationRepository {
  constructor(private readonly store: EventStore) {}

  async find(id: string, tx: SqlRunner = this.store.sql): Promise<OperationRecord | null> {
    const [row] = await tx.query<OperationRow>(`SELECT * FROM operations WHERE id = $1`, [id]);
    return row ? toRecord(row) : null;
  }

  /**
   * Leases to `owner` for `ms` every running or cancelling operation that no other replica holds
   * (or whose lease ran out), renewing the ones it holds; answers them.
   */
  async lease(owner: string, ms: number): Promise<OperationRecord[]> {
    const rows = await this.store.sql.query<OperationRow>(
      `UPDATE operations SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM operations WHERE status IN ('running', 'cancelling')
                       AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $1)
                     FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [owner, ms],
    );
    return rows.map(toRecord);
  }

  async list(limit: number): Promise<OperationRecord[]> {
    const rows = await this.store.sql.query<OperationRow>(`SELECT * FROM operations ORDER BY created_at DESC LIMIT $1`, [limit]);
    return rows.map(toRecord);
  }

  async insert(tx: SqlRunner, op: Omit<OperationRecord, 'succeeded' | 'failed' | 'skipped' | 'createdAt' | 'updatedAt' | 'finishedAt'>, ids: string[]) {
    await tx.query(
      `INSERT INTO operations (id, action, params, selector, reason, actor, status, max_in_flight, total)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [op.id, op.action, JSON.stringify(op.params), JSON.stringify(op.selector), op.reason, op.actor, op.status, op.maxInFlight, op.total],
    );
    await tx.query(
      `INSERT INTO operation_items (operation_id, seq, message_id)
       SELECT $1, ordinality, id FROM unnest($2::text[]) WITH ORDINALITY AS t(id, ordinality)`,
      [op.id, ids],
    );
  }

  /** Moves `running` to `cancelling`; false when the operation was not running. */
  async requestCancel(tx: SqlRunner, id: string): Promise<boolean> {
    const { rowCount } = await tx.execute(
      `UPDATE operations SET status = 'cancelling', updated_at = now() WHERE id = $1 AND status = 'running'`,
      [id],
    );
    return rowCount === 1;
  }
}
