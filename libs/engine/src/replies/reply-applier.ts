import { Injectable, Logger } from '@nestjs/common';
import { decide, type StepReply } from '@retrace/domain';
import { MessageNotFoundError } from '../errors';
import { logFields } from '../logging/log-fields';
import { MessageWriter, type WriteResult } from '../messages/message-writer';
import { SagaRepository } from '../sagas/saga-repository';
import { replyToCommand } from './reply-to-command';

/** The actor recorded on events a worker's reply caused. */
export const WORKER_ACTOR = 'worker';

/**
 * Applies one worker reply, from a reply job or the reply stream: the domain decides (a late or
 * duplicate reply becomes `ReplyIgnored` and changes nothing), the writer commits the events with
 * the next jobs. Safe to apply twice. A reply for a message that does not exist is logged and
 * dropped (null); any other failure is thrown, for the caller to try again.
 */
@Injectable()
export class ReplyApplier {
  private readonly logger = new Logger(ReplyApplier.name);

  constructor(
    private readonly writer: MessageWriter,
    private readonly sagas: SagaRepository,
  ) {}

  async apply(reply: StepReply, causationId: string): Promise<WriteResult | null> {
    try {
      return await this.writer.write(
        reply.messageId,
        async (state) => {
          const saga = await this.sagas.definition(state.saga, state.sagaVersion);
          return decide(state, replyToCommand(reply, saga.steps.find((s) => s.name === reply.step)));
        },
        (state) => ({ actor: WORKER_ACTOR, reason: null, runId: reply.runId, causationId, correlationId: state.correlationId }),
      );
    } catch (error) {
      if (!(error instanceof MessageNotFoundError)) throw error;
      this.logger.warn(
        logFields(`dropped a reply for unknown message ${reply.messageId} (job ${reply.jobId})`, { messageId: reply.messageId, runId: reply.runId, jobId: reply.jobId }),
      );
      return null;
    }
  }
}
