import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MessageRepository } from '../messages/message-repository';
import { MessageWriter } from '../messages/message-writer';
import type { StoredMessage } from '../messages/stored-message';
import { operateOnMessage } from '../operator/operate-on-message';
import { CancelMessageCommand } from './cancel-message.command';

/**
 * Stops a running message: no further step starts; the step in flight is awaited (its job is not
 * pulled back, since a worker may already be running it), then the completed steps are compensated
 * in reverse.
 */
@CommandHandler(CancelMessageCommand)
export class CancelMessageHandler implements ICommandHandler<CancelMessageCommand> {
  constructor(
    private readonly writer: MessageWriter,
    private readonly messages: MessageRepository,
  ) {}

  execute({ id, context }: CancelMessageCommand): Promise<StoredMessage> {
    return operateOnMessage(this.writer, this.messages, id, () => ({ type: 'CancelMessage' }), context);
  }
}
