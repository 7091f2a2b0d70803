import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { parseResetSubscriptionRequest, parseSubscriptionName } from '@retrace/domain';
import { ResetSubscriptionCommand } from '@retrace/engine';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../actor-of';
import { Roles } from '../auth/access.decorator';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { ResetSubscriptionDto, ResetSubscriptionResultDto } from './dto/reset-subscription.dto';

/** Operator actions on subscriptions. */
@Controller('v1/admin/subscriptions')
@ApiTags('admin')
export class SubscriptionsAdminController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Moves the committed position (`{toPosition}`: the next position consumed, as Kafka's
   * `--to-offset`; or `{toTime}`), recorded with actor and reason; `dryRun: true` only tells.
   * 200 `{dryRun, currentPosition, newPosition, eventsToRedeliver, eventsToSkip}`.
   */
  @Post(':name/reset')
  @Roles()
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a subscription’s position (or say what that would do)' })
  @ApiOkResponse({ type: ResetSubscriptionResultDto })
  @ApiErrors([400, 404])
  async reset(@Param('name') name: string, @Body() body: ResetSubscriptionDto, @Req() req: FastifyRequest): Promise<ResetSubscriptionResultDto> {
    const checked = parseSubscriptionName(name);
    const request = parseResetSubscriptionRequest(body);
    return this.commands.execute(new ResetSubscriptionCommand(checked, request, actorOf(req)));
  }
}
