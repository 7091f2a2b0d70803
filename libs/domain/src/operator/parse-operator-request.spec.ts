import { InvalidInputError } from '../validation/invalid-input.error';
import { parseOperatorRequest, parseReplayRequest, parseUndoRequest } from './parse-operator-request';

const pathsOf = (parse: () => unknown): string[] => {
  try {
    parse();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.details.issues.map((i) => i.path);
    throw error;
  }
  return [];
};

describe('operator requests', () => {
  it('requires a reason', () => {
    expect(pathsOf(() => parseOperatorRequest({}))).toEqual(['reason']);
    expect(pathsOf(() => parseOperatorRequest({ reason: '' }))).toEqual(['reason']);
    expect(pathsOf(() => parseOperatorRequest(undefined))).toEqual(['']);
    expect(parseOperatorRequest({ reason: 'stuck order' })).toEqual({ reason: 'stuck order' });
  });

  it('refuses unknown fields and wrong types', () => {
    expect(pathsOf(() => parseOperatorRequest({ reason: 'x', force: true }))).toEqual(['force']);
    expect(pathsOf(() => parseUndoRequest({ reason: 'x', force: 'yes' }))).toEqual(['force']);
  });

  it('reads undo and replay with their defaults', () => {
    expect(parseUndoRequest({ reason: 'refund' })).toEqual({ reason: 'refund', force: false });
    expect(parseReplayRequest({ reason: 'retry' })).toEqual({ reason: 'retry', mode: 'resume', fromStep: null, force: false, patch: null });
    expect(parseReplayRequest({ reason: 'fix', mode: 'restart', fromStep: 'charge', force: true, patch: { qty: 1 } })).toEqual({
      reason: 'fix',
      mode: 'restart',
      fromStep: 'charge',
      force: true,
      patch: { qty: 1 },
    });
  });

  it('reports every bad replay field at once', () => {
    expect(pathsOf(() => parseReplayRequest({ mode: 'again', patch: [1], fromStep: 3 })).sort()).toEqual(['fromStep', 'mode', 'patch', 'reason']);
  });
});
