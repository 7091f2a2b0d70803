import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Who caused an event and why. */
export class EventMetadataDto {
  @ApiProperty({ type: 'string', nullable: true, description: 'The API key name (or `anonymous`, `worker`, …) that caused it.' })
  actor!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  reason!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  runId!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  causationId!: string | null;

  @ApiProperty({ type: 'string', nullable: true })
  correlationId!: string | null;

  @ApiPropertyOptional({ type: 'string', description: 'The bulk operation that caused it.' })
  operationId?: string;

  @ApiPropertyOptional({ type: 'string' })
  saga?: string;
}

/** An event of one message's history. */
export class StreamEventDto {
  @ApiProperty({ type: 'integer', description: 'Global, gap-free order in the log (from 1).' })
  position!: number;

  @ApiProperty({ type: 'integer', description: 'Order within its stream (from 1).' })
  version!: number;

  @ApiProperty({ type: 'string', example: 'StepFailed' })
  type!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  data!: unknown;

  @ApiProperty({ type: () => EventMetadataDto })
  metadata!: EventMetadataDto;

  @ApiProperty({ type: 'string', format: 'date-time', description: 'The database’s clock.' })
  createdAt!: string;
}

/** An event of the whole log: it also names its stream. */
export class LogEventDto extends StreamEventDto {
  @ApiProperty({ type: 'string', example: 'message-order-1' })
  streamId!: string;
}

export class MessageEventsDto {
  @ApiProperty({ type: () => [StreamEventDto], description: 'Oldest first.' })
  events!: StreamEventDto[];
}

export class EventsPageDto {
  @ApiProperty({ type: () => [LogEventDto] })
  events!: LogEventDto[];

  @ApiProperty({ type: 'integer', description: 'Continue with `after=lastPosition`; past a short page it is the head the read covered.' })
  lastPosition!: number;
}
