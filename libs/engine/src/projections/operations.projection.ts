import type { SqlRunner } from '@retrace/event-store';
import { operationChanges, type OperationChange } from './operation-changes';
import { shadowTable, type ProjectedEvent, type Projection } from './projection';

const OPS = shadowTable('operations');
const ITEMS = shadowTable('operation_items');
/** The clock of the transaction that appended the event at a position: what the live path wrote as now(). */
const AT = (param: string) => `(SELECT created_at FROM events WHERE position = ${param})`;

type Change<K extends OperationChange['kind']> = Extract<OperationChange, { kind: K }>;

async function applyChange(tx: SqlRunner, change: Exclude<OperationChange, Change<'itemActing'>>): Promise<void> {
  switch (change.kind) {
    case 'created':
      await tx.query(
        `INSERT INTO ${OPS} (id, action, params, selector, reason, actor, status, max_in_flight, total, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'running', $7, $8, ${AT('$9')}, ${AT('$9')})`,
        [change.id, change.action, JSON.stringify(change.params), JSON.stringify(change.selector), change.reason, change.actor, change.maxInFlight, change.total, change.position],
      );
      return;
    case 'itemsSelected':
      await tx.query(
        `INSERT INTO ${ITEMS} (operation_id, seq, message_id, updated_at)
         SELECT $1, r.seq, r.message_id, ${AT('$3')} FROM jsonb_to_recordset($2::jsonb) AS r(seq integer, message_id text)`,
        [change.id, JSON.stringify(change.items.map((i) => ({ seq: i.seq, message_id: i.messageId }))), change.position],
      );
      return;
    case 'cancelRequested':
      await tx.query(`UPDATE ${OPS} SET status = 'cancelling', updated_at = ${AT('$2')} WHERE id = $1 AND status = 'running'`, [change.id, change.position]);
      return;
    case 'itemsSettled':
      await tx.query(
        `UPDATE ${ITEMS} i SET state = s.state, detail = s.detail, updated_at = ${AT('$3')}
           FROM jsonb_to_recordset($2::jsonb) AS s(seq integer, state text, detail text)
          WHERE i.operation_id = $1 AND i.seq = s.seq`,
        [change.id, JSON.stringify(change.items), change.position],
      );
      await tx.query(
        `UPDATE ${OPS} SET succeeded = succeeded + $2, failed = failed + $3, skipped = skipped + $4, updated_at = ${AT('$5')} WHERE id = $1`,
        [change.id, change.counts.succeeded, change.counts.failed, change.counts.skipped, change.position],
      );
      return;
    case 'finished':
      // Counts from the event: the same as the row's, and right for operations recorded before items settled by event.
      await tx.query(
        `UPDATE ${OPS} SET status = $2, succeeded = $3, failed = $4, skipped = $5, updated_at = ${AT('$6')}, finished_at = ${AT('$6')} WHERE id = $1`,
        [change.id, change.status, change.succeeded, change.failed, change.skipped, change.position],
      );
      return;
  }
}

async function markActing(tx: SqlRunner, changes: Change<'itemActing'>[]): Promise<void> {
  await tx.query(
    `UPDATE ${ITEMS} i SET state = 'acting', updated_at = e.created_at
       FROM jsonb_to_recordset($1::jsonb) AS r(operation_id text, message_id text, position bigint)
       JOIN events e ON e.position = r.position
      WHERE i.operation_id = r.operation_id AND i.message_id = r.message_id AND i.state = 'pending'`,
    [JSON.stringify(changes.map((c) => ({ operation_id: c.id, message_id: c.messageId, position: c.position })))],
  );
}

/**
 * `operations` and `operation_items`: from the events on `operation-<id>` (created, items selected,
 * cancel requested, items settled, finished) and the message events an operation caused (which
 * carry `metadata.operationId` and turned the item `acting`). The lease is the runner's and is kept.
 */
export const operationsProjection: Projection = {
  name: 'operations',
  tables: [
    { name: 'operations', key: ['id'], keep: ['lease_owner', 'lease_until'] },
    { name: 'operation_items', key: ['operation_id', 'seq'] },
  ],
  begin: () => ({
    async apply(tx: SqlRunner, events: readonly ProjectedEvent[]): Promise<void> {
      let acting: Change<'itemActing'>[] = [];
      for (const change of operationChanges(events)) {
        if (change.kind === 'itemActing') {
          acting.push(change);
          continue;
        }
        if (acting.length > 0) await markActing(tx, acting);
        acting = [];
        await applyChange(tx, change);
      }
      if (acting.length > 0) await markActing(tx, acting);
    },
  }),
};
