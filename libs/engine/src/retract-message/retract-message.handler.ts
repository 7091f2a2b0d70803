import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StepWithdrawer } from '../dispatch/step-withdrawer';
import { MessageRepository } from '../messages/message-repository';
import { MessageWriter } from '../messages/message-writer';
import type { StoredMessage } from '../messages/stored-message';
import { operateOnMessage } from '../operator/operate-on-message';
import { RetractMessageCommand } from './retract-message.command';

/**
 * Withdraws a message no step has started: its job leaves the outbox or the queue in the same
 * transaction that records RETRACTED. A worker that took the job first wins: 409, use cancel.
 */
@CommandHandler(RetractMessageCommand)
export class RetractMessageHandler implements ICommandHandler<RetractMessageCommand> {
  constructor(
    private readonly writer: MessageWriter,
    private readonly messages: MessageRepository,
    private readonly withdrawer: StepWithdrawer,
  ) {}

  execute({ id, context }: RetractMessageCommand): Promise<StoredMessage> {
    return operateOnMessage(this.writer, this.messages, id, () => ({ type: 'RetractMessage' }), context, (tx, current) =>
      this.withdrawer.withdraw(tx, id, current.state),
    );
  }
}
