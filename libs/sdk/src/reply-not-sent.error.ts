import type { StepReply } from '@retrace/domain';

/**
 * A reply could not be added to the reply queue (or appended to the reply stream). The attempt fails (retryably) rather than leaving
 * the orchestrator without the outcome: BullMQ runs the job again with the same idempotency key.
 * You meet it in logs and in the job's `failedReason`, not in handlers.
 *
 * @example
 * worker.on('failed', (job, error) => { if (error.name === 'ReplyNotSentError') alertOps(job); });
 */
export class ReplyNotSentError extends Error {
  readonly code = 'REPLY_NOT_SENT';

  /** `to`: where the reply was going, e.g. `queue retrace.replies` or `stream retrace.reply-stream`. */
  constructor(reply: Pick<StepReply, 'type' | 'jobId' | 'attempt'>, to: string, cause: unknown) {
    super(
      `could not send the ${reply.type} reply for job ${reply.jobId} (attempt ${reply.attempt}) to ${to}: ` +
        `${cause instanceof Error ? cause.message : String(cause)}; the attempt fails so BullMQ runs it again`,
      { cause },
    );
    this.name = 'ReplyNotSentError';
  }
}
