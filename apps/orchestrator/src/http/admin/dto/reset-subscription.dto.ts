import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** `POST /v1/admin/subscriptions/{name}/reset`: `toPosition` or `toTime` (one of them), with a reason. */
export class ResetSubscriptionDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'The next position consumed (Kafka’s `--to-offset`); 1 replays the whole log.' })
  toPosition?: number;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', description: 'The first event created at or after this time is the next one consumed.' })
  toTime?: string;

  @ApiProperty({ type: 'string', minLength: 1, maxLength: 1000 })
  reason!: string;

  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'Only say what would change.' })
  dryRun?: boolean;
}

export class ResetSubscriptionResultDto {
  @ApiProperty({ type: 'boolean' })
  dryRun!: boolean;

  @ApiProperty({ type: 'integer' })
  currentPosition!: number;

  @ApiProperty({ type: 'integer' })
  newPosition!: number;

  @ApiProperty({ type: 'integer' })
  eventsToRedeliver!: number;

  @ApiProperty({ type: 'integer' })
  eventsToSkip!: number;
}
