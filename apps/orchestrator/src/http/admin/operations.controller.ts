import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { InvalidInputError, parseOperationRequest, parseOperatorRequest } from '@retrace/domain';
import { CancelOperationCommand, CreateOperationCommand, GetOperationQuery, ListOperationsQuery } from '@retrace/engine';
import type { Request, Response } from 'express';
import { actorOf } from '../actor-of';
import { toOperationDto } from './operation.mapper';
import { Roles } from '../auth/access.decorator';

/** Bulk replay, undo and retract over a selector, with a dry run first, progress and cancel. */
@Controller('v1/admin/operations')
export class OperationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** `dryRun: true` → 200 `{matched, sample, plan}`, changing nothing; else 202 `{id, matched}`. */
  @Post()
  @Roles()
  async create(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const outcome = await this.commands.execute(new CreateOperationCommand(parseOperationRequest(body), actorOf(req)));
    if (outcome.dryRun) {
      res.status(200);
      return outcome.result;
    }
    res.status(202);
    return { id: outcome.id, matched: outcome.matched };
  }

  @Get()
  @Roles('viewer')
  async list(@Query('limit') limit?: string) {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) {
      throw new InvalidInputError([{ path: 'limit', message: `must be an integer from 1 to 500 (got ${JSON.stringify(limit)})` }]);
    }
    return { items: (await this.queries.execute(new ListOperationsQuery(n))).map(toOperationDto) };
  }

  @Get(':id')
  @Roles('viewer')
  async get(@Param('id') id: string) {
    return toOperationDto(await this.queries.execute(new GetOperationQuery(id)));
  }

  @Post(':id/cancel')
  @Roles()
  @HttpCode(202)
  async cancel(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const { reason } = parseOperatorRequest(body ?? {});
    return toOperationDto(await this.commands.execute(new CancelOperationCommand(id, { actor: actorOf(req), reason })));
  }
}
