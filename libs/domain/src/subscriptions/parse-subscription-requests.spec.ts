import { issuesOf } from '../validation/issues-of';
import { parsePutSubscriptionRequest } from './parse-put-subscription-request';
import { parseSubscriptionName } from './parse-subscription-name';
import { parseAckRequest, parseNextBatchQuery, parseResetSubscriptionRequest } from './parse-subscription-requests';

const paths = (parse: () => unknown) => issuesOf(parse).map((i) => i.path);

describe(parsePutSubscriptionRequest.name, () => {
  it('fills the defaults and normalises types into a sorted set', () => {
    expect(parsePutSubscriptionRequest({ filter: { types: ['StepFailed', 'MessageAccepted', 'StepFailed'], saga: 'order' } })).toEqual({
      filter: { types: ['MessageAccepted', 'StepFailed'], saga: 'order' },
      startAt: 'beginning',
      ackTimeoutMs: 30_000,
    });
    expect(parsePutSubscriptionRequest({ filter: {}, startAt: 'end', ackTimeoutMs: 500 })).toEqual({ filter: {}, startAt: 'end', ackTimeoutMs: 500 });
  });

  it('names every wrong field', () => {
    expect(paths(() => parsePutSubscriptionRequest({}))).toEqual(['filter']);
    expect(
      paths(() => parsePutSubscriptionRequest({ filter: { types: ['ok', 'not ok'], saga: 'Order', streamPrefix: '', x: 1 }, startAt: 'now', ackTimeoutMs: 5, extra: true })),
    ).toEqual(['extra', 'filter.x', 'filter.types[1]', 'filter.saga', 'filter.streamPrefix', 'startAt', 'ackTimeoutMs']);
    expect(paths(() => parsePutSubscriptionRequest(null))).toEqual(['']);
  });
});

describe(parseSubscriptionName.name, () => {
  it('takes saga-like names only', () => {
    expect(parseSubscriptionName('billing.projector')).toBe('billing.projector');
    expect(paths(() => parseSubscriptionName('Billing'))).toEqual(['name']);
  });
});

describe(parseNextBatchQuery.name, () => {
  it('defaults limit to 100 and bounds it', () => {
    expect(parseNextBatchQuery({})).toEqual({ limit: 100 });
    expect(parseNextBatchQuery({ limit: '5' })).toEqual({ limit: 5 });
    expect(paths(() => parseNextBatchQuery({ limit: '0' }))).toEqual(['limit']);
    expect(paths(() => parseNextBatchQuery({ limt: '5' }))).toEqual(['limt']);
  });
});

describe(parseAckRequest.name, () => {
  it('needs a position; leaseId is optional', () => {
    expect(parseAckRequest({ position: 7 })).toEqual({ position: 7, leaseId: null });
    expect(parseAckRequest({ position: 7, leaseId: 'l' })).toEqual({ position: 7, leaseId: 'l' });
    expect(paths(() => parseAckRequest({ position: '7' }))).toEqual(['position']);
    expect(paths(() => parseAckRequest({}))).toEqual(['position']);
  });
});

describe(parseResetSubscriptionRequest.name, () => {
  it('reads a position or a time, a reason and dryRun', () => {
    expect(parseResetSubscriptionRequest({ toPosition: 3, reason: 'r' })).toEqual({ target: { toPosition: 3 }, reason: 'r', dryRun: false });
    expect(parseResetSubscriptionRequest({ toTime: '2026-11-20T10:02:00Z', reason: 'r', dryRun: true })).toEqual({
      target: { toTime: new Date('2026-11-20T10:02:00Z') },
      reason: 'r',
      dryRun: true,
    });
  });

  it('wants exactly one target and a reason', () => {
    expect(paths(() => parseResetSubscriptionRequest({ reason: 'r' }))).toEqual(['toPosition']);
    expect(paths(() => parseResetSubscriptionRequest({ toPosition: 1, toTime: '2026-11-20T10:02:00Z', reason: 'r' }))).toEqual(['toTime']);
    expect(paths(() => parseResetSubscriptionRequest({ toPosition: 0, dryRun: 'yes' }))).toEqual(['toPosition', 'reason', 'dryRun']);
    expect(paths(() => parseResetSubscriptionRequest({ toTime: 'yesterday', reason: 'r' }))).toEqual(['toTime']);
  });
});
