import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SAGA_NAME_PATTERN } from '@retrace/domain';
import { RegisterStepDto, StepDefinitionDto } from './step-definition.dto';

/**
 * `PUT /v1/sagas/{name}`: one version of a saga. Only `steps` and `version` are required; defaults
 * (retry, timeoutMs, onFailure) are filled in, and `compensation` may be left out for an irreversible step.
 */
export class RegisterSagaDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 2_147_483_647, example: 2 })
  version!: number;

  @ApiPropertyOptional({ type: 'string', example: 'place an order' })
  description?: string;

  @ApiPropertyOptional({ type: 'string', enum: ['compensate', 'pause'], default: 'compensate', description: '`pause`: a step that fails for good leaves the message FAILED, nothing compensated.' })
  onFailure?: 'compensate' | 'pause';

  @ApiProperty({ type: () => [RegisterStepDto], minItems: 1, maxItems: 100 })
  steps!: RegisterStepDto[];
}

/** 201 (new version) or 200 (the same version and body again). */
export class SagaRegisteredDto {
  @ApiProperty({ type: 'string', pattern: SAGA_NAME_PATTERN.source, example: 'order' })
  name!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  version!: number;
}

/** A registered saga version, normalized (defaults filled in). */
export class SagaDto {
  @ApiProperty({ type: 'string', pattern: SAGA_NAME_PATTERN.source, example: 'order' })
  name!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  version!: number;

  @ApiProperty({ type: 'string', nullable: true })
  description!: string | null;

  @ApiProperty({ type: 'string', enum: ['compensate', 'pause'] })
  onFailure!: 'compensate' | 'pause';

  @ApiProperty({ type: () => [StepDefinitionDto] })
  steps!: StepDefinitionDto[];

  @ApiProperty({ type: 'string', format: 'date-time' })
  registeredAt!: string;
}

export class SagaListDto {
  @ApiProperty({ type: () => [SagaDto], description: 'The latest version of each saga (a service key sees only its own).' })
  items!: SagaDto[];
}
