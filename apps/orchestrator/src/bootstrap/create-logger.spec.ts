import { Logger } from '@nestjs/common';
import { logFields } from '@retrace/engine/logging/log-fields';
import { createLogger } from './create-logger';

function capture(level: Parameters<typeof createLogger>[0] = 'log', format: 'json' | 'pretty' = 'json') {
  const lines: string[] = [];
  const destination = { write: (line: string) => void lines.push(line) };
  const sut = createLogger(level, { format, env: {}, destination });
  return { sut, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe(createLogger.name, () => {
  it('writes one JSON object per line with level, time, context and message', () => {
    const { sut, records } = capture();
    sut.warn('auth is off', 'Config');
    expect(records()).toEqual([{ level: 'warn', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), pid: process.pid, context: 'Config', msg: 'auth is off' }]);
  });

  it('carries a structured message’s ids as fields of their own, also through a Nest Logger', () => {
    const { sut, records } = capture();
    const nest = new Logger('StepSweeper');
    Logger.overrideLogger(sut);
    try {
      nest.warn(logFields('job j is missing', { messageId: 'm-1', runId: 'r-1', correlationId: null, jobId: 'j' }));
    } finally {
      Logger.overrideLogger(false);
    }
    expect(records()[0]).toMatchObject({ level: 'warn', context: 'StepSweeper', msg: 'job j is missing', messageId: 'm-1', runId: 'r-1', jobId: 'j' });
    expect(records()[0]).not.toHaveProperty('correlationId');
  });

  it('keeps an error’s stack and honours the level', () => {
    const { sut, records } = capture('warn');
    sut.log('not shown', 'Main');
    sut.error('boom', 'Error: boom\n    at somewhere (x.js:1:1)', 'Runtime');
    expect(records()).toEqual([expect.objectContaining({ level: 'error', msg: 'boom', context: 'Runtime', stack: expect.stringContaining('at somewhere') })]);
  });

  it('prints readable lines in pretty format', () => {
    const { sut, lines } = capture('log', 'pretty');
    sut.log(logFields('applied', { messageId: 'm-2' }), 'ReplyConsumer');
    expect(lines.join('')).toMatch(/ INFO {2}\[ReplyConsumer\] applied messageId=m-2\n$/);
  });
});
