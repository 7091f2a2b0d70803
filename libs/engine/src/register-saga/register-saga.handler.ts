import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { jsonEquals, parseSagaDefinition } from '@retrace/domain';
import { EventStore, StreamVersionConflictError } from '@retrace/event-store';
import { SagaVersionConflictError } from '../errors';
import { SAGA_REGISTERED, sagaStreamId } from '../sagas/saga-record';
import { SagaRepository } from '../sagas/saga-repository';
import { RegisterSagaCommand, type RegisterSagaResult } from './register-saga.command';

const MAX_CONFLICT_RETRIES = 5;

/**
 * Validates a definition and records it as a `SagaRegistered` event on `saga-<name>`, projecting it
 * in the same transaction. Versions are immutable: the same body again is a no-op, another is 409.
 */
@CommandHandler(RegisterSagaCommand)
export class RegisterSagaHandler implements ICommandHandler<RegisterSagaCommand> {
  constructor(
    private readonly store: EventStore,
    private readonly sagas: SagaRepository,
  ) {}

  async execute({ name, body, actor }: RegisterSagaCommand): Promise<RegisterSagaResult> {
    const definition = parseSagaDefinition(name, body);
    const { version } = definition;
    for (let attempt = 0; ; attempt++) {
      const existing = await this.sagas.find(name, version);
      if (existing) {
        if (!jsonEquals(existing.body, body)) throw new SagaVersionConflictError(name, version);
        return { name, version, created: false };
      }
      const registered = (await this.sagas.versions(name)).length;
      try {
        await this.store.transaction(async (tx) => {
          const { lastPosition } = await this.store.appendToStream(
            sagaStreamId(name),
            [{ type: SAGA_REGISTERED, data: { definition, body }, metadata: { actor } }],
            registered,
            tx,
          );
          await this.sagas.insert(tx, definition, body, lastPosition);
        });
        // Publishes here pin it at once; other replicas learn of it from their publishes' guard.
        this.sagas.forget(name);
        return { name, version, created: true };
      } catch (error) {
        // Another registration of this saga committed first: look again at what is there now.
        if (!(error instanceof StreamVersionConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
      }
    }
  }
}
