import { Logger } from '@nestjs/common';
import { logFields } from '@retrace/engine/logging/log-fields';
import { createLogger } from './create-logger';

describe('log redaction', () => {
  const capture = () => {
    const lines: string[] = [];
    const sut = createLogger('verbose', { format: 'json', env: {}, destination: { write: (line: string) => void lines.push(line) } });
    return { sut, text: () => lines.join('') };
  };

  it('hides payloads, patches and results wherever a line carries them, keeping the ids', () => {
    const { sut, text } = capture();
    sut.warn({ msg: 'job failed', payload: { card: '4111-secret' }, job: { data: { payload: { card: '4111-secret' }, results: { charge: { token: 'tok-secret' } } } } }, 'Relay');
    sut.log({ msg: 'replay', event: { patch: { card: '5500-secret' } } }, 'Replay');
    expect(text()).not.toMatch(/secret/);
    expect(JSON.parse(text().split('\n')[0])).toMatchObject({ msg: 'job failed', payload: '[redacted]', job: { data: { payload: '[redacted]', results: '[redacted]' } } });
  });

  it('applies to structured messages sent through a Nest Logger too', () => {
    const { sut, text } = capture();
    Logger.overrideLogger(sut);
    try {
      new Logger('Sweeper').warn(logFields('step failed', { messageId: 'm-1', payload: { card: '4111-secret' } }));
    } finally {
      Logger.overrideLogger(false);
    }
    expect(text()).toContain('"messageId":"m-1"');
    expect(text()).not.toContain('4111-secret');
  });
});
