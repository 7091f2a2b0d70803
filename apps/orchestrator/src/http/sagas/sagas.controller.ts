import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetSagaQuery, ListSagasQuery, RegisterSagaCommand } from '@retrace/engine';
import type { Request, Response } from 'express';
import { actorOf } from '../actor-of';
import { parseSagaVersion } from './parse-saga-version';
import { toSagaDto } from './saga.mapper';
import { ServiceRoute } from '../auth/access.decorator';
import { sagaScopeOf } from '../auth/request-key';

@Controller('v1/sagas')
export class SagasController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Registers a version: 201 when new, 200 when the same version and body were registered before. */
  @Put(':name')
  @ServiceRoute({ from: 'param', name: 'name' })
  async register(
    @Param('name') name: string,
    @Body() body: unknown,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const result = await this.commands.execute(new RegisterSagaCommand(name, body, actorOf(req)));
    res.status(result.created ? 201 : 200);
    return { name: result.name, version: result.version };
  }

  /** A service key sees only its own sagas. */
  @Get()
  @ServiceRoute({ from: 'filtered' }, 'viewer')
  async list(@Req() req: Request) {
    const scope = sagaScopeOf(req);
    const sagas = await this.queries.execute(new ListSagasQuery());
    return { items: sagas.filter((s) => scope?.allows(s.definition.name) ?? true).map(toSagaDto) };
  }

  @Get(':name')
  @ServiceRoute({ from: 'param', name: 'name' }, 'viewer')
  async get(@Param('name') name: string, @Query() query: Record<string, unknown>) {
    return toSagaDto(await this.queries.execute(new GetSagaQuery(name, parseSagaVersion(query))));
  }
}
