import { InvalidWorkerOptionsError } from './invalid-worker-options.error';
import type { StepHandlers } from './step-context';
import { validateWorkerOptions } from './validate-worker-options';
import type { WorkerOptions } from './worker-options';

const handler = async (): Promise<null> => null;
const problemsOf = (handlers: unknown, options: unknown): readonly string[] => {
  try {
    validateWorkerOptions(handlers as StepHandlers, options as WorkerOptions);
  } catch (error) {
    if (error instanceof InvalidWorkerOptionsError) return error.problems;
    throw error;
  }
  throw new Error('expected InvalidWorkerOptionsError');
};

describe(validateWorkerOptions.name, () => {
  it('fills in the defaults', () => {
    const sut = validateWorkerOptions({ 'orders.charge': handler }, { connection: 'redis://127.0.0.1:6379/2' });
    expect(sut).toMatchObject({
      connection: { kind: 'redis', options: { url: 'redis://127.0.0.1:6379/2' } },
      prefix: 'retrace',
      concurrency: 10,
      reportStarted: true,
      shutdownGraceMs: 10_000,
    });
    expect([...sut.handlers.keys()]).toEqual(['orders.charge']);
  });

  it('reads ioredis options and the PostgreSQL backend', () => {
    expect(validateWorkerOptions({ a: handler }, { connection: { host: 'cache', port: 6380 } }).connection).toEqual({
      kind: 'redis',
      options: { host: 'cache', port: 6380 },
    });
    expect(validateWorkerOptions({ a: handler }, { connection: { postgres: { connectionString: 'postgres://db/retrace' } } }).connection).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://db/retrace',
      schema: 'retrace_bullmq',
      migrate: true,
    });
  });

  it('refuses empty handlers and names every bad queue name and non-function', () => {
    expect(problemsOf({}, { connection: 'redis://x' })).toEqual(['handlers is empty: map at least one queue name to its handler']);
    expect(problemsOf({ 'orders:charge': handler, '.hidden': handler, ok: 'nope' }, { connection: 'redis://x' })).toEqual([
      expect.stringMatching(/^handlers\["orders:charge"\]: a queue name is 1-128 letters/),
      expect.stringMatching(/^handlers\["\.hidden"\]: a queue name/),
      expect.stringMatching(/^handlers\["ok"\] must be a function/),
    ]);
    expect(problemsOf(null, { connection: 'redis://x' })).toEqual([expect.stringMatching(/^handlers must be an object/)]);
  });

  it('refuses the orchestrator’s own queues', () => {
    expect(problemsOf({ 'retrace.replies': handler, 'retrace.http': handler }, { connection: 'redis://x' })).toEqual([
      expect.stringMatching(/retrace\.replies.*where workers send replies/),
      expect.stringMatching(/retrace\.http.*HTTP steps/),
    ]);
  });

  it('refuses a missing or wrong connection with the way out', () => {
    expect(problemsOf({ a: handler }, {})).toEqual([expect.stringMatching(/^options\.connection is required/)]);
    expect(problemsOf({ a: handler }, { connection: 'postgres://db/x' })).toEqual([expect.stringMatching(/redis:\/\/ or rediss:\/\/ URL/)]);
    expect(problemsOf({ a: handler }, { connection: { duplicate: () => undefined } })).toEqual([expect.stringMatching(/not a client/)]);
    expect(problemsOf({ a: handler }, { connection: { postgres: { connectionString: 'redis://x' } } })).toEqual([
      'options.connection.postgres.connectionString must be a postgres:// URL',
    ]);
    expect(problemsOf({ a: handler }, { connection: { postgres: { connectionString: 'postgres://db', schema: 'a-b' } } })).toEqual([
      expect.stringMatching(/schema must be a plain PostgreSQL identifier/),
    ]);
  });

  it('refuses bad numbers, unknown options and a logger without warn/error, all at once', () => {
    const problems = problemsOf(
      { a: handler },
      { connection: 'redis://x', concurrency: 0, shutdownGraceMs: -1, concurency: 5, prefix: '', reportStarted: 'yes', logger: {} },
    );
    expect(problems).toEqual([
      expect.stringMatching(/^options\.concurency is not an option; known: connection, prefix, concurrency/),
      expect.stringMatching(/^options\.prefix must be a non-empty string/),
      'options.concurrency must be an integer ≥ 1, got 0',
      'options.shutdownGraceMs must be an integer ≥ 0, got -1',
      'options.reportStarted must be true or false, got "yes"',
      expect.stringMatching(/^options\.logger must have warn\(\) and error\(\)/),
    ]);
    expect(problemsOf({ a: handler }, { connection: 'redis://x', concurrency: 1.5 })).toEqual(['options.concurrency must be an integer ≥ 1, got 1.5']);
  });

  it('puts every problem in the error message', () => {
    expect(() => validateWorkerOptions({}, { connection: 'redis://x', concurrency: 0 })).toThrow(
      'createWorker refused its arguments:\n  - handlers is empty: map at least one queue name to its handler\n  - options.concurrency must be an integer ≥ 1, got 0',
    );
  });
});
