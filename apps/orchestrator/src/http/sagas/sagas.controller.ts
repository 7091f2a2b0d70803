import { Body, Controller, Get, Param, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { GetSagaQuery, ListSagasQuery, RegisterSagaCommand } from '@retrace/engine';
import type { Request, Response } from 'express';
import { actorOf } from '../actor-of';
import { parseSagaVersion } from './parse-saga-version';
import { toSagaDto } from './saga.mapper';

@Controller('v1/sagas')
export class SagasController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Registers a version: 201 when new, 200 when the same version and body were registered before. */
  @Put(':name')
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

  @Get()
  async list() {
    const sagas = await this.queries.execute(new ListSagasQuery());
    return { items: sagas.map(toSagaDto) };
  }

  @Get(':name')
  async get(@Param('name') name: string, @Query() query: Record<string, unknown>) {
    return toSagaDto(await this.queries.execute(new GetSagaQuery(name, parseSagaVersion(query))));
  }
}
