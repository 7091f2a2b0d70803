import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MessageRepository } from '../messages/message-repository';
import { MessageWriter } from '../messages/message-writer';
import type { StoredMessage } from '../messages/stored-message';
import { operateOnMessage } from '../operator/operate-on-message';
import { UndoMessageCommand } from './undo-message.command';

/** Undo is a run of its own (new job ids); irreversible steps are refused unless forced. */
@CommandHandler(UndoMessageCommand)
export class UndoMessageHandler implements ICommandHandler<UndoMessageCommand> {
  constructor(
    private readonly writer: MessageWriter,
    private readonly messages: MessageRepository,
  ) {}

  execute({ id, force, context }: UndoMessageCommand): Promise<StoredMessage> {
    const runId = randomUUID();
    return operateOnMessage(this.writer, this.messages, id, () => ({ type: 'UndoMessage', runId, force }), context);
  }
}
