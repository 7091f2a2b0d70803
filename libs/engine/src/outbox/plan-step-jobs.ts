import {
  HTTP_STEP_QUEUE,
  REPLY_QUEUE,
  stepJobId,
  type MessageEvent,
  type MessageState,
  type SagaDefinition,
  type StepDefinition,
  type StepDispatched,
  type StepKind,
} from '@retrace/domain';
import type { OutboxJob } from './outbox-job';

/** The results a step's job is handed: earlier steps' in the run, and for a compensation its own too. */
function resultsFor(state: MessageState, step: string, kind: StepKind): Record<string, unknown> {
  const results: Record<string, unknown> = {};
  for (const s of state.steps) {
    if (s.name === step && kind === 'action') break;
    if (s.result !== null && s.result !== undefined) results[s.name] = s.result;
    if (s.name === step) break;
  }
  return results;
}

function jobFor(messageId: string, state: MessageState, saga: SagaDefinition, event: StepDispatched): OutboxJob {
  const { runId, step, kind, delayMs } = event.data;
  const definition: StepDefinition | undefined = saga.steps.find((s) => s.name === step);
  const target = kind === 'action' ? definition?.action : definition?.compensation;
  if (!definition || !target) {
    // decide() only dispatches steps of the pinned saga version that have this kind of target.
    throw new Error(`saga ${saga.name} v${saga.version} has no ${kind} for step '${step}'`);
  }
  const http = 'http' in target ? target.http : undefined;
  return {
    jobId: stepJobId({ messageId, runId, step, kind }),
    queue: http ? HTTP_STEP_QUEUE : (target as { queue: string }).queue,
    messageId,
    data: {
      messageId,
      saga: saga.name,
      sagaVersion: saga.version,
      step,
      kind,
      runId,
      replayOf: state.replayOf,
      payload: state.payload,
      results: resultsFor(state, step, kind),
      timeoutMs: definition.timeoutMs,
      replyTo: REPLY_QUEUE,
      ...(http ? { http: { url: http.url, method: http.method ?? 'POST', headers: http.headers ?? {} } } : {}),
    },
    options: {
      attempts: definition.retry.attempts,
      backoff: { type: definition.retry.backoff.type, delay: definition.retry.backoff.delayMs },
      delay: delayMs,
    },
  };
}

/**
 * Turns the `StepDispatched` decisions among `events` into outbox jobs. `state` is the message
 * after all of `events`, so payload and results are what the step must see.
 */
export function planStepJobs(
  messageId: string,
  state: MessageState,
  events: readonly MessageEvent[],
  saga: SagaDefinition,
): OutboxJob[] {
  return events
    .filter((e): e is StepDispatched => e.type === 'StepDispatched')
    .map((e) => jobFor(messageId, state, saga, e));
}
