import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { decide, stepJobId, type MessageState, type RecordStepOutcome } from '@retrace/domain';
import { EventStore } from '@retrace/event-store';
import { WorkLoop } from '../background/work-loop';
import { StepQueues } from '../dispatch/step-queues';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { logFields } from '../logging/log-fields';
import { MessageWriter } from '../messages/message-writer';
import { OutboxRepository } from '../outbox/outbox-repository';
import { OutboxSignal } from '../outbox/outbox-signal';
import { deadlineError, syntheticOutcome } from './synthetic-outcome';

interface DueMessage {
  id: string;
  state: MessageState;
  overdue: boolean;
}

/** The actor recorded on events the orchestrator causes by itself. */
export const SYSTEM_ACTOR = 'retrace';

/**
 * Looks after messages with a job in flight, from PostgreSQL alone: a job that is missing from its
 * queue (Redis lost it) is sent again; a job BullMQ finished whose reply never came is recorded from
 * the job itself; a step past its deadline is recorded as timed out. Due rows are claimed with SKIP
 * LOCKED by pushing their check time on, so replicas share the work and a crash only delays it.
 */
@Injectable()
export class StepSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StepSweeper.name);
  private readonly loop: WorkLoop;

  constructor(
    private readonly store: EventStore,
    private readonly queues: StepQueues,
    private readonly writer: MessageWriter,
    private readonly outbox: OutboxRepository,
    private readonly outboxSignal: OutboxSignal,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {
    this.loop = new WorkLoop('step sweeper', () => this.sweep(), options.sweepIntervalMs, this.logger);
  }

  onApplicationBootstrap(): void {
    if (this.options.sweeper) this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  /** One pass; true when there may be more due now. */
  async sweep(): Promise<boolean> {
    const due = await this.store.sql.query<DueMessage>(
      `UPDATE messages SET check_at = now() + $2 * interval '1 millisecond'
        WHERE id IN (SELECT id FROM messages WHERE check_at <= now() ORDER BY check_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, state, deadline_at <= now() AS overdue`,
      [this.options.sweepBatchSize, this.options.recheckMs],
    );
    for (const message of due) {
      await this.inspect(message).catch((error: unknown) =>
        this.logger.warn(
          logFields(`could not check message ${message.id}: ${error instanceof Error ? error.message : String(error)}`, {
            messageId: message.id,
            runId: message.state.runId,
            correlationId: message.state.correlationId,
          }),
        ),
      );
    }
    return due.length === this.options.sweepBatchSize;
  }

  private async inspect({ id, state, overdue }: DueMessage): Promise<void> {
    const current = state.current;
    if (!current) {
      await this.store.sql.query(`UPDATE messages SET check_at = NULL WHERE id = $1 AND state->'current' = 'null'::jsonb`, [id]);
      return;
    }
    const job = { runId: state.runId, step: current.step, kind: current.kind };
    const jobId = stepJobId({ messageId: id, ...job });
    const ids = { messageId: id, runId: state.runId, correlationId: state.correlationId, jobId };
    const row = await this.outbox.find(this.store.sql, jobId);
    if (overdue) {
      this.logger.warn(logFields(`step ${current.step} (${current.kind}) of message ${id} passed its deadline; recording it as failed`, ids));
      await this.record(id, job, { ok: false, error: deadlineError(current.step), final: true });
      // A timed-out job that has not started yet must not start later; a running one cannot be stopped.
      if (row) await this.queues.get(row.queue).remove(jobId).catch(() => undefined);
      return;
    }
    if (!row?.sent) return; // the relay has not sent it yet
    const queued = await this.queues.get(row.queue).getJob(jobId);
    if (!queued) {
      this.logger.warn(logFields(`job ${jobId} is missing from queue ${row.queue}; sending it again`, { ...ids, queue: row.queue }));
      await this.store.transaction((tx) => this.outbox.resend(tx, [jobId]));
      this.outboxSignal.emit();
      return;
    }
    const jobState = await queued.getState();
    if (jobState === 'completed' || jobState === 'failed') {
      this.logger.log(logFields(`job ${jobId} ${jobState} in queue ${row.queue} but its reply never came; recording the outcome from the job`, { ...ids, queue: row.queue }));
    }
    if (jobState === 'completed') {
      await this.record(id, job, { ok: true, result: queued.returnvalue ?? null });
    } else if (jobState === 'failed') {
      const error = { message: queued.failedReason || 'the job failed in its queue', code: 'JOB_FAILED' };
      await this.record(id, job, { ok: false, error, final: true });
    }
  }

  private async record(id: string, job: { runId: string; step: string; kind: 'action' | 'compensation' }, outcome: RecordStepOutcome['outcome']) {
    await this.writer.write(
      id,
      (state) => {
        const command = syntheticOutcome(state, job, outcome);
        return command ? decide(state, command) : [];
      },
      (state) => ({ actor: SYSTEM_ACTOR, reason: 'step sweeper', runId: job.runId, causationId: null, correlationId: state.correlationId }),
    );
  }
}
