import type { NewEvent } from './event-store.types';

/**
 * `values` as one jsonb parameter holding a JSON array, for a statement to read with
 * `jsonb_array_elements($n::jsonb)` (zipped with other columns in `ROWS FROM (…) WITH ORDINALITY`).
 * node-postgres would send a `jsonb[]` parameter as a text-array literal, escaping every quote of
 * every element, which PostgreSQL then unescapes before parsing each element: per 700-byte element
 * that cost ~12–16 µs of client CPU and ~12–15 µs of PostgreSQL's, against ~4.5 and ~6.5 µs as one
 * document (docs/decisions.md, 2026-12-07 night). `undefined` becomes `null`, as JSON.stringify does
 * in an array.
 */
export function jsonbArrayParam(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

/** What an event's `data` column holds: its data, `null` when it has none. */
export const storedData = (event: NewEvent): unknown => event.data ?? null;

/** What an event's `metadata` column holds: its metadata, `{}` when it has none. */
export const storedMetadata = (event: NewEvent): object => event.metadata ?? {};
