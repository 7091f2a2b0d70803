import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What every operator action carries: why (recorded with the actor in each event it causes). */
export class OperatorReasonDto {
  @ApiProperty({ type: 'string', minLength: 1, maxLength: 1000, example: 'customer asked' })
  reason!: string;
}

/** `POST /v1/admin/messages/{id}/undo`. */
export class UndoMessageDto extends OperatorReasonDto {
  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'Skip irreversible steps (recorded) instead of answering 409 naming them.' })
  force?: boolean;
}

/** `POST /v1/admin/messages/{id}/replay`. */
export class ReplayMessageDto extends OperatorReasonDto {
  @ApiPropertyOptional({ type: 'string', enum: ['resume', 'restart'], default: 'resume', description: '`resume`: from the first step whose effect is not in place; `restart`: all steps.' })
  mode?: 'resume' | 'restart';

  @ApiPropertyOptional({ type: 'string', nullable: true, description: 'Start from this step instead.' })
  fromStep?: string | null;

  @ApiPropertyOptional({ type: 'boolean', default: false, description: 'Needed to replay a COMPLETED message.' })
  force?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true, description: 'A JSON Merge Patch applied to the payload for the new run (recorded).', example: { card: null } })
  patch?: Record<string, unknown> | null;
}
