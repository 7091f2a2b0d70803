import { inspect } from 'node:util';

/** Ids a log line about a message carries as fields of their own, so logs can be searched by them. */
export interface LogFields {
  messageId?: string;
  runId?: string;
  correlationId?: string | null;
  jobId?: string;
  queue?: string;
  [key: string]: unknown;
}

/**
 * A log message with structured fields. A JSON logger (the orchestrator's pino logger) writes the
 * fields as keys of the line; any other Nest logger prints the text followed by `key=value` pairs.
 *
 * @example this.logger.warn(logFields(`could not check message ${id}`, { messageId: id, runId }));
 */
export class StructuredLogMessage {
  constructor(
    readonly msg: string,
    readonly fields: Readonly<LogFields>,
  ) {}

  toString(): string {
    const pairs = Object.entries(this.fields)
      .filter(([, value]) => value !== undefined && value !== null)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    return pairs.length > 0 ? `${this.msg} (${pairs.join(' ')})` : this.msg;
  }

  /** Nest's ConsoleLogger prints non-string messages with `util.inspect`. */
  [inspect.custom](): string {
    return this.toString();
  }
}

export const logFields = (msg: string, fields: LogFields): StructuredLogMessage => new StructuredLogMessage(msg, fields);

export const isStructuredLogMessage = (value: unknown): value is StructuredLogMessage => value instanceof StructuredLogMessage;
