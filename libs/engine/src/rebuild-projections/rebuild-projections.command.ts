import { Command } from '@nestjs/cqrs';
import type { RebuildProjectionsRequest } from './parse-rebuild-request';

/** Rebuild read models from the log (POST /v1/admin/projections/rebuild); answers the rebuild's id. */
export class RebuildProjectionsCommand extends Command<{ id: string }> {
  constructor(
    readonly request: RebuildProjectionsRequest,
    readonly actor: string,
  ) {
    super();
  }
}
