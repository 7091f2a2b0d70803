import { runHealthChecks } from './run-health-checks';

describe(runHealthChecks.name, () => {
  it('is ok when every check answers', async () => {
    const sut = await runHealthChecks([
      { name: 'postgres', check: () => Promise.resolve() },
      { name: 'queue', check: () => Promise.resolve() },
    ]);
    expect(sut).toEqual({ status: 'ok', checks: { postgres: 'up', queue: 'up' } });
  });

  it('names the dependency that is down and why', async () => {
    const sut = await runHealthChecks([
      { name: 'postgres', check: () => Promise.resolve() },
      { name: 'queue', check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')) },
    ]);
    expect(sut).toEqual({
      status: 'error',
      checks: { postgres: 'up', queue: 'down' },
      errors: { queue: 'connect ECONNREFUSED 127.0.0.1:6379' },
    });
  });
});
