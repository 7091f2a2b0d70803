import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EventStore } from '@retrace/event-store';
import { OperationNotFoundError, OperationNotRunningError } from '../errors';
import { operationStreamId, type OperationRecord } from '../operations/operation-record';
import { OperationRepository } from '../operations/operation-repository';
import { OperationRunner } from '../operations/operation-runner';
import { CancelOperationCommand } from './cancel-operation.command';

@CommandHandler(CancelOperationCommand)
export class CancelOperationHandler implements ICommandHandler<CancelOperationCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly operations: OperationRepository,
    private readonly runner: OperationRunner,
  ) {}

  async execute({ id, context }: CancelOperationCommand): Promise<OperationRecord> {
    const cancelled = await this.store.transaction(async (tx) => {
      if (!(await this.operations.requestCancel(tx, id))) return false;
      await this.store.appendToStream(
        operationStreamId(id),
        [{ type: 'OperationCancelRequested', data: {}, metadata: { actor: context.actor, reason: context.reason, operationId: id } }],
        'any',
        tx,
      );
      return true;
    });
    const op = await this.operations.find(id);
    if (!op) throw new OperationNotFoundError(id);
    if (!cancelled) throw new OperationNotRunningError(id, op.status);
    this.runner.wake();
    return op;
  }
}
