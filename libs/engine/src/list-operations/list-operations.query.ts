import { Query } from '@nestjs/cqrs';
import type { OperationRecord } from '../operations/operation-record';

/** The most recent operations, newest first. */
export class ListOperationsQuery extends Query<OperationRecord[]> {
  constructor(readonly limit: number) {
    super();
  }
}
