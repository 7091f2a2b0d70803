import { randomUUID } from 'node:crypto';
import { decide, DomainError, operationCommand } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';
import type { StepWithdrawer } from '../dispatch/step-withdrawer';
import { MessageNotFoundError } from '../errors';
import type { MessageWriter, TogetherOutcome } from '../messages/message-writer';
import { MAX_ITEM_DETAIL, type SettledItem } from '../projections/operation-settlement';
import type { OperationRecord } from './operation-record';

/** An item of an operation still to act on. */
export interface PendingItem {
  seq: number;
  messageId: string;
}

/** Settles acting items in `tx` (OperationRunner.settle). */
export type SettleItems = (tx: SqlRunner, items: SettledItem[]) => Promise<void>;

/**
 * Takes the operation's action on `items` in one transaction: the items turn `acting` first,
 * guarded by their `pending` state (an item another runner took after a lease changed hands is
 * left out), then every message's decision is committed in one statement. A refusal because of the
 * message's status skips its item; any other refusal fails it, with the reason kept as its detail;
 * an item whose message's stream moved on meanwhile goes back to `pending` for the next tick. So no
 * message is acted on twice, even when a runner dies in between. Answers how many items it took
 * (acting, skipped or failed): none means there was nothing to do now.
 */
export async function actOnItems(
  writer: MessageWriter,
  withdrawer: StepWithdrawer,
  op: OperationRecord,
  items: readonly PendingItem[],
  settle: SettleItems,
): Promise<number> {
  const seqOf = new Map(items.map((item) => [item.messageId, item.seq]));
  const runIds = new Map(items.map((item) => [item.messageId, randomUUID()]));
  const outcomes = await writer.writeTogether(
    items.map(({ messageId }) => ({
      id: messageId,
      decide: (state) => decide(state, operationCommand(op.action, op.params, runIds.get(messageId)!)),
      metadata: (state) => ({
        actor: op.actor,
        reason: op.reason,
        operationId: op.id,
        runId: op.action === 'retract' ? state.runId : runIds.get(messageId)!,
        causationId: null,
        correlationId: state.correlationId,
      }),
    })),
    {
      admit: async (tx) => {
        // The operation's row before its items: the lock order of every writer of both.
        await tx.query(`SELECT 1 FROM operations WHERE id = $1 FOR UPDATE`, [op.id]);
        const taken = await tx.query<{ message_id: string }>(
          `UPDATE operation_items SET state = 'acting', updated_at = now()
            WHERE operation_id = $1 AND seq = ANY($2::int[]) AND state = 'pending'
            RETURNING message_id`,
          [op.id, items.map((item) => item.seq)],
        );
        return new Set(taken.map((row) => row.message_id));
      },
      beforeAppend: op.action === 'retract' ? (tx, current) => withdrawer.withdraw(tx, current.id, current.state) : undefined,
      settle: async (tx, done) => {
        const refused = done.filter((o) => o.kind === 'refused').map((o) => seqOf.get(o.id)!);
        if (refused.length > 0) {
          await tx.execute(`UPDATE operation_items SET state = 'pending' WHERE operation_id = $1 AND seq = ANY($2::int[]) AND state = 'acting'`, [op.id, refused]);
        }
        await settle(tx, done.flatMap((o) => settledByRefusal(o, seqOf.get(o.id)!)));
      },
    },
  );
  return outcomes.filter((o) => o.kind !== 'refused').length;
}

/** An item whose decision was refused by the domain (or whose message is gone) is settled at once; others are not. */
function settledByRefusal(outcome: TogetherOutcome, seq: number): SettledItem[] {
  if (outcome.kind !== 'failed') return [];
  const { error } = outcome;
  if (error instanceof MessageNotFoundError) return [{ seq, state: 'failed', detail: error.message.slice(0, MAX_ITEM_DETAIL) }];
  if (!(error instanceof DomainError)) throw error;
  return [{ seq, state: error.code === 'ILLEGAL_TRANSITION' ? 'skipped' : 'failed', detail: error.message.slice(0, MAX_ITEM_DETAIL) }];
}
