import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { TERMINAL_STATUSES, type MessageStatus } from '@retrace/domain';
import { EventStore, type SqlRunner } from '@retrace/event-store';
import { WorkLoop } from '../background/work-loop';
import { StepWithdrawer } from '../dispatch/step-withdrawer';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { MessageWriter } from '../messages/message-writer';
import {
  countSettled,
  OPERATION_ITEMS_SETTLED,
  settleActingItem,
  type OperationItemsSettledData,
  type SettledItem,
} from '../projections/operation-settlement';
import { actOnItems } from './act-on-items';
import { operationStreamId, type OperationRecord } from './operation-record';
import { OperationRepository } from './operation-repository';

/** Renewed every tick; a replica that dies hands its operations on after this long. */
const LEASE_MS = 10_000;
/** Items acted on in one transaction (their decisions share one statement; `maxInFlight` still caps them). */
const ACT_BATCH = 100;

/**
 * Carries bulk operations forward, on whichever replica holds an operation's lease: settles items
 * whose messages reached a terminal status, starts pending ones while fewer than `maxInFlight` are
 * acting, and finishes the operation when nothing is left. All progress is in PostgreSQL, so a
 * restarted orchestrator resumes where the last one stopped.
 */
@Injectable()
export class OperationRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OperationRunner.name);
  private readonly owner = randomUUID();
  private readonly loop: WorkLoop;
  /** Whether the last tick held an operation: only then does a settled message wake the runner. */
  private holding = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly operations: OperationRepository,
    private readonly writer: MessageWriter,
    private readonly withdrawer: StepWithdrawer,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {
    this.loop = new WorkLoop('operation runner', () => this.tick(), options.operationTickMs, this.logger);
  }

  onApplicationBootstrap(): void {
    if (!this.options.operations) return;
    // A message an operation acts on reached its end: its item settles and frees a slot now.
    this.unsubscribe = this.writer.settled.subscribe(() => {
      if (this.holding) this.loop.wake();
    });
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    await this.loop.stop();
    await this.store.sql.query(`UPDATE operations SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1`, [this.owner]);
  }

  /** Wakes the runner now (a new operation, a cancel). */
  wake(): void {
    this.loop.wake();
  }

  /** One step of every operation this replica can lease; true when there is more to do now. */
  async tick(): Promise<boolean> {
    const leased = await this.operations.lease(this.owner, LEASE_MS);
    this.holding = leased.length > 0;
    let more = false;
    for (const op of leased) more = (await this.advance(op)) || more;
    return more;
  }

  private async advance(op: OperationRecord): Promise<boolean> {
    await this.settleActing(op);
    let started = 0;
    if (op.status === 'running') {
      const pending = await this.store.sql.query<{ seq: number; message_id: string }>(
        `SELECT seq, message_id FROM operation_items
          WHERE operation_id = $1 AND state = 'pending'
          ORDER BY seq
          LIMIT greatest(0, $2 - (SELECT count(*) FROM operation_items WHERE operation_id = $1 AND state = 'acting'))`,
        [op.id, op.maxInFlight],
      );
      for (let i = 0; i < pending.length; i += ACT_BATCH) {
        const items = pending.slice(i, i + ACT_BATCH).map((row) => ({ seq: row.seq, messageId: row.message_id }));
        started += await actOnItems(this.writer, this.withdrawer, op, items, (tx, settled) => this.settle(tx, op.id, settled));
      }
    }
    const finished = await this.refresh(op);
    return !finished && started > 0;
  }

  /** Items whose message reached a terminal status are done: succeeded when it is the action's goal. */
  private async settleActing(op: OperationRecord): Promise<void> {
    // Read outside a transaction: it locks nothing, and settle() takes only the items still acting.
    const ended = await this.store.sql.query<{ seq: number; status: MessageStatus }>(
      `SELECT i.seq, m.status FROM operation_items i JOIN messages m ON m.id = i.message_id
        WHERE i.operation_id = $1 AND i.state = 'acting' AND m.status = ANY($2::text[]) ORDER BY i.seq`,
      [op.id, TERMINAL_STATUSES],
    );
    if (ended.length === 0) return;
    const items = ended.map((row) => ({ seq: row.seq, ...settleActingItem(op.action, row.status) }));
    await this.store.transaction((tx) => this.settle(tx, op.id, items));
  }

  /**
   * Settles the items still acting, adds them to the operation's counts and records them as
   * one `OperationItemsSettled` event, all in `tx`, so a rebuild from the log yields the same rows.
   * The operation's row is locked first: the same order as creating an operation and a rebuild's swap.
   */
  private async settle(tx: SqlRunner, id: string, items: SettledItem[]): Promise<void> {
    if (items.length === 0) return;
    await tx.query(`SELECT 1 FROM operations WHERE id = $1 FOR UPDATE`, [id]);
    const changed = await tx.query<{ seq: number }>(
      `UPDATE operation_items i SET state = s.state, detail = s.detail, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS s(seq integer, state text, detail text)
        WHERE i.operation_id = $1 AND i.seq = s.seq AND i.state = 'acting'
        RETURNING i.seq`,
      [id, JSON.stringify(items)],
    );
    const seqs = new Set(changed.map((row) => row.seq));
    const settled = items.filter((item) => seqs.has(item.seq));
    if (settled.length === 0) return;
    const counts = countSettled(settled);
    await tx.query(
      `UPDATE operations SET succeeded = succeeded + $2, failed = failed + $3, skipped = skipped + $4, updated_at = now() WHERE id = $1`,
      [id, counts.succeeded, counts.failed, counts.skipped],
    );
    const data: OperationItemsSettledData = { items: settled };
    await this.store.appendToStream(
      operationStreamId(id),
      [{ type: OPERATION_ITEMS_SETTLED, data, metadata: { actor: 'retrace', reason: null, operationId: id } }],
      'any',
      tx,
    );
  }

  /** Finishes the operation when nothing is acting and nothing is left to start (counts are kept as items settle). */
  private async refresh(op: OperationRecord): Promise<boolean> {
    // Two index probes: counting the items left cost every tick time in proportion to the operation's size.
    const [left] = await this.store.sql.query<{ acting: boolean; pending: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM operation_items WHERE operation_id = $1 AND state = 'acting') AS acting,
              EXISTS (SELECT 1 FROM operation_items WHERE operation_id = $1 AND state = 'pending') AS pending`,
      [op.id],
    );
    const done = !left.acting && (!left.pending || op.status === 'cancelling');
    if (!done) return false;
    const status = op.status === 'cancelling' ? 'cancelled' : 'completed';
    return this.store.transaction(async (tx) => {
      const [row] = await tx.query<{ succeeded: number; failed: number; skipped: number }>(
        `UPDATE operations SET status = $2, updated_at = now(), finished_at = now()
          WHERE id = $1 AND status = $3
          RETURNING succeeded, failed, skipped`,
        [op.id, status, op.status],
      );
      if (!row) return false;
      await this.store.appendToStream(
        operationStreamId(op.id),
        [{ type: 'OperationFinished', data: { status, ...row }, metadata: { actor: 'retrace', reason: null, operationId: op.id } }],
        'any',
        tx,
      );
      return true;
    });
  }
}
