import { Query } from '@nestjs/cqrs';
import type { RebuildRecord } from '../projections/rebuild-record';

/** A rebuild's progress (GET /v1/admin/projections/rebuilds/:id). */
export class GetRebuildQuery extends Query<RebuildRecord> {
  constructor(readonly id: string) {
    super();
  }
}
