import { InvalidCommandError } from '../errors/invalid-command.error';
import type { StepKind } from './message-events';

export interface StepJobRef {
  messageId: string;
  runId: string;
  step: string;
  kind: StepKind;
}

const SEPARATOR = '~';

/**
 * The deterministic BullMQ job id of a step's action or compensation in one run:
 * `<messageId>~<runId>~<step>~<kind>`. A re-sent outbox row gets the same id, so BullMQ runs the
 * job once; a replay is a new run and so gets new ids. Handlers use it as their idempotency key.
 *
 * @throws InvalidCommandError when a part contains `~` or `:` (BullMQ refuses `:` in ids).
 */
export function stepJobId({ messageId, runId, step, kind }: StepJobRef): string {
  for (const [name, value] of Object.entries({ messageId, runId, step })) {
    if (value === '' || /[~:]/.test(value)) {
      throw new InvalidCommandError('step job id', `${name} "${value}" must be non-empty and contain neither "~" nor ":"`);
    }
  }
  return [messageId, runId, step, kind].join(SEPARATOR);
}

/** The parts of a job id built by {@link stepJobId}, or null when `jobId` is not one. */
export function parseStepJobId(jobId: string): StepJobRef | null {
  const parts = jobId.split(SEPARATOR);
  if (parts.length !== 4 || parts.some((part) => part === '')) return null;
  const [messageId, runId, step, kind] = parts;
  if (kind !== 'action' && kind !== 'compensation') return null;
  return { messageId, runId, step, kind };
}
