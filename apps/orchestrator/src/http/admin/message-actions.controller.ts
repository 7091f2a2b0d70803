import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { parseOperatorRequest, parseReplayRequest, parseUndoRequest } from '@retrace/domain';
import { CancelMessageCommand, ReplayMessageCommand, RetractMessageCommand, UndoMessageCommand } from '@retrace/engine';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../actor-of';
import { toMessageDto } from '../messages/message.mapper';
import { Roles } from '../auth/access.decorator';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { MessageDto } from '../messages/dto/message.dto';
import { OperatorReasonDto, ReplayMessageDto, UndoMessageDto } from './dto/operator-request.dto';

/**
 * Operator actions on one message. Each answers 202 with the message as it stands once the request
 * is recorded; the work itself (compensations, a replay's steps) runs asynchronously.
 */
@Controller('v1/admin/messages/:id')
@Roles()
@ApiTags('admin')
export class MessageActionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('retract')
  @HttpCode(202)
  @ApiOperation({ summary: 'Retract a message no step has started' })
  @ApiAcceptedResponse({ type: MessageDto, description: 'Recorded; the message as it stands. The work runs asynchronously: poll the message or its events.' })
  @ApiErrors([400, 404, 409], { 409: 'A step has started (`ILLEGAL_TRANSITION`, `STEP_ALREADY_STARTED`): use cancel.' })
  async retract(@Param('id') id: string, @Body() body: OperatorReasonDto, @Req() req: FastifyRequest): Promise<MessageDto> {
    const { reason } = parseOperatorRequest(body);
    return toMessageDto(await this.commands.execute(new RetractMessageCommand(id, { actor: actorOf(req), reason })));
  }

  @Post('cancel')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cancel a running message and compensate its completed steps' })
  @ApiAcceptedResponse({ type: MessageDto, description: 'Recorded; the message as it stands. The work runs asynchronously: poll the message or its events.' })
  @ApiErrors([400, 404, 409], { 409: 'The message is not PROCESSING or REPLAYING (`ILLEGAL_TRANSITION`).' })
  async cancel(@Param('id') id: string, @Body() body: OperatorReasonDto, @Req() req: FastifyRequest): Promise<MessageDto> {
    const { reason } = parseOperatorRequest(body);
    return toMessageDto(await this.commands.execute(new CancelMessageCommand(id, { actor: actorOf(req), reason })));
  }

  @Post('undo')
  @HttpCode(202)
  @ApiOperation({ summary: 'Undo a finished message: compensate its completed steps in reverse' })
  @ApiAcceptedResponse({ type: MessageDto, description: 'Recorded; the message as it stands. The work runs asynchronously: poll the message or its events.' })
  @ApiErrors([400, 404, 409], { 409: 'Not allowed in this status (`ILLEGAL_TRANSITION`), or irreversible steps and no `force` (`IRREVERSIBLE_STEPS`).' })
  async undo(@Param('id') id: string, @Body() body: UndoMessageDto, @Req() req: FastifyRequest): Promise<MessageDto> {
    const { reason, force } = parseUndoRequest(body);
    return toMessageDto(await this.commands.execute(new UndoMessageCommand(id, force, { actor: actorOf(req), reason })));
  }

  @Post('replay')
  @HttpCode(202)
  @ApiOperation({ summary: 'Replay a message in a new run' })
  @ApiAcceptedResponse({ type: MessageDto, description: 'Recorded; the message as it stands. The work runs asynchronously: poll the message or its events.' })
  @ApiErrors([400, 404, 409], { 400: 'Invalid input, or `fromStep` is not a step of the saga (`UNKNOWN_STEP`).', 409: 'Not allowed in this status (`ILLEGAL_TRANSITION`; a COMPLETED message needs `force`).' })
  async replay(@Param('id') id: string, @Body() body: ReplayMessageDto, @Req() req: FastifyRequest): Promise<MessageDto> {
    const { reason, ...request } = parseReplayRequest(body);
    return toMessageDto(await this.commands.execute(new ReplayMessageCommand(id, request, { actor: actorOf(req), reason })));
  }
}
