import { Body, Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetRebuildQuery, parseRebuildRequest, RebuildProjectionsCommand, type RebuildRecord } from '@retrace/engine';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../actor-of';
import { Roles } from '../auth/access.decorator';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { RebuildDto, RebuildProjectionsDto, RebuildStartedDto } from './dto/rebuild.dto';

/** A rebuild as the admin API shows it; `progress` is position / head at start (may pass 1 while it catches up). */
const toRebuildDto = (r: RebuildRecord) => ({
  id: r.id,
  projections: r.projections,
  status: r.status,
  phase: r.phase,
  reason: r.reason,
  actor: r.actor,
  headAtStart: r.headAtStart,
  position: r.position,
  progress: r.headAtStart === 0 ? 1 : Math.min(1, r.position / r.headAtStart),
  eventsApplied: r.eventsApplied,
  changes: r.changes,
  error: r.error,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

/** Rebuild read models from the log while the service runs, and follow the rebuild. */
@Controller('v1/admin/projections')
@ApiTags('admin')
export class ProjectionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** `{projections?: [names], reason}` → 202 `{id}`; the rebuild runs in the background. */
  @Post('rebuild')
  @Roles()
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild read models from the log, online' })
  @ApiAcceptedResponse({ type: RebuildStartedDto })
  @ApiErrors([400, 409], { 409: 'A rebuild is running (`REBUILD_ALREADY_RUNNING`).' })
  async rebuild(@Body() body: RebuildProjectionsDto, @Req() req: FastifyRequest): Promise<RebuildStartedDto> {
    return this.commands.execute(new RebuildProjectionsCommand(parseRebuildRequest(body), actorOf(req)));
  }

  @Get('rebuilds/:id')
  @Roles('viewer')
  @ApiOperation({ summary: 'Follow a rebuild' })
  @ApiOkResponse({ type: RebuildDto })
  @ApiErrors([404])
  async get(@Param('id') id: string): Promise<RebuildDto> {
    return toRebuildDto(await this.queries.execute(new GetRebuildQuery(id)));
  }
}
