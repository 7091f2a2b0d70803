import { Command } from '@nestjs/cqrs';
import type { ReplayRequest } from '@retrace/domain';
import type { StoredMessage } from '../messages/stored-message';
import type { OperatorContext } from '../operator/operator-context';

/** Run a message again: resume, restart or from a named step, optionally patching its payload. */
export class ReplayMessageCommand extends Command<StoredMessage> {
  constructor(
    readonly id: string,
    readonly request: Omit<ReplayRequest, 'reason'>,
    readonly context: OperatorContext,
  ) {
    super();
  }
}
