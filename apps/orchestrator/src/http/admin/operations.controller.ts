import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { InvalidInputError, parseOperationRequest, parseOperatorRequest } from '@retrace/domain';
import { CancelOperationCommand, CreateOperationCommand, GetOperationQuery, ListOperationsQuery } from '@retrace/engine';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../actor-of';
import { toOperationDto } from './operation.mapper';
import { Roles } from '../auth/access.decorator';
import { ViewerRedaction } from '../redaction/viewer-redaction';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { CreateOperationDto } from './dto/create-operation.dto';
import { OperatorReasonDto } from './dto/operator-request.dto';
import { OperationCreatedDto, OperationDryRunDto, OperationDto, OperationListDto } from './dto/operation.dto';

/** Bulk replay, undo and retract over a selector, with a dry run first, progress and cancel. */
@Controller('v1/admin/operations')
@ApiTags('admin')
export class OperationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly redaction: ViewerRedaction,
  ) {}

  /** `dryRun: true` → 200 `{matched, sample, plan}`, changing nothing; else 202 `{id, matched}`. */
  @Post()
  @Roles()
  @ApiOperation({ summary: 'Create a bulk replay, undo or retract (or dry-run it)' })
  @ApiOkResponse({ type: OperationDryRunDto, description: '`dryRun: true`: how many match, a sample with each plan, the plan in sum; nothing changed.' })
  @ApiAcceptedResponse({ type: OperationCreatedDto, description: 'Created; it runs in the background.' })
  @ApiErrors([400, 409], {
    400: 'Invalid input; a run over more than RETRACE_CONFIRM_ABOVE messages without `confirm` names `confirm`.',
    409: '`confirm` no longer matches the selection (`CONFIRM_MISMATCH`, with the current count).',
  })
  async create(@Body() body: CreateOperationDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<OperationDryRunDto | OperationCreatedDto> {
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
  @ApiOperation({ summary: 'List operations, newest first' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 500, description: 'Default 50.' })
  @ApiOkResponse({ type: OperationListDto })
  @ApiErrors([400])
  async list(@Req() req: FastifyRequest, @Query('limit') limit?: string) {
    const n = limit === undefined ? 50 : Number(limit);
    if (!Number.isInteger(n) || n < 1 || n > 500) {
      throw new InvalidInputError([{ path: 'limit', message: `must be an integer from 1 to 500 (got ${JSON.stringify(limit)})` }]);
    }
    const operations = await this.queries.execute(new ListOperationsQuery(n));
    const redaction = await this.redaction.forOperations(req, operations.map((op) => op.selector.saga));
    return { items: operations.map((op) => toOperationDto(op, redaction)) };
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOperation({ summary: 'Get an operation’s progress' })
  @ApiOkResponse({ type: OperationDto })
  @ApiErrors([404])
  async get(@Param('id') id: string, @Req() req: FastifyRequest) {
    const operation = await this.queries.execute(new GetOperationQuery(id));
    return toOperationDto(operation, await this.redaction.forOperations(req, [operation.selector.saga]));
  }

  @Post(':id/cancel')
  @Roles()
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel an operation: no new items start; those in flight finish' })
  @ApiAcceptedResponse({ type: OperationDto })
  @ApiErrors([400, 404, 409], { 409: 'The operation is not running (`OPERATION_NOT_RUNNING`).' })
  async cancel(@Param('id') id: string, @Body() body: OperatorReasonDto, @Req() req: FastifyRequest) {
    const { reason } = parseOperatorRequest(body ?? {});
    return toOperationDto(await this.commands.execute(new CancelOperationCommand(id, { actor: actorOf(req), reason })));
  }
}
