import pino from 'pino';
import { type LogLevel } from '../config/retrace-config';
import { LOG_REDACTION } from './log-redaction';
import { PinoLoggerService } from './pino-logger';
import { prettyLogStream } from './pretty-log-stream';

export type LogFormat = 'json' | 'pretty';

export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];

export interface CreateLoggerOptions {
  /** Default: `RETRACE_LOG_FORMAT`, else `pretty` on a terminal and `json` otherwise. */
  readonly format?: LogFormat;
  /** Where lines go (default stdout, written synchronously); tests pass their own. */
  readonly destination?: pino.DestinationStream;
  readonly env?: NodeJS.ProcessEnv;
}

const PINO_LEVEL: Record<LogLevel, pino.Level> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * The orchestrator's logger: Nest's LoggerService on pino, showing `level` and everything more
 * severe. JSON lines on stdout (written synchronously, so nothing is lost when the process exits),
 * or readable lines with `RETRACE_LOG_FORMAT=pretty`.
 */
export function createLogger(level: LogLevel, options: CreateLoggerOptions = {}): PinoLoggerService {
  const env = options.env ?? process.env;
  const requested = env.RETRACE_LOG_FORMAT?.trim().toLowerCase();
  const invalid = requested !== undefined && requested !== '' && !LOG_FORMATS.includes(requested as LogFormat);
  const format: LogFormat = options.format ?? (requested && !invalid ? (requested as LogFormat) : process.stdout.isTTY ? 'pretty' : 'json');
  const out = options.destination ?? pino.destination({ dest: 1, sync: true });
  const destination = format === 'pretty' ? prettyLogStream(out, options.destination === undefined && process.stdout.isTTY) : out;
  const logger = new PinoLoggerService(
    pino(
      {
        level: PINO_LEVEL[level],
        base: { pid: process.pid },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        redact: LOG_REDACTION,
      },
      destination,
    ),
  );
  if (invalid) {
    logger.warn(`RETRACE_LOG_FORMAT "${requested}" is not a format; use ${LOG_FORMATS.join(' or ')}. Logging ${format}.`, 'Config');
  }
  return logger;
}
