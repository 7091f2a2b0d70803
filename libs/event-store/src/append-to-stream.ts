import type { AppendResult, ExpectedVersion, NewEvent } from './event-store.types';
import { jsonbArrayParam, storedData, storedMetadata } from './jsonb-array-param';
import { APPEND_GATE_CTE } from './read-head-position';
import { type PreparedStatement, type SqlRunner, runStatement } from './sql-runner';
import { StreamVersionConflictError } from './stream-version-conflict.error';

/*
 * One statement per append: the events are inserted at the versions after the expected one, and
 * the unique key (stream_id, stream_version) is the version check — a writer that got there first
 * holds version N+1, so this insert fails with a unique violation (waiting for that writer's
 * commit if it is still in flight). No other row is written, so an append costs what an insert
 * into the log costs. 'any' reads the stream's last version in the same statement and, outside a
 * transaction, tries again when a concurrent 'any' took that version.
 * $1 stream id, $2 type(s), $3 data, $4 metadata, $5 expected version (not for 'any').
 * A single event skips unnest (most appends are one event; it measurably helps throughput).
 * Writes that must ride with an append (read models, outbox rows) use appendToStreams' companions.
 * No NOTIFY here: a notifying commit takes a database-wide lock until its WAL is flushed, which
 * serialised every append (the EventStore wakes listeners after commit instead; see append-signal.ts).
 */

/**
 * How an append checks its expected version before it draws a position: no row (nothing appended,
 * no position drawn, a caller's transaction still usable) unless the stream is at that version.
 * The unique key still catches the writer in flight. `create` (expected 0) only looks for version 1,
 * `extend` (expected N) for N and N + 1: one shape per case, because a condition on the parameter
 * (`$5 = 0 OR …`) in a CTE cost an append ~10 % of its throughput (pgbench, 8 clients).
 */
type StreamCheck = 'any' | 'create' | 'extend';
const NO_LATER_VERSION = 'NOT EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND stream_version = $5::int + 1)';
const CHECKS: Record<StreamCheck, { version: string; where: string }> = {
  any: { version: 'base.version', where: 'true' },
  create: { version: '$5::int', where: NO_LATER_VERSION },
  extend: {
    version: '$5::int',
    where: `EXISTS (SELECT 1 FROM events WHERE stream_id = $1 AND stream_version = $5::int) AND ${NO_LATER_VERSION}`,
  },
};
const ANY_BASE = `base AS MATERIALIZED (SELECT (SELECT coalesce(max(stream_version), 0) FROM events WHERE stream_id = $1) AS version),`;

function appendStatement(check: StreamCheck, single: boolean): PreparedStatement {
  const { version, where } = CHECKS[check];
  const from = check === 'any' ? 'gate, base' : 'gate';
  return {
    name: `retrace_append_${check}_${single ? 'one' : 'many'}`,
    text: `
    WITH ${APPEND_GATE_CTE},${check === 'any' ? ANY_BASE : ''}
    appended AS (
      INSERT INTO events (stream_id, stream_version, type, data, metadata)
      ${
        single
          ? `SELECT $1, ${version} + 1, $2, $3::jsonb, $4::jsonb FROM ${from} WHERE ${where}`
          : `SELECT $1, ${version} + e.ord, e.type, e.data, e.metadata
             FROM ${from}, ROWS FROM (unnest($2::text[]), jsonb_array_elements($3::jsonb), jsonb_array_elements($4::jsonb))
               WITH ORDINALITY AS e(type, data, metadata, ord) WHERE ${where}`
      }
      RETURNING position, stream_version
    )
    SELECT position, stream_version FROM appended`,
  };
}

/** Prepared statements by shape. */
const statements = new Map<string, PreparedStatement>();
function statementFor(check: StreamCheck, single: boolean): PreparedStatement {
  const key = `${check}:${single}`;
  let statement = statements.get(key);
  if (!statement) {
    statement = appendStatement(check, single);
    statements.set(key, statement);
  }
  return statement;
}

const STREAM_VERSION: PreparedStatement = {
  name: 'retrace_stream_version',
  text: `SELECT max(stream_version) AS version FROM events WHERE stream_id = $1`,
};
/** An autocommitted 'any' append retries this often when concurrent 'any' appends take its version. */
const ANY_ATTEMPTS = 20;

export const UNIQUE_VIOLATION = '23505';

/**
 * Appends `events` to `streamId` atomically, checking `expectedVersion`. Runs in `tx` when given
 * (the events commit with it), otherwise as one autocommitted statement.
 *
 * @param fallback runs the version read that names the conflict when `tx` was aborted by it
 * @throws StreamVersionConflictError when the stream is not at `expectedVersion`
 */
export async function appendToStream(
  tx: SqlRunner,
  streamId: string,
  events: NewEvent[],
  expectedVersion: ExpectedVersion,
  fallback: SqlRunner = tx,
): Promise<AppendResult> {
  assertAppendArguments(streamId, events, expectedVersion);
  if (events.length === 0) return appendNothing(tx, streamId, expectedVersion);

  const single = events.length === 1;
  const params: unknown[] = single
    ? [streamId, events[0].type, JSON.stringify(storedData(events[0])), JSON.stringify(storedMetadata(events[0]))]
    : [streamId, events.map((event) => event.type), jsonbArrayParam(events.map(storedData)), jsonbArrayParam(events.map(storedMetadata))];
  const autocommitted = tx === fallback;
  const check: StreamCheck = expectedVersion === 'any' ? 'any' : expectedVersion === 0 ? 'create' : 'extend';
  if (check !== 'any') params.push(expectedVersion);
  const statement = statementFor(check, single);

  for (let attempt = 1; ; attempt++) {
    try {
      const rows = await runStatement<{ position: string; stream_version: number }>(tx, statement, params);
      if (rows.length === 0) throw new StreamVersionConflictError(streamId, expectedVersion, await readStreamVersion(tx, streamId));
      rows.sort((a, b) => a.stream_version - b.stream_version);
      const positions = rows.map((row) => Number(row.position));
      return { streamVersion: rows[rows.length - 1].stream_version, positions, lastPosition: Math.max(...positions) };
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      // An autocommitted statement failed alone; inside a transaction, the transaction is aborted now.
      if (check === 'any' && autocommitted && attempt < ANY_ATTEMPTS) continue;
      throw new StreamVersionConflictError(streamId, expectedVersion, await readStreamVersion(fallback, streamId));
    }
  }
}

/** The stream's last version, 0 when it does not exist. */
export async function readStreamVersion(sql: SqlRunner, streamId: string): Promise<number> {
  const [row] = await runStatement<{ version: number }>(sql, STREAM_VERSION, [streamId]);
  return Number(row?.version ?? 0);
}

async function appendNothing(tx: SqlRunner, streamId: string, expected: ExpectedVersion): Promise<AppendResult> {
  const actual = await readStreamVersion(tx, streamId);
  if (expected !== 'any' && actual !== expected) throw new StreamVersionConflictError(streamId, expected, actual);
  return { streamVersion: actual, positions: [], lastPosition: 0 };
}

/** Refuses a malformed append before it touches the database; `caller` names the function in the message. */
export function assertAppendArguments(streamId: string, events: NewEvent[], expected: ExpectedVersion, caller = 'appendToStream'): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new TypeError(`${caller}: streamId must be a non-empty string`);
  }
  if (!Array.isArray(events)) throw new TypeError(`${caller}(${streamId}): events must be an array`);
  const bad = events.findIndex((event) => typeof event?.type !== 'string' || event.type.length === 0);
  if (bad >= 0) throw new TypeError(`${caller}(${streamId}): event #${bad} has no type`);
  if (expected !== 'any' && !(Number.isInteger(expected) && expected >= 0)) {
    throw new RangeError(`${caller}(${streamId}): expectedVersion must be an integer >= 0 or 'any', got ${String(expected)}`);
  }
}
