import { randomUUID } from 'node:crypto';
import { decide, DomainError, operationCommand } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';
import type { StepWithdrawer } from '../dispatch/step-withdrawer';
import { MessageNotFoundError } from '../errors';
import type { MessageWriter } from '../messages/message-writer';
import type { OperationRecord } from './operation-record';

/** Another runner took the item first (after a lease changed hands); leave it to them. */
class ItemTaken extends Error {}

export type ItemOutcome = 'acting' | 'skipped' | 'failed' | 'taken';

/**
 * Takes the operation's action on one message. The item turns `acting` in the transaction that
 * records the action, guarded by its `pending` state, so no message is acted on twice even when a
 * runner dies between the two. A refusal because of the message's status skips the item; any other
 * refusal fails it, with the reason kept as its detail.
 */
export async function actOnItem(
  writer: MessageWriter,
  withdrawer: StepWithdrawer,
  op: OperationRecord,
  item: { seq: number; messageId: string },
  finish: (tx: SqlRunner | null, state: 'skipped' | 'failed', detail: string) => Promise<void>,
): Promise<ItemOutcome> {
  const runId = randomUUID();
  try {
    await writer.write(
      item.messageId,
      (state) => decide(state, operationCommand(op.action, op.params, runId)),
      (state) => ({
        actor: op.actor,
        reason: op.reason,
        operationId: op.id,
        runId: op.action === 'retract' ? state.runId : runId,
        causationId: null,
        correlationId: state.correlationId,
      }),
      async (tx, current) => {
        const { rowCount } = await tx.execute(
          `UPDATE operation_items SET state = 'acting', updated_at = now() WHERE operation_id = $1 AND seq = $2 AND state = 'pending'`,
          [op.id, item.seq],
        );
        if (rowCount !== 1) throw new ItemTaken();
        if (op.action === 'retract') await withdrawer.withdraw(tx, item.messageId, current.state);
      },
    );
    return 'acting';
  } catch (error) {
    if (error instanceof ItemTaken) return 'taken';
    if (error instanceof MessageNotFoundError) {
      await finish(null, 'failed', error.message);
      return 'failed';
    }
    if (!(error instanceof DomainError)) throw error;
    const outcome = error.code === 'ILLEGAL_TRANSITION' ? 'skipped' : 'failed';
    await finish(null, outcome, error.message);
    return outcome;
  }
}
