import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const BY_STATE = (what: string, item: { type: 'integer' | 'number' }) => ({
  type: 'object' as const,
  additionalProperties: { type: 'object', additionalProperties: item },
  description: what,
});

/** The status transitions seen in the log, read as an absorbing Markov chain. */
export class TransitionStatsDto {
  @ApiProperty({ type: 'string', isArray: true, description: 'Every status seen, as a source or a target.' })
  states!: string[];

  @ApiProperty(BY_STATE('`counts[s][t]`: transitions s → t observed; absorbing states have no row.', { type: 'integer' }))
  counts!: Record<string, Record<string, number>>;

  @ApiProperty(BY_STATE('`probabilities[s][t]`: counts[s][t] over the row’s total.', { type: 'number' }))
  probabilities!: Record<string, Record<string, number>>;

  @ApiProperty(BY_STATE('`absorption[s][t]`: probability that a message now in s ends in terminal t; `absorption[t][t] = 1`.', { type: 'number' }))
  absorption!: Record<string, Record<string, number>>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'Mean time spent in each non-absorbing state (ms).' })
  meanTimeMs!: Record<string, number>;

  @ApiProperty({ type: 'integer', description: 'Every transition counted.' })
  transitions!: number;

  @ApiPropertyOptional({ type: 'string', isArray: true, description: 'What the numbers cannot say (only when there is something).' })
  notes?: string[];
}
