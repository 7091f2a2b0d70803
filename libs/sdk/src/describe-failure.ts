import type { StepFailedReply } from '@retrace/domain';
import { UnrecoverableError } from 'bullmq';

export type StepFailure = StepFailedReply['error'] & { permanent: boolean };

const MAX_MESSAGE_LENGTH = 2000;
const MAX_CODE_LENGTH = 100;

/** True for errors BullMQ must not retry: `PermanentError` and any `UnrecoverableError`. */
export function isPermanent(error: unknown): boolean {
  return error instanceof UnrecoverableError || (error instanceof Error && (error.name === 'UnrecoverableError' || error.name === 'PermanentError'));
}

/**
 * What a `failed` reply says about a thrown value: its message (capped), its string `code` when it
 * has one (`PermanentError`, `TIMEOUT`, Node's `ECONNREFUSED`…), and whether it is permanent.
 */
export function describeFailure(error: unknown): StepFailure {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    message: messageOf(error).slice(0, MAX_MESSAGE_LENGTH),
    ...(typeof code === 'string' && code !== '' ? { code: code.slice(0, MAX_CODE_LENGTH) } : {}),
    permanent: isPermanent(error),
  };
}

/** The error BullMQ gets: permanent ones as `UnrecoverableError` so it does not retry them. */
export function toBullMqError(error: unknown, failure: StepFailure): Error {
  if (failure.permanent) {
    if (error instanceof UnrecoverableError) return error;
    const wrapped = new UnrecoverableError(failure.message);
    wrapped.cause = error;
    return wrapped;
  }
  return error instanceof Error ? error : new Error(failure.message, { cause: error });
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message !== '' ? error.message : `${error.name} without a message`;
  if (typeof error === 'string' && error !== '') return error;
  try {
    return `step handler threw a non-Error value: ${JSON.stringify(error) ?? String(error)}`;
  } catch {
    return `step handler threw a non-Error value: ${String(error)}`;
  }
}
