import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { parseTransitionStatsQuery } from '@retrace/domain';
import { TransitionStatsQuery } from '@retrace/engine';
import { toTransitionStatsDto } from './transition-stats.mapper';
import { Roles } from '../auth/access.decorator';

/** Statistics read from the log. */
@Controller('v1/admin/stats')
export class StatsController {
  constructor(private readonly queries: QueryBus) {}

  /** The status transitions as an absorbing Markov chain, optionally for one saga and a time window. */
  @Get('transitions')
  @Roles('viewer')
  async transitions(@Query() query: Record<string, unknown>) {
    return toTransitionStatsDto(await this.queries.execute(new TransitionStatsQuery(parseTransitionStatsQuery(query))));
  }
}
