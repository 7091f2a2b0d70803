import { PermanentError } from './permanent.error';

/**
 * The result as the orchestrator will store it: `undefined` becomes null, and the value is passed
 * through JSON once so the reply and the job's returnvalue are the same (a Date becomes its ISO
 * string). A result JSON cannot carry fails the step permanently: running it again returns the same.
 */
export function toJsonResult(result: unknown): unknown {
  if (result === undefined) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(result);
  } catch (error) {
    throw new PermanentError(`the step handler's result is not JSON (${(error as Error).message}); return plain data`, {
      code: 'RESULT_NOT_JSON',
      cause: error,
    });
  }
  if (text === undefined) {
    throw new PermanentError(`the step handler returned a ${typeof result}, which JSON cannot carry; return plain data or nothing`, {
      code: 'RESULT_NOT_JSON',
    });
  }
  return JSON.parse(text) as unknown;
}
