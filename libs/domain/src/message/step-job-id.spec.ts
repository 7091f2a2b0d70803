import { InvalidCommandError } from '../errors/invalid-command.error';
import { parseStepJobId, stepJobId } from './step-job-id';

describe(stepJobId.name, () => {
  it('joins message, run, step and kind with "~"', () => {
    expect(stepJobId({ messageId: 'm-1', runId: 'r-1', step: 'charge', kind: 'compensation' })).toBe(
      'm-1~r-1~charge~compensation',
    );
  });

  it('gives a new run new ids', () => {
    const first = stepJobId({ messageId: 'm-1', runId: 'r-1', step: 'charge', kind: 'action' });
    const replay = stepJobId({ messageId: 'm-1', runId: 'r-2', step: 'charge', kind: 'action' });
    expect(first).not.toBe(replay);
  });

  it.each([
    { messageId: 'a:b', runId: 'r', step: 's' },
    { messageId: 'm', runId: 'r~1', step: 's' },
    { messageId: 'm', runId: 'r', step: '' },
  ])('refuses parts that would make an ambiguous or invalid id: %j', (parts) => {
    expect(() => stepJobId({ ...parts, kind: 'action' })).toThrow(InvalidCommandError);
  });

  it('is undone by parseStepJobId', () => {
    const ref = { messageId: 'm-1', runId: 'r-1', step: 'ship', kind: 'action' } as const;
    expect(parseStepJobId(stepJobId(ref))).toEqual(ref);
  });

  it.each(['m~r~s', 'm~r~s~other', 'm~~s~action', 'm~r~s~action~x', '42'])('parses %s as not a step job id', (id) => {
    expect(parseStepJobId(id)).toBeNull();
  });
});
