import type { DestinationStream } from 'pino';

const COLORS: Record<string, string> = { fatal: '\x1b[35m', error: '\x1b[31m', warn: '\x1b[33m', info: '\x1b[32m', debug: '\x1b[36m', trace: '\x1b[90m' };
const RESET = '\x1b[0m';
const OWN_KEYS = new Set(['level', 'time', 'pid', 'hostname', 'context', 'msg', 'err', 'stack']);

/**
 * `RETRACE_LOG_FORMAT=pretty`: turns pino's JSON lines into one readable line each —
 * `time LEVEL [context] message key=value …` — with the error's stack below it.
 */
export function prettyLogStream(out: { write(text: string): unknown }, colors: boolean): DestinationStream {
  const paint = (level: string, text: string) => (colors && COLORS[level] ? `${COLORS[level]}${text}${RESET}` : text);
  return {
    write(line: string): void {
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out.write(line);
        return;
      }
      const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));
      const level = text(record.level) || 'info';
      const fields = Object.entries(record)
        .filter(([key]) => !OWN_KEYS.has(key))
        .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
      const context = typeof record.context === 'string' ? `[${record.context}] ` : '';
      const err = record.err as { stack?: string } | undefined;
      const stack = typeof record.stack === 'string' ? record.stack : err?.stack;
      out.write(
        `${text(record.time)} ${paint(level, level.toUpperCase().padEnd(5))} ${context}${text(record.msg)}` +
          `${fields.length > 0 ? ` ${fields.join(' ')}` : ''}\n${stack ? `${stack}\n` : ''}`,
      );
    },
  };
}
