import { decide, type MessageCommand, type MessageState } from '@retrace/domain';
import type { BeforeAppend, MessageWriter } from '../messages/message-writer';
import type { MessageRepository } from '../messages/message-repository';
import type { StoredMessage } from '../messages/stored-message';
import type { OperatorContext } from './operator-context';

/**
 * Decides an operator's command on a message and commits it, recording actor, reason, the run it
 * starts (or the current one) and the operation. Answers the message as it now stands.
 */
export async function operateOnMessage(
  writer: MessageWriter,
  messages: MessageRepository,
  id: string,
  command: (state: MessageState) => MessageCommand,
  context: OperatorContext,
  beforeAppend?: BeforeAppend,
): Promise<StoredMessage> {
  const { message } = await writer.write(
    id,
    (state) => decide(state, command(state)),
    (state) => {
      const issued = command(state);
      return {
        actor: context.actor,
        reason: context.reason,
        runId: 'runId' in issued ? issued.runId : state.runId,
        causationId: null,
        correlationId: state.correlationId,
        ...(context.operationId ? { operationId: context.operationId } : {}),
      };
    },
    beforeAppend,
  );
  return (await messages.find(id)) ?? message;
}
