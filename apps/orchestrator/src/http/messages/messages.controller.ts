import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { parseListMessagesQuery } from '@retrace/domain';
import { GetMessageEventsQuery, GetMessageQuery, ListMessagesQuery, PublishMessageCommand } from '@retrace/engine';
import type { Request, Response } from 'express';
import { actorOf } from '../actor-of';
import { toStreamEventDto } from '../events/event.mapper';
import { toMessageDto } from './message.mapper';
import { ServiceRoute } from '../auth/access.decorator';

@Controller('v1/messages')
export class MessagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 202 with `{id, status, position}`; a repeat of the same id and body answers 200 with the first answer. */
  @Post()
  @ServiceRoute({ from: 'body', name: 'saga' })
  async publish(@Body() body: unknown, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const { answer, created } = await this.commands.execute(new PublishMessageCommand(body, actorOf(req)));
    res.status(created ? 202 : 200);
    return answer;
  }

  /** A service key must filter by one of its sagas (`?saga=`). */
  @Get()
  @ServiceRoute({ from: 'query', name: 'saga' }, 'viewer')
  async list(@Query() query: Record<string, unknown>) {
    const filter = parseListMessagesQuery(query);
    const page = await this.queries.execute(
      new ListMessagesQuery({
        statuses: filter.status,
        saga: filter.saga,
        from: filter.from,
        to: filter.to,
        cursor: filter.cursor,
        limit: filter.limit,
      }),
    );
    return { items: page.items.map(toMessageDto), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ServiceRoute({ from: 'message', name: 'id' }, 'viewer')
  async get(@Param('id') id: string) {
    return toMessageDto(await this.queries.execute(new GetMessageQuery(id)));
  }

  @Get(':id/events')
  @ServiceRoute({ from: 'message', name: 'id' }, 'viewer')
  async events(@Param('id') id: string) {
    const events = await this.queries.execute(new GetMessageEventsQuery(id));
    return { events: events.map(toStreamEventDto) };
  }
}
