import { Body, Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { parseResetSubscriptionRequest, parseSubscriptionName } from '@retrace/domain';
import { ResetSubscriptionCommand } from '@retrace/engine';
import type { Request } from 'express';
import { actorOf } from '../actor-of';
import { Roles } from '../auth/access.decorator';

/** Operator actions on subscriptions. */
@Controller('v1/admin/subscriptions')
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
  async reset(@Param('name') name: string, @Body() body: unknown, @Req() req: Request) {
    const checked = parseSubscriptionName(name);
    const request = parseResetSubscriptionRequest(body);
    return this.commands.execute(new ResetSubscriptionCommand(checked, request, actorOf(req)));
  }
}
