import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One problem of a 400 `INVALID_INPUT`: which field, and why. */
export class IssueDto {
  @ApiProperty({ type: 'string', description: 'The field, as a path into the body or query (`steps[1].name`, `limit`).', example: 'steps[0].name' })
  path!: string;

  @ApiProperty({ type: 'string', description: 'Why it was refused and what would be accepted.' })
  message!: string;
}

export class ErrorDetailDto {
  @ApiProperty({ type: 'string', description: 'Stable, machine-readable code (`INVALID_INPUT`, `MESSAGE_NOT_FOUND`, `ILLEGAL_TRANSITION`, …).', example: 'ILLEGAL_TRANSITION' })
  code!: string;

  @ApiProperty({ type: 'string', description: 'What went wrong and what would work instead, for people.' })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'More about the error; for `INVALID_INPUT`, `issues`: every problem found (`{path, message}`).',
    example: { issues: [{ path: 'reason', message: 'is required: a string of 1-1000 characters saying why' }] },
  })
  details?: Record<string, unknown>;
}

/** The one error shape of the API (API.md): `{"error": {"code", "message", "details"?}}`. */
export class ErrorDto {
  @ApiProperty({ type: () => ErrorDetailDto })
  error!: ErrorDetailDto;
}
