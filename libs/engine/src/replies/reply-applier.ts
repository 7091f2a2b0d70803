import { Injectable } from '@nestjs/common';
import { decide, type StepReply } from '@retrace/domain';
import { MessageWriter, type WriteResult } from '../messages/message-writer';
import { SagaRepository } from '../sagas/saga-repository';
import { replyToCommand } from './reply-to-command';

/** The actor recorded on events a worker's reply caused. */
export const WORKER_ACTOR = 'worker';

/**
 * Applies one worker reply: the domain decides (a late or duplicate reply becomes `ReplyIgnored` and
 * changes nothing), the writer commits the events with the next jobs. Safe to apply twice.
 */
@Injectable()
export class ReplyApplier {
  constructor(
    private readonly writer: MessageWriter,
    private readonly sagas: SagaRepository,
  ) {}

  apply(reply: StepReply, causationId: string): Promise<WriteResult> {
    return this.writer.write(
      reply.messageId,
      async (state) => {
        const saga = await this.sagas.definition(state.saga, state.sagaVersion);
        return decide(state, replyToCommand(reply, saga.steps.find((s) => s.name === reply.step)));
      },
      (state) => ({ actor: WORKER_ACTOR, reason: null, runId: reply.runId, causationId, correlationId: state.correlationId }),
    );
  }
}
