import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { parseTransitionStatsQuery } from '@retrace/domain';
import { TransitionStatsQuery } from '@retrace/engine';
import { toTransitionStatsDto } from './transition-stats.mapper';
import { Roles } from '../auth/access.decorator';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { TransitionStatsDto } from './dto/transition-stats.dto';

/** Statistics read from the log. */
@Controller('v1/admin/stats')
@ApiTags('admin')
export class StatsController {
  constructor(private readonly queries: QueryBus) {}

  /** The status transitions as an absorbing Markov chain, optionally for one saga and a time window. */
  @Get('transitions')
  @Roles('viewer')
  @ApiOperation({ summary: 'Status transitions as a Markov chain, with absorption probabilities' })
  @ApiQuery({ name: 'saga', required: false, type: 'string' })
  @ApiQuery({ name: 'from', required: false, type: 'string', format: 'date-time', description: 'Transitions made at or after.' })
  @ApiQuery({ name: 'to', required: false, type: 'string', format: 'date-time', description: 'Transitions made at or before.' })
  @ApiOkResponse({ type: TransitionStatsDto })
  @ApiErrors([400])
  async transitions(@Query() query: Record<string, unknown>): Promise<TransitionStatsDto> {
    return toTransitionStatsDto(await this.queries.execute(new TransitionStatsQuery(parseTransitionStatsQuery(query))));
  }
}
