import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { parseOperatorRequest, parseReplayRequest, parseUndoRequest } from '@retrace/domain';
import { CancelMessageCommand, ReplayMessageCommand, RetractMessageCommand, UndoMessageCommand } from '@retrace/engine';
import type { Request } from 'express';
import { actorOf } from '../actor-of';
import { toMessageDto } from '../messages/message.mapper';
import { Roles } from '../auth/access.decorator';

/**
 * Operator actions on one message. Each answers 202 with the message as it stands once the request
 * is recorded; the work itself (compensations, a replay's steps) runs asynchronously.
 */
@Controller('v1/admin/messages/:id')
@Roles()
export class MessageActionsController {
  constructor(private readonly commands: CommandBus) {}

  @Post('retract')
  @HttpCode(202)
  async retract(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const { reason } = parseOperatorRequest(body);
    return toMessageDto(await this.commands.execute(new RetractMessageCommand(id, { actor: actorOf(req), reason })));
  }

  @Post('cancel')
  @HttpCode(202)
  async cancel(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const { reason } = parseOperatorRequest(body);
    return toMessageDto(await this.commands.execute(new CancelMessageCommand(id, { actor: actorOf(req), reason })));
  }

  @Post('undo')
  @HttpCode(202)
  async undo(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const { reason, force } = parseUndoRequest(body);
    return toMessageDto(await this.commands.execute(new UndoMessageCommand(id, force, { actor: actorOf(req), reason })));
  }

  @Post('replay')
  @HttpCode(202)
  async replay(@Param('id') id: string, @Body() body: unknown, @Req() req: Request) {
    const { reason, ...request } = parseReplayRequest(body);
    return toMessageDto(await this.commands.execute(new ReplayMessageCommand(id, request, { actor: actorOf(req), reason })));
  }
}
