import { DomainError } from '@retrace/domain';

/** Rebuilds share the shadow tables, so only one runs at a time (HTTP 409). */
export class RebuildAlreadyRunningError extends DomainError {
  readonly code = 'REBUILD_ALREADY_RUNNING';

  constructor(running: string) {
    super(`projection rebuild '${running}' is still running; follow it at GET /v1/admin/projections/rebuilds/${running} and start another when it has finished`, {
      running,
    });
  }
}
