import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { OperationRecord } from '../operations/operation-record';
import { OperationRepository } from '../operations/operation-repository';
import { ListOperationsQuery } from './list-operations.query';

@QueryHandler(ListOperationsQuery)
export class ListOperationsHandler implements IQueryHandler<ListOperationsQuery> {
  constructor(private readonly operations: OperationRepository) {}

  execute({ limit }: ListOperationsQuery): Promise<OperationRecord[]> {
    return this.operations.list(limit);
  }
}
