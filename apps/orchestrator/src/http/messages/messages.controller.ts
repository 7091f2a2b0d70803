import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { parseListMessagesQuery } from '@retrace/domain';
import { GetMessageEventsQuery, GetMessageQuery, ListMessagesQuery, PublishMessageCommand } from '@retrace/engine';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../actor-of';
import { toStreamEventDto } from '../events/event.mapper';
import { toMessageDto } from './message.mapper';
import { ServiceRoute } from '../auth/access.decorator';
import { ViewerRedaction } from '../redaction/viewer-redaction';
import { ApiErrors } from '../../openapi/api-errors.decorator';
import { MessageEventsDto } from '../events/dto/event.dto';
import { MessageDto, MessagePageDto } from './dto/message.dto';
import { PublishAnswerDto, PublishMessageDto } from './dto/publish-message.dto';

@Controller('v1/messages')
@ApiTags('messages')
export class MessagesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly redaction: ViewerRedaction,
  ) {}

  /** 202 with `{id, status, position}`; a repeat of the same id and body answers 200 with the first answer. */
  @Post()
  @ServiceRoute({ from: 'body', name: 'saga' })
  @ApiOperation({ summary: 'Publish a message' })
  @ApiAcceptedResponse({ type: PublishAnswerDto, description: 'Accepted; the saga runs asynchronously.' })
  @ApiOkResponse({ type: PublishAnswerDto, description: 'The same id and body were published before: the first answer.' })
  @ApiErrors([400, 404, 409], { 404: 'No such saga (`UNKNOWN_SAGA`).', 409: 'The id was published before with another body (`MESSAGE_ID_CONFLICT`).' })
  async publish(@Body() body: PublishMessageDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply): Promise<PublishAnswerDto> {
    const { answer, created } = await this.commands.execute(new PublishMessageCommand(body, actorOf(req)));
    res.status(created ? 202 : 200);
    return answer;
  }

  /** A service key must filter by one of its sagas (`?saga=`). */
  @Get()
  @ServiceRoute({ from: 'query', name: 'saga' }, 'viewer')
  @ApiOperation({ summary: 'List messages, newest first, with filters' })
  @ApiQuery({ name: 'status', required: false, type: 'string', description: 'Comma-separated statuses, e.g. `FAILED,COMPENSATED`.' })
  @ApiQuery({ name: 'saga', required: false, type: 'string', description: 'Required for a service key: one of its sagas.' })
  @ApiQuery({ name: 'q', required: false, type: 'string', description: 'Text search on the message id and correlation id.' })
  @ApiQuery({ name: 'from', required: false, type: 'string', format: 'date-time', description: 'Created at or after (ISO-8601 with a zone).' })
  @ApiQuery({ name: 'to', required: false, type: 'string', format: 'date-time', description: 'Created at or before (ISO-8601 with a zone).' })
  @ApiQuery({ name: 'cursor', required: false, type: 'string', description: '`nextCursor` of the previous page.' })
  @ApiQuery({ name: 'limit', required: false, type: 'integer', minimum: 1, maximum: 500, description: 'Default 50.' })
  @ApiOkResponse({ type: MessagePageDto })
  @ApiErrors([400])
  async list(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest): Promise<MessagePageDto> {
    const filter = parseListMessagesQuery(query);
    const page = await this.queries.execute(
      new ListMessagesQuery({
        statuses: filter.status,
        saga: filter.saga,
        search: filter.q,
        from: filter.from,
        to: filter.to,
        cursor: filter.cursor,
        limit: filter.limit,
      }),
    );
    const redaction = await this.redaction.for(req, page.items.map((m) => m.state.saga));
    return { items: page.items.map((m) => toMessageDto(m, redaction)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ServiceRoute({ from: 'message', name: 'id' }, 'viewer')
  @ApiOperation({ summary: 'Get a message: status, steps, results' })
  @ApiOkResponse({ type: MessageDto })
  @ApiErrors([404])
  async get(@Param('id') id: string, @Req() req: FastifyRequest): Promise<MessageDto> {
    const message = await this.queries.execute(new GetMessageQuery(id));
    return toMessageDto(message, await this.redaction.for(req, [message.state.saga]));
  }

  @Get(':id/events')
  @ServiceRoute({ from: 'message', name: 'id' }, 'viewer')
  @ApiOperation({ summary: 'A message’s whole history, oldest first' })
  @ApiOkResponse({ type: MessageEventsDto })
  @ApiErrors([404])
  async events(@Param('id') id: string, @Req() req: FastifyRequest): Promise<MessageEventsDto> {
    const events = await this.queries.execute(new GetMessageEventsQuery(id));
    const redaction = await this.redaction.for(req, events.map((e) => e.metadata.saga));
    return { events: events.map((e) => toStreamEventDto(e, redaction)) };
  }
}
