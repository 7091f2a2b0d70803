import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MESSAGE_STATUSES, OPERATION_ACTIONS, OPERATION_LIMITS, SAGA_NAME_PATTERN, type MessageStatus } from '@retrace/domain';

/** Which messages, by their acceptance (position and time of their first event); bounds inclusive, at least one. */
export class OperationSelectorDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 1200 })
  fromPosition?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, example: 9800 })
  toPosition?: number;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', example: '2026-11-20T10:02:00Z' })
  from?: string;

  @ApiPropertyOptional({ type: 'string', format: 'date-time', example: '2026-11-20T10:17:00Z' })
  to?: string;

  @ApiPropertyOptional({ type: 'string', pattern: SAGA_NAME_PATTERN.source, example: 'order' })
  saga?: string;

  @ApiPropertyOptional({ type: 'string', enum: [...MESSAGE_STATUSES], isArray: true, example: ['FAILED', 'COMPENSATED'] })
  status?: MessageStatus[];
}

/** `POST /v1/admin/operations`: a bulk replay, undo or retract over a selector. */
export class CreateOperationDto {
  @ApiProperty({ type: 'string', enum: [...OPERATION_ACTIONS] })
  action!: 'replay' | 'undo' | 'retract';

  @ApiProperty({ type: 'string', minLength: 1, maxLength: 1000, example: 'bad deploy 10:02-10:17' })
  reason!: string;

  @ApiProperty({ type: () => OperationSelectorDto })
  selector!: OperationSelectorDto;

  @ApiPropertyOptional({ type: 'boolean', default: false, description: '`true`: 200 with the plan, nothing changes.' })
  dryRun?: boolean;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: OPERATION_LIMITS.maxMaxInFlight, default: OPERATION_LIMITS.defaultMaxInFlight })
  maxInFlight?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, description: 'The dry run’s `matched`; required above RETRACE_CONFIRM_ABOVE (default 1000), 409 when it no longer matches.' })
  confirm?: number;

  @ApiPropertyOptional({ type: 'string', enum: ['resume', 'restart'], default: 'resume', description: 'Replay only.' })
  mode?: 'resume' | 'restart';

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Replay only.' })
  fromStep?: string | null;

  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'Replay (of COMPLETED) and undo (past irreversible steps).' })
  force?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Replay only: a JSON Merge Patch on each payload.' })
  patch?: Record<string, unknown> | null;
}
