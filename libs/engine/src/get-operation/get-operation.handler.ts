import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { OperationNotFoundError } from '../errors';
import type { OperationRecord } from '../operations/operation-record';
import { OperationRepository } from '../operations/operation-repository';
import { GetOperationQuery } from './get-operation.query';

@QueryHandler(GetOperationQuery)
export class GetOperationHandler implements IQueryHandler<GetOperationQuery> {
  constructor(private readonly operations: OperationRepository) {}

  async execute({ id }: GetOperationQuery): Promise<OperationRecord> {
    const op = await this.operations.find(id);
    if (!op) throw new OperationNotFoundError(id);
    return op;
  }
}
