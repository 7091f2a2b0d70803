import { Command } from '@nestjs/cqrs';
import type { StoredMessage } from '../messages/stored-message';
import type { OperatorContext } from '../operator/operator-context';

/** Retract a message (POST /v1/admin/messages/{id}/retract). */
export class RetractMessageCommand extends Command<StoredMessage> {
  constructor(
    readonly id: string,
    readonly context: OperatorContext,
  ) {
    super();
  }
}
