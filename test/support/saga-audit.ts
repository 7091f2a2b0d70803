import { foldMessage, TERMINAL_STATUSES, type MessageEvent } from '@retrace/domain';
import type { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

/** One event of `GET /v1/messages/{id}/events`. */
export type HistoryEvent = MessageEvent & { version: number; position: number; metadata: { actor: string | null; causationId: string | null } };

/** Something a test step handler was asked to do, in the order the calls came in. */
export interface StepCall {
  key: string;
  message: string;
  runId: string;
  step: string;
  kind: string;
  attempt: number;
}

export const history = async (t: TestApp, id: string): Promise<HistoryEvent[]> =>
  (await t.http.get(`/v1/messages/${id}/events`).expect(200)).body.events;

export const view = async (t: TestApp, id: string) => (await t.http.get(`/v1/messages/${id}`).expect(200)).body;

/** How many messages of the schema are in a terminal status, and how many there are. */
export async function terminalCount(sql: DataSource): Promise<{ terminal: number; total: number }> {
  const [row] = await sql.query<{ terminal: number; total: number }[]>(
    `SELECT count(*) FILTER (WHERE status = ANY($1))::int AS terminal, count(*)::int AS total FROM messages`,
    [TERMINAL_STATUSES],
  );
  return row;
}

/** Events that mark a transition once per run/step/kind (and attempt, where attempts repeat). */
const transitionKey = (e: HistoryEvent): string | null => {
  switch (e.type) {
    case 'ReplyIgnored':
      return null; // a late or duplicate reply is recorded as often as it comes: that is the point
    case 'StepStarted':
    case 'StepAttemptFailed':
      return `${e.type}|${e.data.runId}|${e.data.step}|${e.data.kind}|${e.data.attempt}`;
    case 'StepDispatched':
    case 'StepSucceeded':
    case 'StepFailed':
      return `${e.type}|${e.data.runId}|${e.data.step}|${e.data.kind}`;
    case 'CompensationSkipped':
      return `${e.type}|${e.data.runId}|${e.data.step}`;
    case 'CompensationStarted':
    case 'CancelRequested':
    case 'UndoRequested':
    case 'ReplayStarted':
    case 'MessageSettled':
      return `${e.type}|${e.data.runId}`;
    case 'MessageAccepted':
    case 'MessageRetracted':
      return e.type;
  }
};

/**
 * What is wrong with one message's stream, as readable lines (empty when nothing is): versions must
 * go 1, 2, 3 … without gaps or repeats, positions must rise, no transition may be recorded twice,
 * exactly one MessageSettled, and folding the events must give the read model's status.
 */
export function auditStream(id: string, events: HistoryEvent[], viewStatus: string): string[] {
  const problems: string[] = [];
  events.forEach((e, i) => {
    if (e.version !== i + 1) problems.push(`${id}: event ${i} has version ${e.version}, expected ${i + 1}`);
    const before = events[i - 1];
    if (before && !(Number(e.position) > Number(before.position))) problems.push(`${id}: position ${e.position} after ${before.position}`);
  });
  const seen = new Set<string>();
  for (const e of events) {
    const key = transitionKey(e);
    if (key === null) continue;
    if (seen.has(key)) problems.push(`${id}: transition recorded twice: ${key}`);
    seen.add(key);
  }
  const settled = events.filter((e) => e.type === 'MessageSettled');
  if (settled.length !== 1) problems.push(`${id}: ${settled.length} MessageSettled events`);
  const folded = foldMessage(events).status;
  if (folded !== viewStatus) problems.push(`${id}: fold gives ${folded}, read model says ${viewStatus}`);
  return problems;
}

/**
 * What is wrong with the step calls of one message (empty when nothing is): each step and kind ran
 * under exactly one idempotency key, and the calls, in order, are `expected` (`step.kind` each).
 */
export function auditCalls(id: string, calls: StepCall[], expected: string[]): string[] {
  const mine = calls.filter((c) => c.message === id);
  const problems: string[] = [];
  const keys = new Map<string, Set<string>>();
  for (const c of mine) keys.set(`${c.step}.${c.kind}`, (keys.get(`${c.step}.${c.kind}`) ?? new Set()).add(c.key));
  for (const [what, ks] of keys) if (ks.size !== 1) problems.push(`${id}: ${what} ran under ${ks.size} keys: ${[...ks].join(', ')}`);
  const got = mine.map((c) => `${c.step}.${c.kind}`);
  if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`${id}: calls ${got.join(' → ')}, expected ${expected.join(' → ')}`);
  return problems;
}
