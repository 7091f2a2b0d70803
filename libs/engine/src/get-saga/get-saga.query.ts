import { Query } from '@nestjs/cqrs';
import type { SagaRecord } from '../sagas/saga-record';

/** One saga: the latest version, or the one asked for. */
export class GetSagaQuery extends Query<SagaRecord> {
  constructor(
    readonly name: string,
    readonly version?: number,
  ) {
    super();
  }
}
