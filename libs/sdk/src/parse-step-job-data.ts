import { QUEUE_NAME_PATTERN, type StepJobData } from '@retrace/domain';
import { PermanentError } from './permanent.error';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

/**
 * Checks a step job before its handler runs. A job without the fields a reply needs cannot be
 * answered, so it fails permanently with the list of what is wrong (the orchestrator's deadline
 * then fails the step); it never comes from Retrace's relay.
 */
export function parseStepJobData(jobId: string | undefined, data: unknown): StepJobData {
  const problems: string[] = [];
  if (!isText(jobId)) problems.push('the job has no id');
  if (!isRecord(data)) throw malformed(jobId, ['the job data is not an object']);
  for (const key of ['messageId', 'saga', 'step', 'runId'] as const) if (!isText(data[key])) problems.push(key);
  if (data.kind !== 'action' && data.kind !== 'compensation') problems.push('kind');
  if (!isText(data.replyTo) || !QUEUE_NAME_PATTERN.test(data.replyTo)) problems.push('replyTo');
  if (data.replyStream !== undefined && !(isText(data.replyStream) && QUEUE_NAME_PATTERN.test(data.replyStream))) problems.push('replyStream');
  if (!isRecord(data.payload)) problems.push('payload');
  if (data.results !== undefined && !isRecord(data.results)) problems.push('results');
  if (data.replayOf !== undefined && data.replayOf !== null && !isText(data.replayOf)) problems.push('replayOf');
  if (data.timeoutMs !== undefined && !(Number.isSafeInteger(data.timeoutMs) && (data.timeoutMs as number) > 0)) problems.push('timeoutMs');
  if (problems.length > 0) throw malformed(jobId, problems);
  return { ...data, results: data.results ?? {}, replayOf: data.replayOf ?? null } as unknown as StepJobData;
}

function malformed(jobId: string | undefined, problems: string[]): PermanentError {
  return new PermanentError(
    `step job ${jobId ?? '(no id)'} is malformed (${problems.join(', ')}); see docs/worker-protocol.md for the job data`,
    { code: 'MALFORMED_STEP_JOB' },
  );
}
