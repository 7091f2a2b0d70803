import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { parseAckRequest, parseNextBatchQuery, parsePutSubscriptionRequest, parseSubscriptionName } from '@retrace/domain';
import {
  AckSubscriptionCommand,
  GetSubscriptionQuery,
  ListSubscriptionsQuery,
  NextBatchCommand,
  PutSubscriptionCommand,
} from '@retrace/engine';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../actor-of';
import { toNextBatchDto, toSubscriptionDto } from './subscription.mapper';
import { ServiceRoute } from '../auth/access.decorator';
import { sagaScopeOf } from '../auth/request-key';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { AckAnswerDto, AckDto, NextBatchDto, PutSubscriptionDto, SubscriptionDto, SubscriptionListDto } from './dto/subscription.dto';

/** Durable subscriptions (consumer groups) over the log: define, take a batch, acknowledge it. */
@Controller('v1/subscriptions')
@ApiTags('subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 201 when new, 200 when the same definition was there already, 409 when another one is. */
  @Put(':name')
  @ServiceRoute({ from: 'subscription-body' })
  @ApiOperation({ summary: 'Define a durable subscription' })
  @ApiCreatedResponse({ type: SubscriptionDto, description: 'A new subscription.' })
  @ApiOkResponse({ type: SubscriptionDto, description: 'The same definition was there already.' })
  @ApiErrors([400, 409], { 409: 'Another definition has this name (`SUBSCRIPTION_DEFINITION_CONFLICT`).' })
  async put(@Param('name') name: string, @Body() body: PutSubscriptionDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<SubscriptionDto> {
    const checked = parseSubscriptionName(name);
    const definition = parsePutSubscriptionRequest(body);
    const { subscription, created } = await this.commands.execute(new PutSubscriptionCommand(checked, definition, actorOf(req)));
    res.status(created ? 201 : 200);
    return toSubscriptionDto(subscription);
  }

  /** A service key sees only the subscriptions filtered to one of its sagas. */
  @Get()
  @ServiceRoute({ from: 'filtered' }, 'viewer')
  @ApiOperation({ summary: 'List subscriptions with their lag' })
  @ApiOkResponse({ type: SubscriptionListDto })
  async list(@Req() req: FastifyRequest): Promise<SubscriptionListDto> {
    const scope = sagaScopeOf(req);
    const subs = await this.queries.execute(new ListSubscriptionsQuery());
    const visible = scope ? subs.filter((s) => s.definition.filter.saga !== undefined && scope.allows(s.definition.filter.saga)) : subs;
    return { items: visible.map(toSubscriptionDto) };
  }

  @Get(':name')
  @ServiceRoute({ from: 'subscription', name: 'name' }, 'viewer')
  @ApiOperation({ summary: 'Get a subscription' })
  @ApiOkResponse({ type: SubscriptionDto })
  @ApiErrors([400, 404])
  async get(@Param('name') name: string): Promise<SubscriptionDto> {
    return toSubscriptionDto(await this.queries.execute(new GetSubscriptionQuery(parseSubscriptionName(name))));
  }

  /** Leases the next batch to this caller (so it is a GET that changes something: never cache it). */
  @Get(':name/next')
  @ServiceRoute({ from: 'subscription', name: 'name' })
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Lease the next batch of events' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 1000, description: 'Default 100.' })
  @ApiOkResponse({ type: NextBatchDto })
  @ApiErrors([400, 404])
  async next(@Param('name') name: string, @Query() query: Record<string, unknown>): Promise<NextBatchDto> {
    const checked = parseSubscriptionName(name);
    const { limit } = parseNextBatchQuery(query);
    return toNextBatchDto(await this.commands.execute(new NextBatchCommand(checked, limit)));
  }

  @Post(':name/ack')
  @ServiceRoute({ from: 'subscription', name: 'name' })
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge a batch up to a position' })
  @ApiOkResponse({ type: AckAnswerDto })
  @ApiErrors([400, 404, 409], { 409: 'The batch was taken over by another consumer (`STALE_ACK`), or the position is beyond what was delivered.' })
  async ack(@Param('name') name: string, @Body() body: AckDto, @Req() req: FastifyRequest): Promise<AckAnswerDto> {
    const checked = parseSubscriptionName(name);
    const { position, leaseId } = parseAckRequest(body);
    const sub = await this.commands.execute(new AckSubscriptionCommand(checked, position, leaseId, actorOf(req)));
    return { name: sub.name, committedPosition: sub.committedPosition };
  }
}
