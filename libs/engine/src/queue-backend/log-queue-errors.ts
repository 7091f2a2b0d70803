import type { Logger } from '@nestjs/common';

interface ErrorSource {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Sends a BullMQ queue's connection errors to the logger, at most one line per `everyMs` (with a
 * count of those held back): without a listener BullMQ prints every reconnect attempt's stack.
 */
export function logQueueErrors(source: ErrorSource, name: string, logger: Logger, everyMs = 5_000): void {
  let last = 0;
  let held = 0;
  source.on('error', (error) => {
    const now = Date.now();
    if (now - last < everyMs) {
      held++;
      return;
    }
    logger.warn(`queue ${name}: ${error.message}${held > 0 ? ` (and ${held} more since)` : ''}`);
    last = now;
    held = 0;
  });
}
