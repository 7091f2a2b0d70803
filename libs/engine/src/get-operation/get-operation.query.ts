import { Query } from '@nestjs/cqrs';
import type { OperationRecord } from '../operations/operation-record';

export class GetOperationQuery extends Query<OperationRecord> {
  constructor(readonly id: string) {
    super();
  }
}
