import { Controller, Get, Logger, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { parseEventsQuery, parseEventsStreamQuery } from '@retrace/domain';
import { ReadEventsQuery, TailEventsQuery } from '@retrace/engine';
import type { Request, Response } from 'express';
import { toLogEventDto, toSseMessage } from './event.mapper';
import { SseResponse } from './sse-response';
import { ServiceRoute } from '../auth/access.decorator';

@Controller('v1/events')
export class EventsController {
  private readonly logger = new Logger(EventsController.name);

  constructor(private readonly queries: QueryBus) {}

  /**
   * The log after a position (`after`, default 0) or since a time (`since`), gap-safe, filtered by
   * `types` and `saga`. Continue with `after=lastPosition`: past a short page it is the head the
   * read covered, so what the filter skipped is never scanned again.
   */
  @Get()
  @ServiceRoute({ from: 'query', name: 'saga' }, 'viewer')
  async read(@Query() query: Record<string, unknown>) {
    const q = parseEventsQuery(query);
    const from = q.since ? { since: q.since } : { after: q.after ?? 0 };
    const page = await this.queries.execute(new ReadEventsQuery(from, q.limit, q.types, q.saga));
    return { events: page.events.map(toLogEventDto), lastPosition: page.lastPosition };
  }

  /**
   * The same, live, as server-sent events (`id` = position, `event` = type, `data` = the item of
   * `GET /v1/events`). A reconnect's `Last-Event-ID` wins over `after`/`since`. Express's response
   * is used directly (not `@Sse()`): heartbeats are SSE comments, which Nest's MessageEvent cannot
   * express, and each write's return value is what backpressure needs.
   */
  @Get('stream')
  @ServiceRoute({ from: 'query', name: 'saga' }, 'viewer')
  async stream(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const q = parseEventsStreamQuery(query, req.headers['last-event-id']);
    const sse = new SseResponse(res);
    const from = q.since ? { since: q.since } : { after: q.after ?? 0 };
    const tail = await this.queries.execute(new TailEventsQuery(from, { types: q.types, saga: q.saga }, sse.signal));
    sse.open(tail.heartbeatMs, tail.signal);
    try {
      for await (const events of tail.pages) {
        for (const event of events) await sse.send(toSseMessage(event));
        if (sse.signal.aborted) break;
      }
    } catch (error) {
      // Headers are out: end the stream; the client reconnects with Last-Event-ID.
      this.logger.warn(`event stream ended by an error: ${String(error)}`);
    } finally {
      sse.close();
    }
  }
}
