import type { AppendCompanion, AppendResult, ExpectedVersion, NewEvent } from './event-store.types';
import { assertAppendArguments, readStreamVersion, UNIQUE_VIOLATION } from './append-to-stream';
import { jsonbArrayParam, storedData, storedMetadata } from './jsonb-array-param';
import { APPEND_GATE_CTE } from './read-head-position';
import { type PreparedStatement, type SqlRunner, runStatement } from './sql-runner';
import { StreamVersionConflictError } from './stream-version-conflict.error';

/** One stream's part of a batch: `events` after `expectedVersion` (0: the stream must not exist). */
export interface StreamAppend {
  streamId: string;
  expectedVersion: number;
  events: NewEvent[];
  /**
   * Append only while another stream the decision was based on is still at `version` (0: has no
   * events) — e.g. a saga's registrations, read from a cache. Refused like a stream that moved on.
   */
  guard?: { streamId: string; version: number };
}

/*
 * Many streams' appends in one statement: one round trip, one plan, one commit for a batch of
 * decisions. Each stream is checked before anything is drawn (its last version is the expected one:
 * one probe of the (stream_id, stream_version) index — an EXISTS under an OR here was planned as a
 * hashed scan of the whole log); a stream that fails its check appends nothing while the others go
 * on, so the caller re-decides just that one. The unique key still catches a writer in flight: that fails the
 * whole statement (StreamVersionConflictError naming the first stream), and nothing is written.
 * Events are drawn positions in the order given, so within a stream position follows version.
 * Companions select FROM `appended(stream_id, position, stream_version)` and see only the streams
 * that passed; one with `onReturned` has its `returned` column come back as further result rows.
 * $1 stream ids, $2 expected versions, $3 each event's stream index (1-based), $4 its version
 * offset within its stream, $5 types, $6 data and $7 metadata (each one JSON array: jsonbArrayParam),
 * $8 and $9 each stream's guard (another stream's id and the version it must still be at; null: none).
 */
const BATCH_PARAMS = 9;

/** Companions as further CTEs (`, c0 AS (…)`), their `$n` placeholders shifted past the batch's own. */
function companionCtes(companions: readonly AppendCompanion[]): string {
  let offset = BATCH_PARAMS;
  return companions
    .map((companion, i) => {
      const cte = `,\n    c${i} AS (${companion.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)})`;
      offset += companion.params.length;
      return cte;
    })
    .join('');
}

function batchStatement(companions: readonly AppendCompanion[]): PreparedStatement {
  return {
    name: `retrace_append_batch${companions.map((c) => `_${c.name}${c.onReturned ? '_r' : ''}`).join('')}`,
    text: `
    WITH ${APPEND_GATE_CTE},
    passed AS MATERIALIZED (
      SELECT s.ord, s.stream_id, s.expected
      FROM unnest($1::text[], $2::int[], $8::text[], $9::int[]) WITH ORDINALITY AS s(stream_id, expected, guard_id, guard_version, ord)
      WHERE coalesce((SELECT max(e.stream_version) FROM events e WHERE e.stream_id = s.stream_id), 0) = s.expected
        AND (s.guard_id IS NULL
             OR coalesce((SELECT max(g.stream_version) FROM events g WHERE g.stream_id = s.guard_id), 0) = s.guard_version)
    ),
    appended AS (
      INSERT INTO events (stream_id, stream_version, type, data, metadata)
      SELECT p.stream_id, p.expected + n.step, n.type, n.data, n.metadata
      FROM gate, ROWS FROM (unnest($3::int[]), unnest($4::int[]), unnest($5::text[]), jsonb_array_elements($6::jsonb), jsonb_array_elements($7::jsonb))
             WITH ORDINALITY AS n(stream, step, type, data, metadata, ord)
      JOIN passed p ON p.ord = n.stream
      ORDER BY n.ord
      RETURNING stream_id, position, stream_version
    )${companionCtes(companions)}
    SELECT stream_id, position, stream_version, NULL::int AS companion, NULL::text AS returned FROM appended${companionReturns(companions)}`,
  };
}

/** The values of the companions that return some, as further rows of the statement's result. */
function companionReturns(companions: readonly AppendCompanion[]): string {
  return companions
    .map((companion, i) => (companion.onReturned ? `\n    UNION ALL SELECT NULL, NULL, NULL, ${i}, returned FROM c${i}` : ''))
    .join('');
}

const statements = new Map<string, PreparedStatement>();
function statementFor(companions: readonly AppendCompanion[]): PreparedStatement {
  const key = companions.map((c) => `${c.name}${c.onReturned ? '+' : ''}`).join(',');
  let statement = statements.get(key);
  if (!statement) {
    statement = batchStatement(companions);
    statements.set(key, statement);
  }
  return statement;
}

/**
 * Appends to several streams in one statement (in `sql`: the pool, autocommitted, or a transaction).
 * @param fallback reads the version that names a conflict when `sql` is a transaction it aborted
 * Returns, per append and in its order, what it wrote, or null when its stream was not at its
 * expected version or its guard's stream had moved on (nothing of it was written; the rest was).
 * @throws StreamVersionConflictError when a writer in flight took a version (nothing was written)
 */
export async function appendToStreams(
  sql: SqlRunner,
  appends: readonly StreamAppend[],
  companions: readonly AppendCompanion[] = [],
  fallback: SqlRunner = sql,
): Promise<(AppendResult | null)[]> {
  assertBatch(appends);
  const [streams, steps, types, data, metadata]: unknown[][] = [[], [], [], [], []];
  appends.forEach((append, i) => {
    append.events.forEach((event, step) => {
      streams.push(i + 1);
      steps.push(step + 1);
      types.push(event.type);
      data.push(storedData(event));
      metadata.push(storedMetadata(event));
    });
  });
  const params: unknown[] = [
    appends.map((a) => a.streamId),
    appends.map((a) => a.expectedVersion),
    streams,
    steps,
    types,
    jsonbArrayParam(data),
    jsonbArrayParam(metadata),
    appends.map((a) => a.guard?.streamId ?? null),
    appends.map((a) => a.guard?.version ?? null),
  ];
  for (const companion of companions) params.push(...companion.params);

  let rows: { stream_id: string; position: string; stream_version: number; companion: number | null; returned: string | null }[];
  try {
    rows = await runStatement(sql, statementFor(companions), params);
  } catch (error) {
    if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    const streamId = /\(stream_id, stream_version\)=\(([^,]+),/.exec((error as { detail?: string }).detail ?? '')?.[1];
    const append = appends.find((a) => a.streamId === streamId) ?? appends[0];
    throw new StreamVersionConflictError(append.streamId, append.expectedVersion, await readStreamVersion(fallback, append.streamId));
  }

  const returned = companions.map((): string[] => []);
  // A stream that passed its check appended all its events, so its version is derivable.
  const positions = new Map<string, number[]>();
  for (const row of rows) {
    if (row.companion !== null) {
      if (row.returned !== null) returned[row.companion].push(row.returned);
      continue;
    }
    const mine = positions.get(row.stream_id);
    if (mine) mine.push(Number(row.position));
    else positions.set(row.stream_id, [Number(row.position)]);
  }
  companions.forEach((companion, i) => companion.onReturned?.(returned[i]));
  return appends.map((append) => {
    const mine = positions.get(append.streamId)?.sort((a, b) => a - b);
    return mine ? { streamVersion: append.expectedVersion + append.events.length, positions: mine, lastPosition: mine[mine.length - 1] } : null;
  });
}

function assertBatch(appends: readonly StreamAppend[]): void {
  if (appends.length === 0) throw new TypeError('appendToStreams: at least one append is needed');
  const seen = new Set<string>();
  for (const { streamId, expectedVersion, events } of appends) {
    assertAppendArguments(streamId, events, expectedVersion, 'appendToStreams');
    // The type says number; a caller without types could still pass 'any', which a batch cannot check.
    if ((expectedVersion as ExpectedVersion) === 'any') throw new RangeError(`appendToStreams(${streamId}): expectedVersion must be an integer >= 0, not 'any'`);
    if (events.length === 0) throw new TypeError(`appendToStreams(${streamId}): at least one event is needed`);
    if (seen.has(streamId)) throw new TypeError(`appendToStreams: stream ${streamId} appears twice; append its events together`);
    seen.add(streamId);
  }
}
