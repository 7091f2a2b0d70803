import { ConsoleLogger } from '@nestjs/common';
import { LOG_LEVELS, type LogLevel } from '../config/retrace-config';

/** Nest's console logger showing `level` and everything more severe. */
export function createLogger(level: LogLevel): ConsoleLogger {
  return new ConsoleLogger({ prefix: 'Retrace', logLevels: [...LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1)] });
}
