import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { parseEventsQuery } from '@retrace/domain';
import { ReadEventsQuery } from '@retrace/engine';
import { toLogEventDto } from './event.mapper';

@Controller('v1/events')
export class EventsController {
  constructor(private readonly queries: QueryBus) {}

  /** The log after a position (`after`, default 0) or since a time (`since`), gap-safe. */
  @Get()
  async read(@Query() query: Record<string, unknown>) {
    const q = parseEventsQuery(query);
    const from = q.since ? { since: q.since } : { after: q.after ?? 0 };
    const page = await this.queries.execute(new ReadEventsQuery(from, q.limit, q.types));
    return { events: page.events.map(toLogEventDto), lastPosition: page.lastPosition };
  }
}
