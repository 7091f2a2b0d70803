import type { StepLogger } from './step-context';
import type { WorkerLogger } from './worker-options';

/** `logger` with `fields` attached to every line; levels the logger lacks are dropped. */
export function attemptLogger(logger: WorkerLogger, fields: Record<string, unknown>): StepLogger {
  const at =
    (level: keyof WorkerLogger) =>
    (message: string, more?: Record<string, unknown>): void =>
      logger[level]?.(message, { ...fields, ...more });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
