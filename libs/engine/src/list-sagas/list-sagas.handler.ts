import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SagaRecord } from '../sagas/saga-record';
import { SagaRepository } from '../sagas/saga-repository';
import { ListSagasQuery } from './list-sagas.query';

@QueryHandler(ListSagasQuery)
export class ListSagasHandler implements IQueryHandler<ListSagasQuery> {
  constructor(private readonly sagas: SagaRepository) {}

  execute(): Promise<SagaRecord[]> {
    return this.sagas.listLatest();
  }
}
