import { Controller, Get, Logger, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import { parseEventsQuery, parseEventsStreamQuery } from '@retrace/domain';
import { ReadEventsQuery, TailEventsQuery } from '@retrace/engine';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toLogEventDto, toSseMessage } from './event.mapper';
import { SseResponse } from './sse-response';
import { ServiceRoute } from '../auth/access.decorator';
import { ViewerRedaction } from '../redaction/viewer-redaction';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { EventsPageDto } from './dto/event.dto';

const AFTER = { name: 'after', required: false, type: 'integer', minimum: 0, description: 'Read after this position (default 0: from the start).' } as const;
const SINCE = { name: 'since', required: false, type: 'string', format: 'date-time', description: 'Read events created at or after this time; not with `after`.' } as const;
const TYPES = { name: 'types', required: false, type: 'string', description: 'Comma-separated event types (up to 50), e.g. `StepFailed,MessageSettled`.' } as const;
const SAGA = { name: 'saga', required: false, type: 'string', description: 'One saga’s message and definition events; required for a service key.' } as const;

@Controller('v1/events')
@ApiTags('events')
export class EventsController {
  private readonly logger = new Logger(EventsController.name);

  constructor(
    private readonly queries: QueryBus,
    private readonly redaction: ViewerRedaction,
  ) {}

  /**
   * The log after a position (`after`, default 0) or since a time (`since`), gap-safe, filtered by
   * `types` and `saga`. Continue with `after=lastPosition`: past a short page it is the head the
   * read covered, so what the filter skipped is never scanned again.
   */
  @Get()
  @ServiceRoute({ from: 'query', name: 'saga' }, 'viewer')
  @ApiOperation({ summary: 'Read a page of the log' })
  @ApiQuery(AFTER)
  @ApiQuery(SINCE)
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 1000, description: 'Default 100.' })
  @ApiQuery(TYPES)
  @ApiQuery(SAGA)
  @ApiOkResponse({ type: EventsPageDto })
  @ApiErrors([400])
  async read(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest): Promise<EventsPageDto> {
    const q = parseEventsQuery(query);
    const from = q.since ? { since: q.since } : { after: q.after ?? 0 };
    const page = await this.queries.execute(new ReadEventsQuery(from, q.limit, q.types, q.saga));
    const redaction = await this.redaction.for(req, page.events.map((e) => e.metadata.saga));
    return { events: page.events.map((e) => toLogEventDto(e, redaction)), lastPosition: page.lastPosition };
  }

  /**
   * The same, live, as server-sent events (`id` = position, `event` = type, `data` = the item of
   * `GET /v1/events`). A reconnect's `Last-Event-ID` wins over `after`/`since`. The reply
   * is used directly (not `@Sse()`): heartbeats are SSE comments, which Nest's MessageEvent cannot
   * express, and each write's return value is what backpressure needs.
   */
  @Get('stream')
  @ServiceRoute({ from: 'query', name: 'saga' }, 'viewer')
  @ApiOperation({ summary: 'Follow the log live (server-sent events)' })
  @ApiQuery(AFTER)
  @ApiQuery(SINCE)
  @ApiQuery(TYPES)
  @ApiQuery(SAGA)
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'A position to resume after (wins over `after`/`since`); EventSource sends it on reconnect.' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An open stream: `id` = position, `event` = type, `data` = the item of `GET /v1/events`; `: keep-alive` comments every 15 s.',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: 'id: 9951\nevent: MessageAccepted\ndata: {"position":9951,"type":"MessageAccepted",...}\n\n' } },
  })
  @ApiErrors([400])
  async stream(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() res: FastifyReply): Promise<void> {
    const q = parseEventsStreamQuery(query, req.headers['last-event-id']);
    const sse = new SseResponse(res);
    const from = q.since ? { since: q.since } : { after: q.after ?? 0 };
    const tail = await this.queries.execute(new TailEventsQuery(from, { types: q.types, saga: q.saga }, sse.signal));
    sse.open(tail.heartbeatMs, tail.signal);
    try {
      for await (const events of tail.pages) {
        const redaction = await this.redaction.for(req, events.map((e) => e.metadata.saga));
        for (const event of events) await sse.send(toSseMessage(event, redaction));
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
