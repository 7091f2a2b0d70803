import { REDACTED } from './redact-paths';
import { redactEventData } from './redact-event-data';

describe(redactEventData.name, () => {
  const paths = ['card.number'];

  it('hides the payload paths of MessageAccepted', () => {
    const data = { saga: 'order', payload: { card: { number: '4111', exp: '12/30' } }, status: 'PENDING' };
    expect(redactEventData('MessageAccepted', data, paths)).toEqual({ ...data, payload: { card: { number: REDACTED, exp: '12/30' } } });
    expect(data.payload.card.number).toBe('4111');
  });

  it("hides them in a replay's payload and in its patch", () => {
    const data = { runId: 'r2', payload: { card: { number: '5500' } }, patch: { card: { number: '5500' } }, mode: 'restart' };
    expect(redactEventData('ReplayStarted', data, paths)).toEqual({ ...data, payload: { card: { number: REDACTED } }, patch: { card: { number: REDACTED } } });
    expect(redactEventData('ReplayStarted', { ...data, patch: null }, paths)).toMatchObject({ patch: null });
  });

  it('leaves events without a payload, and sagas without paths, alone', () => {
    const step = { runId: 'r1', step: 'charge', result: { card: { number: '4111' } } };
    expect(redactEventData('StepSucceeded', step, paths)).toBe(step);
    const accepted = { payload: { card: { number: '4111' } } };
    expect(redactEventData('MessageAccepted', accepted, [])).toBe(accepted);
    expect(redactEventData('MessageAccepted', null, paths)).toBeNull();
  });
});
