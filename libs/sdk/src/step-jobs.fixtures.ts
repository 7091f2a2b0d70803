import { REPLY_QUEUE, stepJobId, type StepJobData, type StepReply } from '@retrace/domain';
import type { JobType } from 'bullmq';

/** The little of a BullMQ Queue (either backend) the tests use. */
export interface TestQueue {
  add(name: string, data: unknown, opts: Record<string, unknown>): Promise<{ id?: string }>;
  getJobs(types: JobType[]): Promise<{ data: unknown }[]>;
  getJob(id: string): Promise<{ attemptsMade: number; returnvalue: unknown; getState(): Promise<string> } | undefined>;
}

/** A step job's data as the orchestrator's relay builds it. */
export function stepJobData(overrides: Partial<StepJobData> = {}): StepJobData {
  return {
    messageId: 'msg-1',
    saga: 'order',
    sagaVersion: 2,
    step: 'charge',
    kind: 'action',
    runId: 'run-1',
    replayOf: null,
    payload: { orderId: 'o-1', amount: 42 },
    results: { reserve: { reservationId: 'r-1' } },
    timeoutMs: 10_000,
    replyTo: REPLY_QUEUE,
    ...overrides,
  };
}

/** Adds a step job exactly as the relay does: deterministic id, attempts and backoff from the retry policy. */
export async function addStepJob(queue: TestQueue, data: StepJobData, retry: { attempts: number; delayMs?: number } = { attempts: 1 }): Promise<string> {
  const jobId = stepJobId(data);
  await queue.add(`${data.saga}.${data.step}.${data.kind}`, data, {
    jobId,
    attempts: retry.attempts,
    backoff: { type: 'fixed', delay: retry.delayMs ?? 10 },
  });
  return jobId;
}

const ORDER = { started: 0, succeeded: 1, failed: 2 };

/** Waits until `count` replies sit on the reply queue (nobody consumes them here); sorted by attempt, then type. */
export async function readReplies(replies: TestQueue, count: number, timeoutMs = 15_000): Promise<StepReply[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await replies.getJobs(['waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed']);
    const found = jobs.map((job) => job.data as StepReply).sort((a, b) => a.attempt - b.attempt || ORDER[a.type] - ORDER[b.type]);
    if (found.length >= count) return found;
    if (Date.now() > until) {
      throw new Error(`expected ${count} replies within ${timeoutMs} ms, got ${found.length}: ${JSON.stringify(found)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls until `probe` holds; fails with what it last saw. */
export async function eventually<T>(probe: () => Promise<T>, holds: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (holds(value)) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
