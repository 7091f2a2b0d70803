import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import { isStructuredLogMessage } from '@retrace/engine/logging/log-fields';
import pino from 'pino';
import { inspect } from 'node:util';
import { LOG_LEVELS, type LogLevel } from '../config/retrace-config';

/** Nest's level names → pino's. */
const PINO_LEVEL: Record<LogLevel, pino.Level> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

const looksLikeStack = (value: string) => /\n\s+at /.test(value);

/**
 * Nest's LoggerService on pino: one JSON object per line, with `level` (a name), `time` (ISO),
 * `context` (the Nest context), `msg`, and the fields of a structured message (`logFields()` from
 * the engine: `messageId`, `runId`, `correlationId`, …) as keys of their own. Errors go under `err`
 * (pino's serializer: type, message, stack).
 */
export class PinoLoggerService implements LoggerService {
  constructor(readonly pino: pino.Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params, true);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params, true);
  }

  /** Nest passes the levels to show; the most verbose of them becomes pino's threshold. */
  setLogLevels(levels: NestLogLevel[]): void {
    const known = levels.filter((l): l is LogLevel => (LOG_LEVELS as readonly string[]).includes(l));
    const most = known.sort((a, b) => LOG_LEVELS.indexOf(b) - LOG_LEVELS.indexOf(a))[0];
    this.pino.level = most ? PINO_LEVEL[most] : 'silent';
  }

  private write(level: pino.Level, message: unknown, params: unknown[], mayHaveStack = false): void {
    if (!this.pino.isLevelEnabled(level)) return;
    // Nest appends the context as the last argument (after `undefined` when there was nothing else).
    const rest = [...params];
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' && !looksLikeStack(rest[rest.length - 1] as string) ? (rest.pop() as string) : undefined;
    const fields: Record<string, unknown> = context !== undefined ? { context } : {};
    let msg: string;
    if (typeof message === 'string') {
      msg = message;
    } else if (isStructuredLogMessage(message)) {
      for (const [key, value] of Object.entries(message.fields)) if (value !== undefined && value !== null) fields[key] = value;
      msg = message.msg;
    } else if (message instanceof Error) {
      fields.err = message;
      msg = message.message;
    } else if (message !== null && typeof message === 'object' && Object.getPrototypeOf(message) === Object.prototype) {
      const { msg: text, message: alt, ...other } = message as Record<string, unknown>;
      Object.assign(fields, other);
      msg = typeof text === 'string' ? text : typeof alt === 'string' ? alt : '';
    } else {
      msg = inspect(message);
    }
    const extra = rest.filter((p) => p !== undefined);
    if (mayHaveStack && typeof extra[0] === 'string') fields.stack = extra.shift();
    if (extra.length > 0) fields.params = extra.map((p) => (typeof p === 'string' ? p : inspect(p, { breakLength: Infinity })));
    this.pino[level](fields, msg);
  }
}
