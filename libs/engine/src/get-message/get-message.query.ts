import { Query } from '@nestjs/cqrs';
import type { StoredMessage } from '../messages/stored-message';

export class GetMessageQuery extends Query<StoredMessage> {
  constructor(readonly id: string) {
    super();
  }
}
