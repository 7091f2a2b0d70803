import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { QUEUE_NAME_PATTERN, STEP_NAME_PATTERN } from '@retrace/domain';

/** A step target on a BullMQ queue: a worker of any language takes the job. */
export class QueueTargetDto {
  @ApiProperty({ type: 'string', pattern: QUEUE_NAME_PATTERN.source, description: 'BullMQ queue name (no `:`).', example: 'inventory.reserve' })
  queue!: string;
}

export class HttpEndpointDto {
  @ApiProperty({ type: 'string', format: 'uri', maxLength: 2048, description: 'Absolute http(s) URL, without credentials.', example: 'http://127.0.0.1:7001/charge' })
  url!: string;

  @ApiPropertyOptional({ type: 'string', enum: ['POST', 'PUT', 'PATCH', 'DELETE', 'GET'], default: 'POST' })
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'GET';

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, description: 'Up to 32 headers, none that Retrace sets itself.' })
  headers?: Record<string, string>;
}

/** A step target that Retrace's own worker calls over HTTP (API.md "HTTP steps"). */
export class HttpTargetDto {
  @ApiProperty({ type: () => HttpEndpointDto })
  http!: HttpEndpointDto;
}

/**
 * A compensation's target: exactly one of `queue` and `http`. (The action's is a `oneOf` of the two;
 * Swagger drops the `type` that OpenAPI 3.0 needs beside `nullable` from a `oneOf`, so the nullable
 * compensation is one object with both keys optional.)
 */
export class StepTargetDto {
  @ApiPropertyOptional({ type: 'string', pattern: QUEUE_NAME_PATTERN.source, description: 'BullMQ queue name; not with `http`.', example: 'inventory.release' })
  queue?: string;

  @ApiPropertyOptional({ type: () => HttpEndpointDto, description: 'An HTTP endpoint; not with `queue`.' })
  http?: HttpEndpointDto;
}

export class BackoffDto {
  @ApiProperty({ type: 'string', enum: ['fixed', 'exponential'], description: '`exponential`: delay = delayMs × 2^(attempt−1).' })
  type!: 'fixed' | 'exponential';

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3_600_000 })
  delayMs!: number;
}

export class RetryPolicyDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100, default: 1, description: 'Every try counts, the first included.' })
  attempts!: number;

  @ApiProperty({ type: () => BackoffDto })
  backoff!: BackoffDto;
}

const TARGET = { oneOf: [{ $ref: getSchemaPath(QueueTargetDto) }, { $ref: getSchemaPath(HttpTargetDto) }] };
const ACTION = { ...TARGET, description: 'Where the action runs: `{queue}` or `{http: {url, method?, headers?}}`.' };
const COMPENSATION = { type: () => StepTargetDto, nullable: true, description: 'Where the compensation runs: `{queue}` or `{http}`; `null` marks an irreversible step.' };

/** One step of a saga as registered: an action and, where it can be undone, a compensation. */
@ApiExtraModels(QueueTargetDto, HttpTargetDto)
export class RegisterStepDto {
  @ApiProperty({ type: 'string', pattern: STEP_NAME_PATTERN.source, description: 'Unique within the saga version.', example: 'reserve' })
  name!: string;

  @ApiProperty(ACTION)
  action!: QueueTargetDto | HttpTargetDto;

  @ApiPropertyOptional({ ...COMPENSATION, description: `${COMPENSATION.description} Left out: irreversible too.` })
  compensation?: StepTargetDto | null;

  @ApiPropertyOptional({ type: () => RetryPolicyDto, description: 'Default: 1 attempt, no backoff.' })
  retry?: RetryPolicyDto;

  @ApiPropertyOptional({ type: 'integer', minimum: 100, maximum: 86_400_000, default: 30_000, description: 'Per attempt.' })
  timeoutMs?: number;
}

/** A step of a registered saga version, defaults filled in. */
@ApiExtraModels(QueueTargetDto, HttpTargetDto)
export class StepDefinitionDto {
  @ApiProperty({ type: 'string', pattern: STEP_NAME_PATTERN.source, example: 'reserve' })
  name!: string;

  @ApiProperty(ACTION)
  action!: QueueTargetDto | HttpTargetDto;

  @ApiProperty(COMPENSATION)
  compensation!: StepTargetDto | null;

  @ApiProperty({ type: () => RetryPolicyDto })
  retry!: RetryPolicyDto;

  @ApiProperty({ type: 'integer', description: 'Per attempt (ms).' })
  timeoutMs!: number;
}
