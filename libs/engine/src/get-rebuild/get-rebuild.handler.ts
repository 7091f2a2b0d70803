import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RebuildNotFoundError } from '../projections/rebuild-not-found.error';
import type { RebuildRecord } from '../projections/rebuild-record';
import { RebuildRepository } from '../projections/rebuild-repository';
import { GetRebuildQuery } from './get-rebuild.query';

@QueryHandler(GetRebuildQuery)
export class GetRebuildHandler implements IQueryHandler<GetRebuildQuery> {
  constructor(private readonly rebuilds: RebuildRepository) {}

  async execute({ id }: GetRebuildQuery): Promise<RebuildRecord> {
    const rebuild = await this.rebuilds.find(id);
    if (!rebuild) throw new RebuildNotFoundError(id);
    return rebuild;
  }
}
