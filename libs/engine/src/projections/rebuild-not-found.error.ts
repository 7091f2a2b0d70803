import { DomainError } from '@retrace/domain';

/** No rebuild has this id (HTTP 404). */
export class RebuildNotFoundError extends DomainError {
  readonly code = 'REBUILD_NOT_FOUND';

  constructor(id: string) {
    super(`projection rebuild '${id}' does not exist; POST /v1/admin/projections/rebuild starts one`, { id });
  }
}
