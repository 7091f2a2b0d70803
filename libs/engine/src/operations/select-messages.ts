import type { OperationSelector } from '@retrace/domain';
import type { SqlRunner } from '@retrace/event-store';

/**
 * The ids of the messages a selector matches, in acceptance order. Positions and times are those
 * of each message's first event (its acceptance); every bound is inclusive.
 */
export async function selectMessages(sql: SqlRunner, selector: OperationSelector): Promise<string[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const bind = (value: unknown) => `$${params.push(value)}`;
  if (selector.fromPosition !== undefined) where.push(`accepted_position >= ${bind(selector.fromPosition)}`);
  if (selector.toPosition !== undefined) where.push(`accepted_position <= ${bind(selector.toPosition)}`);
  if (selector.from) where.push(`created_at >= ${bind(selector.from)}`);
  // The API shows times to the millisecond and PostgreSQL keeps microseconds: an inclusive `to`
  // copied from a message's createdAt must still include that message.
  if (selector.to) where.push(`created_at < ${bind(selector.to)}::timestamptz + interval '1 millisecond'`);
  if (selector.saga) where.push(`saga = ${bind(selector.saga)}`);
  if (selector.status?.length) where.push(`status = ANY(${bind(selector.status)}::text[])`);
  const rows = await sql.query<{ id: string }>(
    `SELECT id FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY accepted_position`,
    params,
  );
  return rows.map((r) => r.id);
}
