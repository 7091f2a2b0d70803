import { Query } from '@nestjs/cqrs';
import type { SagaRecord } from '../sagas/saga-record';

/** The latest version of every registered saga. */
export class ListSagasQuery extends Query<SagaRecord[]> {}
