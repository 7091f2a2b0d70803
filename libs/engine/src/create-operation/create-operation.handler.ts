import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '@retrace/domain';
import { EventStore } from '@retrace/event-store';
import { ENGINE_OPTIONS, type EngineOptions } from '../engine-options';
import { ConfirmMismatchError } from '../errors';
import { ITEMS_PER_EVENT, operationStreamId } from '../operations/operation-record';
import { OperationRepository } from '../operations/operation-repository';
import { OperationRunner } from '../operations/operation-runner';
import { selectMessages } from '../operations/select-messages';
import { CreateOperationCommand, type CreateOperationResult } from './create-operation.command';
import { dryRunOperation } from './dry-run-operation';

/**
 * Evaluates the selector once: a dry run plans every match and changes nothing; a real run records
 * the operation and the ids it will act on (in the log and its read model) in one transaction, and
 * the operation runner takes it from there.
 */
@CommandHandler(CreateOperationCommand)
export class CreateOperationHandler implements ICommandHandler<CreateOperationCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly operations: OperationRepository,
    private readonly runner: OperationRunner,
    @Inject(ENGINE_OPTIONS) private readonly options: EngineOptions,
  ) {}

  async execute({ request, actor }: CreateOperationCommand): Promise<CreateOperationResult> {
    const ids = await selectMessages(this.store.sql, request.selector);
    if (request.dryRun) return { dryRun: true, result: await dryRunOperation(this.store.sql, request, ids) };
    if (request.confirm === null && ids.length > this.options.confirmAbove) {
      throw new InvalidInputError([
        {
          path: 'confirm',
          message: `is required: the selector matches ${ids.length} messages, more than ${this.options.confirmAbove} (RETRACE_CONFIRM_ABOVE); run it with dryRun first and pass confirm: ${ids.length}`,
        },
      ]);
    }
    if (request.confirm !== null && request.confirm !== ids.length) throw new ConfirmMismatchError(request.confirm, ids.length);

    const id = randomUUID();
    const { action, params, selector, reason, maxInFlight } = request;
    const metadata = { actor, reason, operationId: id };
    await this.store.transaction(async (tx) => {
      await this.operations.insert(tx, { id, action, params, selector, reason, actor, status: 'running', maxInFlight, total: ids.length }, ids);
      const chunks = [];
      for (let i = 0; i < ids.length; i += ITEMS_PER_EVENT) chunks.push(ids.slice(i, i + ITEMS_PER_EVENT));
      await this.store.appendToStream(
        operationStreamId(id),
        [
          { type: 'OperationCreated', data: { action, params, selector, maxInFlight, total: ids.length }, metadata },
          ...chunks.map((messageIds, chunk) => ({ type: 'OperationItemsSelected', data: { chunk, messageIds }, metadata })),
        ],
        0,
        tx,
      );
    });
    this.runner.wake();
    return { dryRun: false, id, matched: ids.length };
  }
}
