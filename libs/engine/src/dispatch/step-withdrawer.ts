import { Injectable } from '@nestjs/common';
import { stepJobId, type MessageState } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';
import { StepAlreadyStartedError } from '../errors';
import { OutboxRepository } from '../outbox/outbox-repository';
import { StepQueues } from './step-queues';

const WITHDRAWABLE = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children', 'paused']);

/**
 * Takes back the job a message waits on before any worker has it, inside the transaction that
 * records the retraction. An unsent outbox row is deleted with it (the outbox row is locked, so the
 * relay cannot send it meanwhile); a queued job is removed from BullMQ, and a job a worker has
 * already taken refuses the retraction. If the commit is then lost, the message is still PENDING
 * with no job, and the sweeper sends the job again: the retraction did not happen, consistently.
 */
@Injectable()
export class StepWithdrawer {
  constructor(
    private readonly queues: StepQueues,
    private readonly outbox: OutboxRepository,
  ) {}

  async withdraw(tx: SqlRunner, messageId: string, state: MessageState): Promise<void> {
    const current = state.current;
    if (!current) return;
    const jobId = stepJobId({ messageId, runId: state.runId, step: current.step, kind: current.kind });
    // A relay between claiming the row and adding its job would show it sent and not yet queued.
    await this.outbox.waitForSend(tx, jobId);
    const row = await this.outbox.find(tx, jobId, true);
    if (!row) return;
    if (!row.sent) {
      await this.outbox.remove(tx, jobId);
      return;
    }
    const job = await this.queues.get(row.queue).getJob(jobId);
    if (!job) return;
    if (!WITHDRAWABLE.has(await job.getState())) throw new StepAlreadyStartedError(messageId, current.step);
    try {
      await job.remove();
    } catch {
      // BullMQ refuses to remove a job a worker holds the lock of.
      throw new StepAlreadyStartedError(messageId, current.step);
    }
  }
}
