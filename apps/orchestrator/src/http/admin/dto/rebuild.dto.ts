import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/** `POST /v1/admin/projections/rebuild`. */
export class RebuildProjectionsDto {
  @ApiPropertyOptional({ type: 'string', isArray: true, minItems: 1, maxItems: 20, description: 'Which read models; all registered ones when left out.', example: ['messages'] })
  projections?: string[];

  @ApiProperty({ type: 'string', minLength: 1, maxLength: 1000 })
  reason!: string;
}

export class RebuildStartedDto {
  @ApiProperty({ type: 'string' })
  id!: string;
}

/** What swapping in a rebuilt table changed in the live one. */
export class TableChangesDto {
  @ApiProperty({ type: 'integer' })
  inserted!: number;

  @ApiProperty({ type: 'integer' })
  updated!: number;

  @ApiProperty({ type: 'integer' })
  deleted!: number;
}

/** A rebuild's state; `progress` = position / head at start. */
@ApiExtraModels(TableChangesDto)
export class RebuildDto {
  @ApiProperty({ type: 'string' })
  id!: string;

  @ApiProperty({ type: 'string', isArray: true })
  projections!: string[];

  @ApiProperty({ type: 'string', example: 'running' })
  status!: string;

  @ApiProperty({ type: 'string' })
  phase!: string;

  @ApiProperty({ type: 'string' })
  reason!: string;

  @ApiProperty({ type: 'string' })
  actor!: string;

  @ApiProperty({ type: 'integer' })
  headAtStart!: number;

  @ApiProperty({ type: 'integer' })
  position!: number;

  @ApiProperty({ type: 'number', minimum: 0, maximum: 1 })
  progress!: number;

  @ApiProperty({ type: 'integer' })
  eventsApplied!: number;

  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(TableChangesDto) }, nullable: true, description: 'What the swap changed in each live table, by table; all zeros: the live rows were right.' })
  changes!: Record<string, TableChangesDto> | null;

  @ApiProperty({ type: 'string', nullable: true })
  error!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time' })
  startedAt!: string;

  @ApiProperty({ type: 'string', format: 'date-time', nullable: true })
  finishedAt!: string | null;
}
