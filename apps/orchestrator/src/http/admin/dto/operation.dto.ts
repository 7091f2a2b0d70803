import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { MESSAGE_STATUSES, OPERATION_ACTIONS, type MessageStatus } from '@retrace/domain';
import { OperationSelectorDto } from './create-operation.dto';

const COUNTS = { type: 'object', additionalProperties: { type: 'integer' } } as const;

/** A message the action would be taken on, and what it would do. */
export class ActingPlanDto {
  @ApiProperty({ type: 'boolean', enum: [true] })
  acts!: true;

  @ApiProperty({ type: 'string', isArray: true, description: 'Steps a replay would run.' })
  run!: string[];

  @ApiProperty({ type: 'string', isArray: true, description: 'Steps whose recorded results a replay would reuse.' })
  reuse!: string[];

  @ApiProperty({ type: 'string', isArray: true, description: 'Steps an undo would compensate, in order.' })
  compensate!: string[];

  @ApiProperty({ type: 'string', isArray: true, description: 'Irreversible steps a forced undo would pass over.' })
  skipCompensation!: string[];

  @ApiProperty({ type: 'string', nullable: true, description: 'The step whose job a retract would withdraw.' })
  withdraw!: string | null;
}

/** A message the action would pass over (`skipped`: its status does not allow it) or fail on. */
export class RefusedPlanDto {
  @ApiProperty({ type: 'boolean', enum: [false] })
  acts!: false;

  @ApiProperty({ type: 'string', enum: ['skipped', 'failed'] })
  outcome!: 'skipped' | 'failed';

  @ApiProperty({ type: 'string', example: 'ILLEGAL_TRANSITION' })
  code!: string;

  @ApiProperty({ type: 'string' })
  reason!: string;
}

@ApiExtraModels(ActingPlanDto, RefusedPlanDto)
export class DryRunSampleItemDto {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string' })
  saga!: string;

  @ApiProperty({ type: 'string', enum: [...MESSAGE_STATUSES], nullable: true })
  status!: MessageStatus | null;

  @ApiProperty({ oneOf: [{ $ref: getSchemaPath(ActingPlanDto) }, { $ref: getSchemaPath(RefusedPlanDto) }] })
  plan!: ActingPlanDto | RefusedPlanDto;
}

export class DryRunPlanDto {
  @ApiProperty({ type: 'integer', description: 'Messages the action would be taken on.' })
  act!: number;

  @ApiProperty({ ...COUNTS, description: 'Messages passed over, by reason.' })
  skip!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Messages it would fail on, by reason.' })
  fail!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Per step: messages that would run it.' })
  run!: Record<string, number>;

  @ApiProperty({ ...COUNTS, description: 'Per step: messages that would compensate it.' })
  compensate!: Record<string, number>;
}

/** 200 for `dryRun: true`: nothing changed. */
export class OperationDryRunDto {
  @ApiProperty({ type: 'integer' })
  matched!: number;

  @ApiProperty({ type: () => [DryRunSampleItemDto] })
  sample!: DryRunSampleItemDto[];

  @ApiProperty({ type: () => DryRunPlanDto })
  plan!: DryRunPlanDto;
}

/** 202 for a real run. */
export class OperationCreatedDto {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  matched!: number;
}

/** An operation's state; `done` = `succeeded` + `failed` + `skipped`. */
export class OperationDto {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string', enum: [...OPERATION_ACTIONS] })
  action!: 'replay' | 'undo' | 'retract';

  @ApiProperty({ type: 'string', enum: ['running', 'cancelling', 'cancelled', 'completed', 'failed'] })
  status!: string;

  @ApiProperty({ type: 'integer', description: 'Matched when the operation was created.' })
  total!: number;

  @ApiProperty({ type: 'integer' })
  done!: number;

  @ApiProperty({ type: 'integer' })
  succeeded!: number;

  @ApiProperty({ type: 'integer' })
  failed!: number;

  @ApiProperty({ type: 'integer' })
  skipped!: number;

  @ApiProperty({ type: 'integer' })
  maxInFlight!: number;

  @ApiProperty({ type: 'string' })
  reason!: string;

  @ApiProperty({ type: 'string' })
  actor!: string;

  @ApiProperty({ type: () => OperationSelectorDto })
  selector!: OperationSelectorDto;

  @ApiPropertyOptional({ type: 'boolean', description: 'Replay and undo.' })
  force?: boolean;

  @ApiPropertyOptional({ type: 'string', enum: ['resume', 'restart'], description: 'Replay only.' })
  mode?: 'resume' | 'restart';

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Replay only.' })
  fromStep?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'Replay only.' })
  patch?: Record<string, unknown> | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finishedAt!: string | null;
}

export class OperationListDto {
  @ApiProperty({ type: () => [OperationDto], description: 'Newest first.' })
  items!: OperationDto[];
}
