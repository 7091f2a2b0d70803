import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { MessageRepository } from '../messages/message-repository';
import { MessageWriter } from '../messages/message-writer';
import type { StoredMessage } from '../messages/stored-message';
import { operateOnMessage } from '../operator/operate-on-message';
import { ReplayMessageCommand } from './replay-message.command';

/** Each replay is a new run: new job ids, and step jobs carry `replayOf` the run they replay. */
@CommandHandler(ReplayMessageCommand)
export class ReplayMessageHandler implements ICommandHandler<ReplayMessageCommand> {
  constructor(
    private readonly writer: MessageWriter,
    private readonly messages: MessageRepository,
  ) {}

  execute({ id, request, context }: ReplayMessageCommand): Promise<StoredMessage> {
    const runId = randomUUID();
    const { mode, fromStep, force, patch } = request;
    return operateOnMessage(
      this.writer,
      this.messages,
      id,
      () => ({ type: 'ReplayMessage', runId, mode, fromStep, force, patch }),
      context,
    );
  }
}
