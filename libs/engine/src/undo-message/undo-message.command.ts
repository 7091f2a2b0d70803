import { Command } from '@nestjs/cqrs';
import type { StoredMessage } from '../messages/stored-message';
import type { OperatorContext } from '../operator/operator-context';

/** Compensate a finished message's steps in reverse (POST /v1/admin/messages/{id}/undo). */
export class UndoMessageCommand extends Command<StoredMessage> {
  constructor(
    readonly id: string,
    readonly force: boolean,
    readonly context: OperatorContext,
  ) {
    super();
  }
}
