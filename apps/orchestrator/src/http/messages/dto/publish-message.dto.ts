import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_ID_PATTERN, PUBLISH_LIMITS, SAGA_NAME_PATTERN } from '@retrace/domain';

/** `POST /v1/messages`: validated (400) before the saga is looked up (404). */
export class PublishMessageDto {
  @ApiProperty({ type: 'string', pattern: SAGA_NAME_PATTERN.source, example: 'order' })
  saga!: string;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    pattern: MESSAGE_ID_PATTERN.source,
    description: 'Idempotency key: the same id and body again answers 200 with the first answer, another body 409. Generated (UUID) when absent.',
    example: 'order-1',
  })
  id?: string | null;

  @ApiPropertyOptional({ type: 'string', enum: ['command', 'event'], default: 'command' })
  type?: 'command' | 'event';

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, default: {}, description: `A JSON object, at most ${PUBLISH_LIMITS.maxPayloadDepth} levels deep.`, example: { sku: 'A-1', qty: 2 } })
  payload?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: PUBLISH_LIMITS.maxDelayMs, default: 0 })
  delayMs?: number;

  @ApiPropertyOptional({ type: 'string', nullable: true, minLength: 1, maxLength: PUBLISH_LIMITS.maxCorrelationIdLength })
  correlationId?: string | null;
}

/** 202 for a new message; 200 with the first answer for a repeat of the same id and body. */
export class PublishAnswerDto {
  @ApiProperty({ type: 'string', example: 'order-1' })
  id!: string;

  @ApiProperty({ type: 'string', enum: ['PENDING'] })
  status!: 'PENDING';

  @ApiProperty({ type: 'integer', description: 'Log position of the message’s first event.' })
  position!: number;
}
