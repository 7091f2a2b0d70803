import { DomainError } from '@retrace/domain';

/** Cancel of an operation that is not running any more (HTTP 409). */
export class OperationNotRunningError extends DomainError {
  readonly code = 'OPERATION_NOT_RUNNING';

  constructor(id: string, status: string) {
    super(`operation '${id}' is ${status}; only a running operation can be cancelled`, { id, status });
  }
}
