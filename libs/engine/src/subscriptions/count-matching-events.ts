import {
  deliversSubscriptionStreams,
  MESSAGE_STREAM_PREFIX,
  SAGA_STREAM_PREFIX,
  SUBSCRIPTION_STREAM_PREFIX,
  type SubscriptionFilter,
} from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';

/**
 * How many events in (after, upTo] the filter takes, counting at most `cap` (so a lag on a huge
 * backlog stays cheap). The same rules as the domain's matchesSubscriptionFilter, in SQL; both
 * bounds must be at or below a gap-safe head (committed positions and heads are).
 */
export async function countMatchingEvents(sql: SqlRunner, filter: SubscriptionFilter, after: number, upTo: number, cap = Number.MAX_SAFE_INTEGER): Promise<number> {
  if (upTo <= after) return 0;
  const params: unknown[] = [after, upTo];
  const where = ['e.position > $1', 'e.position <= $2'];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (!deliversSubscriptionStreams(filter)) where.push(`NOT starts_with(e.stream_id, ${param(SUBSCRIPTION_STREAM_PREFIX)})`);
  if (filter.types !== undefined) where.push(`e.type = ANY(${param(filter.types)}::text[])`);
  if (filter.streamPrefix !== undefined) where.push(`starts_with(e.stream_id, ${param(filter.streamPrefix)})`);
  if (filter.saga !== undefined) {
    const saga = `${param(filter.saga)}::text`;
    const prefix = `${param(MESSAGE_STREAM_PREFIX)}::text`;
    where.push(`(e.stream_id = (${param(SAGA_STREAM_PREFIX)}::text || ${saga})
      OR (starts_with(e.stream_id, ${prefix})
          AND EXISTS (SELECT 1 FROM messages m WHERE m.id = substr(e.stream_id, length(${prefix}) + 1) AND m.saga = ${saga})))`);
  }
  const [row] = await sql.query<{ n: string }>(
    `SELECT count(*) AS n FROM (SELECT 1 FROM events e WHERE ${where.join(' AND ')} LIMIT ${param(cap)}) matching`,
    params,
  );
  return Number(row.n);
}
