import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { MessageNotFoundError } from '../errors';
import { MessageRepository } from '../messages/message-repository';
import type { StoredMessage } from '../messages/stored-message';
import { GetMessageQuery } from './get-message.query';

@QueryHandler(GetMessageQuery)
export class GetMessageHandler implements IQueryHandler<GetMessageQuery> {
  constructor(private readonly messages: MessageRepository) {}

  async execute({ id }: GetMessageQuery): Promise<StoredMessage> {
    const message = await this.messages.find(id);
    if (!message) throw new MessageNotFoundError(id);
    return message;
  }
}
