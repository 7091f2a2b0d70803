import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { parseAckRequest, parseNextBatchQuery, parsePutSubscriptionRequest, parseSubscriptionName } from '@retrace/domain';
import {
  AckSubscriptionCommand,
  GetSubscriptionQuery,
  ListSubscriptionsQuery,
  NextBatchCommand,
  PutSubscriptionCommand,
} from '@retrace/engine';
import type { Request, Response } from 'express';
import { actorOf } from '../actor-of';
import { toNextBatchDto, toSubscriptionDto } from './subscription.mapper';
import { ServiceRoute } from '../auth/access.decorator';
import { sagaScopeOf } from '../auth/request-key';

/** Durable subscriptions (consumer groups) over the log: define, take a batch, acknowledge it. */
@Controller('v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 201 when new, 200 when the same definition was there already, 409 when another one is. */
  @Put(':name')
  @ServiceRoute({ from: 'subscription-body' })
  async put(@Param('name') name: string, @Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const checked = parseSubscriptionName(name);
    const definition = parsePutSubscriptionRequest(body);
    const { subscription, created } = await this.commands.execute(new PutSubscriptionCommand(checked, definition, actorOf(req)));
    res.status(created ? 201 : 200);
    return toSubscriptionDto(subscription);
  }

  /** A service key sees only the subscriptions filtered to one of its sagas. */
  @Get()
  @ServiceRoute({ from: 'filtered' }, 'viewer')
  async list(@Req() req: Request) {
    const scope = sagaScopeOf(req);
    const subs = await this.queries.execute(new ListSubscriptionsQuery());
    const visible = scope ? subs.filter((s) => s.definition.filter.saga !== undefined && scope.allows(s.definition.filter.saga)) : subs;
    return { items: visible.map(toSubscriptionDto) };
  }

  @Get(':name')
  @ServiceRoute({ from: 'subscription', name: 'name' }, 'viewer')
  async get(@Param('name') name: string) {
    return toSubscriptionDto(await this.queries.execute(new GetSubscriptionQuery(parseSubscriptionName(name))));
  }

  /** Leases the next batch to this caller (so it is a GET that changes something: never cache it). */
  @Get(':name/next')
  @ServiceRoute({ from: 'subscription', name: 'name' })
  @Header('Cache-Control', 'no-store')
  async next(@Param('name') name: string, @Query() query: Record<string, unknown>) {
    const checked = parseSubscriptionName(name);
    const { limit } = parseNextBatchQuery(query);
    return toNextBatchDto(await this.commands.execute(new NextBatchCommand(checked, limit)));
  }

  @Post(':name/ack')
  @ServiceRoute({ from: 'subscription', name: 'name' })
  @HttpCode(200)
  async ack(@Param('name') name: string, @Body() body: unknown, @Req() req: Request) {
    const checked = parseSubscriptionName(name);
    const { position, leaseId } = parseAckRequest(body);
    const sub = await this.commands.execute(new AckSubscriptionCommand(checked, position, leaseId, actorOf(req)));
    return { name: sub.name, committedPosition: sub.committedPosition };
  }
}
