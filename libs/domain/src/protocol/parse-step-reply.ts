import { InvalidInputError } from '../validation/invalid-input.error';
import type { StepReply } from './step-reply';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 1000;

/**
 * Checks a reply job's data, which any worker in any language may have written. A malformed reply
 * is refused (the reply job fails, visibly) rather than guessed at.
 */
export function parseStepReply(data: unknown): StepReply {
  const problems: string[] = [];
  if (!isRecord(data)) throw new InvalidInputError([{ path: '', message: 'must be a reply object' }]);
  for (const key of ['jobId', 'messageId', 'runId', 'step'] as const) if (!isText(data[key])) problems.push(key);
  if (data.kind !== 'action' && data.kind !== 'compensation') problems.push('kind');
  if (!Number.isSafeInteger(data.attempt) || (data.attempt as number) < 1) problems.push('attempt');
  if (data.type === 'failed') {
    if (!isRecord(data.error) || typeof data.error.message !== 'string') problems.push('error');
    if (typeof data.final !== 'boolean') problems.push('final');
  } else if (data.type !== 'started' && data.type !== 'succeeded') {
    problems.push('type');
  }
  if (problems.length > 0) {
    throw new InvalidInputError(
      problems.map((path) => ({ path, message: 'is missing or malformed (see docs/worker-protocol.md)' })),
    );
  }
  return data as unknown as StepReply;
}
