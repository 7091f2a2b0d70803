import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { OPERATION_GOALS, TERMINAL_STATUSES } from '@retrace/domain';
import { EventStore, type SqlRunner } from '@retrace/event-store';
import { WorkLoop } from '../background/work-loop';
import { StepWithdrawer } from '../dispatch/step-withdrawer';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { MessageWriter } from '../messages/message-writer';
import { actOnItem } from './act-on-item';
import { operationStreamId, type OperationRecord } from './operation-record';
import { OperationRepository } from './operation-repository';

/** Renewed every tick; a replica that dies hands its operations on after this long. */
const LEASE_MS = 10_000;

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
    if (this.options.operations) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
    await this.store.sql.query(`UPDATE operations SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1`, [this.owner]);
  }

  /** Wakes the runner now (a new operation, a cancel). */
  wake(): void {
    this.loop.wake();
  }

  /** One step of every operation this replica can lease; true when there is more to do now. */
  async tick(): Promise<boolean> {
    const leased = await this.store.sql.query<{ id: string }>(
      `UPDATE operations SET lease_owner = $1, lease_until = now() + $2 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM operations WHERE status IN ('running', 'cancelling')
                       AND (lease_until IS NULL OR lease_until < now() OR lease_owner = $1)
                     FOR UPDATE SKIP LOCKED)
        RETURNING id`,
      [this.owner, LEASE_MS],
    );
    let more = false;
    for (const { id } of leased) {
      const op = await this.operations.find(id);
      if (op) more = (await this.advance(op)) || more;
    }
    return more;
  }

  private async advance(op: OperationRecord): Promise<boolean> {
    await this.settleActing(op);
    let started = 0;
    if (op.status === 'running') {
      const [{ acting }] = await this.store.sql.query<{ acting: number }>(
        `SELECT count(*)::int AS acting FROM operation_items WHERE operation_id = $1 AND state = 'acting'`,
        [op.id],
      );
      const free = op.maxInFlight - acting;
      if (free > 0) {
        const pending = await this.store.sql.query<{ seq: number; message_id: string }>(
          `SELECT seq, message_id FROM operation_items WHERE operation_id = $1 AND state = 'pending' ORDER BY seq LIMIT $2`,
          [op.id, free],
        );
        for (const item of pending) {
          const outcome = await actOnItem(this.writer, this.withdrawer, op, { seq: item.seq, messageId: item.message_id }, (tx, state, detail) =>
            this.finishItem(tx, op.id, item.seq, state, detail),
          );
          if (outcome !== 'taken') started++;
        }
      }
    }
    const finished = await this.refresh(op);
    return !finished && started > 0;
  }

  /** Items whose message reached a terminal status are done: succeeded when it is the action's goal. */
  private async settleActing(op: OperationRecord): Promise<void> {
    await this.store.sql.query(
      `UPDATE operation_items i
          SET state = CASE WHEN m.status = $2 THEN 'succeeded' ELSE 'failed' END,
              detail = CASE WHEN m.status = $2 THEN NULL ELSE 'ended ' || m.status END,
              updated_at = now()
         FROM messages m
        WHERE i.operation_id = $1 AND i.state = 'acting' AND m.id = i.message_id AND m.status = ANY($3::text[])`,
      [op.id, OPERATION_GOALS[op.action], TERMINAL_STATUSES],
    );
  }

  private async finishItem(tx: SqlRunner | null, id: string, seq: number, state: string, detail: string): Promise<void> {
    await (tx ?? this.store.sql).query(
      `UPDATE operation_items SET state = $3, detail = $4, updated_at = now() WHERE operation_id = $1 AND seq = $2 AND state = 'pending'`,
      [id, seq, state, detail.slice(0, 1000)],
    );
  }

  /** Writes the counts; finishes the operation when nothing is acting and nothing is left to start. */
  private async refresh(op: OperationRecord): Promise<boolean> {
    const rows = await this.store.sql.query<{ state: string; n: number }>(
      `SELECT state, count(*)::int AS n FROM operation_items WHERE operation_id = $1 GROUP BY state`,
      [op.id],
    );
    const count = (state: string) => rows.find((r) => r.state === state)?.n ?? 0;
    const [succeeded, failed, skipped, acting, pending] = ['succeeded', 'failed', 'skipped', 'acting', 'pending'].map(count);
    const done = acting === 0 && (pending === 0 || op.status === 'cancelling');
    const status = !done ? op.status : op.status === 'cancelling' ? 'cancelled' : 'completed';
    return this.store.transaction(async (tx) => {
      const { rowCount } = await tx.execute(
        `UPDATE operations SET succeeded = $2, failed = $3, skipped = $4, status = $5, updated_at = now(),
                finished_at = CASE WHEN $6 THEN now() END
          WHERE id = $1 AND status = $7`,
        [op.id, succeeded, failed, skipped, status, done, op.status],
      );
      if (done && rowCount === 1) {
        await this.store.appendToStream(
          operationStreamId(op.id),
          [{ type: 'OperationFinished', data: { status, succeeded, failed, skipped }, metadata: { actor: 'retrace', reason: null, operationId: op.id } }],
          'any',
          tx,
        );
      }
      return done;
    });
  }
}
