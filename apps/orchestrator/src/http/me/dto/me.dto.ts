import { ApiProperty } from '@nestjs/swagger';

/** Who the caller is, as `GET /v1/me` answers. */
export class MeDto {
  @ApiProperty({ description: 'The API key’s name (the `actor` of what it causes); `anonymous` without authentication.', example: 'ops' })
  name!: string;

  @ApiProperty({ enum: ['service', 'operator', 'viewer'], description: 'What the key may do; `operator` without authentication.' })
  role!: string;

  @ApiProperty({ type: 'string', isArray: true, nullable: true, description: 'A service key’s saga globs; null for other roles.' })
  sagas!: string[] | null;

  @ApiProperty({ description: 'False when the server runs without API keys (loopback only).' })
  authentication!: boolean;
}
