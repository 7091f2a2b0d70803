import { redactPaths } from './redact-paths';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * An event's data with its saga's redact paths applied wherever it carries the payload: the
 * payload of `MessageAccepted` and `ReplayStarted`, and a replay's `patch` (a merge patch has the
 * payload's shape). Other events carry no payload and are returned as they are.
 */
export function redactEventData(type: string, data: unknown, paths: readonly string[]): unknown {
  if (paths.length === 0 || !isObject(data)) return data;
  if (type !== 'MessageAccepted' && type !== 'ReplayStarted') return data;
  const out: Record<string, unknown> = { ...data };
  if ('payload' in data) out.payload = redactPaths(data.payload, paths);
  if ('patch' in data) out.patch = redactPaths(data.patch, paths);
  return out;
}
