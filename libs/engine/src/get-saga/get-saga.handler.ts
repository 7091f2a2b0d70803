import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { UnknownSagaError } from '../errors';
import type { SagaRecord } from '../sagas/saga-record';
import { SagaRepository } from '../sagas/saga-repository';
import { GetSagaQuery } from './get-saga.query';

@QueryHandler(GetSagaQuery)
export class GetSagaHandler implements IQueryHandler<GetSagaQuery> {
  constructor(private readonly sagas: SagaRepository) {}

  async execute({ name, version }: GetSagaQuery): Promise<SagaRecord> {
    const record = await this.sagas.find(name, version);
    if (!record) throw new UnknownSagaError(name, version);
    return record;
  }
}
