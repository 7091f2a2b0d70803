import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SAGA_NAME_PATTERN, SUBSCRIPTION_LIMITS as L } from '@retrace/domain';
import { LogEventDto } from '../../events/dto/event.dto';

/** Which events a subscription delivers; every field narrows, `{}` takes every event. */
export class SubscriptionFilterDto {
  @ApiPropertyOptional({ type: 'string', isArray: true, minItems: 1, maxItems: L.maxTypes, example: ['MessageSettled'] })
  types?: string[];

  @ApiPropertyOptional({ type: 'string', pattern: SAGA_NAME_PATTERN.source, description: 'Required when a service key defines the subscription.' })
  saga?: string;

  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: L.maxStreamPrefix, example: 'message-' })
  streamPrefix?: string;
}

/** `PUT /v1/subscriptions/{name}`. */
export class PutSubscriptionDto {
  @ApiProperty({ type: () => SubscriptionFilterDto })
  filter!: SubscriptionFilterDto;

  @ApiPropertyOptional({ type: 'string', enum: ['beginning', 'end'], default: 'beginning' })
  startAt?: 'beginning' | 'end';

  @ApiPropertyOptional({ type: 'integer', minimum: L.minAckTimeoutMs, maximum: L.maxAckTimeoutMs, default: L.defaultAckTimeoutMs })
  ackTimeoutMs?: number;
}

export class SubscriptionLeaseDto {
  @ApiProperty({ type: 'string', format: 'date-time' })
  until!: string;

  @ApiProperty({ type: 'integer', description: 'The last position of the leased batch.' })
  upToPosition!: number;

  @ApiProperty({ type: 'boolean', description: 'Whether the lease still holds.' })
  active!: boolean;
}

export class SubscriptionDto {
  @ApiProperty({ type: 'string', example: 'billing.projector' })
  name!: string;

  @ApiProperty({ type: () => SubscriptionFilterDto })
  filter!: SubscriptionFilterDto;

  @ApiProperty({ type: 'string', enum: ['beginning', 'end'] })
  startAt!: 'beginning' | 'end';

  @ApiProperty({ type: 'integer' })
  ackTimeoutMs!: number;

  @ApiProperty({ type: 'integer' })
  startPosition!: number;

  @ApiProperty({ type: 'integer', description: 'Every event up to here is acknowledged.' })
  committedPosition!: number;

  @ApiPropertyOptional({ type: 'integer' })
  headPosition?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'Matching events after the committed position.' })
  lag?: number;

  @ApiPropertyOptional({ type: 'boolean', description: 'The lag count stopped at a cap.' })
  lagCapped?: boolean;

  @ApiProperty({ type: () => SubscriptionLeaseDto, nullable: true })
  lease!: SubscriptionLeaseDto | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  updatedAt!: string;
}

export class SubscriptionListDto {
  @ApiProperty({ type: () => [SubscriptionDto] })
  items!: SubscriptionDto[];
}

/** A leased batch; `cursor` and `leaseId` only when there is something to acknowledge. */
export class NextBatchDto {
  @ApiProperty({ type: () => [LogEventDto] })
  events!: LogEventDto[];

  @ApiPropertyOptional({ type: 'integer', description: 'Acknowledge with `{"position": cursor}`.' })
  cursor?: number;

  @ApiPropertyOptional({ type: 'string' })
  leaseId?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date-time' })
  leasedUntil?: string;

  @ApiProperty({ type: 'integer' })
  committedPosition!: number;
}

/** `POST /v1/subscriptions/{name}/ack`. */
export class AckDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The batch’s cursor, or the position of its last event handled.' })
  position!: number;

  @ApiPropertyOptional({ type: 'string', minLength: 1, maxLength: 100, description: 'When given, the ack is refused (409) if another consumer took the batch over.' })
  leaseId?: string;
}

export class AckAnswerDto {
  @ApiProperty({ type: 'string' })
  name!: string;

  @ApiProperty({ type: 'integer' })
  committedPosition!: number;
}
