import { DomainError } from '@retrace/domain';

/** No operation has this id (HTTP 404). */
export class OperationNotFoundError extends DomainError {
  readonly code = 'OPERATION_NOT_FOUND';

  constructor(id: string) {
    super(`operation '${id}' does not exist; GET /v1/admin/operations lists them`, { id });
  }
}
