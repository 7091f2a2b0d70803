import type { Pool } from 'pg';

/** The events of one real finished message, as the seed copies them. */
export interface MessageTemplate {
  messageId: string;
  runId: string;
  events: { v: number; type: string; data: unknown; metadata: unknown }[];
}

/** Reads a finished message's whole history from the log: what every seeded message will look like. */
export async function readMessageTemplate(db: Pool, messageId: string): Promise<MessageTemplate> {
  const { rows } = await db.query<{ v: number; type: string; data: unknown; metadata: { runId?: string } }>(
    `SELECT stream_version AS v, type, data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`,
    [`message-${messageId}`],
  );
  const runId = rows.find((row) => typeof row.metadata.runId === 'string')?.metadata.runId;
  if (rows.length === 0 || runId === undefined) throw new Error(`message ${messageId} has no events with a runId to copy`);
  return { messageId, runId, events: rows };
}

/** Messages whose events are interleaved in the log, as concurrent traffic leaves them. */
const INTERLEAVE = 50;

/*
 * Copies the template for messages `<idPrefix><from>` … `<idPrefix><to>`: the message id and the
 * run id are replaced wherever they occur (stream id, data, metadata, job ids), each message gets
 * a run id of its own, and the events of 50 messages at a time are interleaved by position.
 */
const SEED_EVENTS = `
  INSERT INTO events (stream_id, stream_version, type, data, metadata)
  SELECT 'message-' || m.id, t.v, t.type,
         replace(replace(t.data::text, $3, m.id), $4, m.run)::jsonb,
         replace(replace(t.metadata::text, $3, m.id), $4, m.run)::jsonb
    FROM (SELECT g AS n, $5 || g AS id, md5($5 || g)::uuid::text AS run FROM generate_series($1::int, $2::int) g) m
    CROSS JOIN jsonb_to_recordset($6::jsonb) AS t(v int, type text, data jsonb, metadata jsonb)
   ORDER BY m.n / ${INTERLEAVE}, t.v, m.n`;
/**
 * Appends copies of `template` to the log until it holds at least `targetEvents` events, in
 * transactions of 10,000 messages; returns how many messages it seeded. Message numbers continue
 * from `firstNumber`.
 */
export async function seedLog(db: Pool, template: MessageTemplate, idPrefix: string, firstNumber: number, targetEvents: number, onProgress: (events: number) => void): Promise<number> {
  const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM events`);
  const perMessage = template.events.length;
  const messages = Math.max(0, Math.ceil((targetEvents - Number(rows[0].n)) / perMessage));
  const chunk = 10_000;
  for (let from = firstNumber; from < firstNumber + messages; from += chunk) {
    const to = Math.min(from + chunk, firstNumber + messages) - 1;
    const client = await db.connect();
    try {
      await client.query('BEGIN');
      await client.query(SEED_EVENTS, [from, to, template.messageId, template.runId, idPrefix, JSON.stringify(template.events)]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    onProgress(Number(rows[0].n) + (to - firstNumber + 1) * perMessage);
  }
  // A log that has been there a while: hint bits set and statistics known, for the rebuild and the raw read alike.
  await db.query('VACUUM (ANALYZE) events');
  return messages;
}

/** Checks the read model holds every seeded message as the template ended: COMPLETED at its last version. */
export async function verifySeededMessages(db: Pool, idPrefix: string, expected: number, template: MessageTemplate): Promise<void> {
  const { rows } = await db.query<{ total: string; right: string; example: string | null }>(
    `SELECT count(*) AS total,
            count(*) FILTER (WHERE status = 'COMPLETED' AND stream_version = $2 AND run_id = md5(id)::uuid::text) AS right,
            min(id || ': ' || status || ' v' || stream_version) FILTER (WHERE NOT (status = 'COMPLETED' AND stream_version = $2)) AS example
       FROM messages WHERE starts_with(id, $1)`,
    [idPrefix, template.events.length],
  );
  const { total, right, example } = rows[0];
  if (Number(total) !== expected || Number(right) !== expected) {
    throw new Error(
      `the rebuilt messages are not what was seeded: ${total} rows for ${expected} seeded messages, ${right} COMPLETED at version ${template.events.length} on their own run${example ? `; e.g. ${example}` : ''}`,
    );
  }
}
