import { Command } from '@nestjs/cqrs';
import type { StoredMessage } from '../messages/stored-message';
import type { OperatorContext } from '../operator/operator-context';

/** Cancel a message (POST /v1/admin/messages/{id}/cancel). */
export class CancelMessageCommand extends Command<StoredMessage> {
  constructor(
    readonly id: string,
    readonly context: OperatorContext,
  ) {
    super();
  }
}
