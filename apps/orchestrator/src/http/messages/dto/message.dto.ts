import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_STATUSES, type MessageStatus, type StepStatus } from '@retrace/domain';

const STEP_STATUSES: StepStatus[] = ['PENDING', 'DISPATCHED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'COMPENSATING', 'COMPENSATED', 'COMPENSATION_FAILED', 'SKIPPED'];

export class StepErrorDto {
  @ApiProperty({ type: 'string' })
  message!: string;

  @ApiPropertyOptional({ type: 'boolean', description: 'The worker said retrying cannot help (a 4xx, an UnrecoverableError).' })
  permanent?: boolean;

  @ApiPropertyOptional({ type: 'string', example: 'DEADLINE_EXCEEDED' })
  code?: string;
}

export class MessageStepDto {
  @ApiProperty({ type: 'string', example: 'charge' })
  name!: string;

  @ApiProperty({ type: 'string', enum: STEP_STATUSES })
  status!: StepStatus;

  @ApiProperty({ type: 'integer', description: 'Attempts of the current kind (action, then compensation) in the current run.' })
  attempts!: number;

  @ApiProperty({ nullable: true, description: 'What the action returned (any JSON), handed to its compensation.' })
  result!: unknown;

  @ApiProperty({ type: () => StepErrorDto, nullable: true })
  error!: StepErrorDto | null;
}

/** The message view (API.md): what `GET /v1/messages/{id}` and every operator action answer. */
export class MessageDto {
  @ApiProperty({ type: 'string', example: 'order-1' })
  id!: string;

  @ApiProperty({ type: 'string', example: 'order' })
  saga!: string;

  @ApiProperty({ type: 'integer', description: 'The saga version the message is pinned to.' })
  sagaVersion!: number;

  @ApiProperty({ type: 'string', enum: ['command', 'event'] })
  type!: 'command' | 'event';

  @ApiProperty({ type: 'string', enum: [...MESSAGE_STATUSES], nullable: true })
  status!: MessageStatus | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'The payload of the current run (after a replay patch).' })
  payload?: Record<string, unknown>;

  @ApiProperty({ type: 'string', nullable: true })
  correlationId!: string | null;

  @ApiProperty({ type: 'string', description: 'The current run; each replay starts a new one.' })
  runId!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: () => [MessageStepDto] })
  steps!: MessageStepDto[];
}

export class MessagePageDto {
  @ApiProperty({ type: () => [MessageDto] })
  items!: MessageDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Pass as `cursor` for the next page; `null` on the last.' })
  nextCursor!: string | null;
}
