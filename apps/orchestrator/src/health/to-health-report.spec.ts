import { toHealthReport } from './to-health-report';

describe(toHealthReport.name, () => {
  it('is ok when every check is up', () => {
    const sut = toHealthReport({ status: 'ok', details: { postgres: { status: 'up', responseTime: 1 }, queue: { status: 'up', responseTime: 2 } } });
    expect(sut).toEqual({ status: 'ok', checks: { postgres: 'up', queue: 'up' } });
  });

  it('names the dependency that is down and why', () => {
    const sut = toHealthReport({
      status: 'error',
      details: { postgres: { status: 'up' }, queue: { status: 'down', message: 'connect ECONNREFUSED 127.0.0.1:6379' } },
    });
    expect(sut).toEqual({ status: 'error', checks: { postgres: 'up', queue: 'down' }, errors: { queue: 'connect ECONNREFUSED 127.0.0.1:6379' } });
  });

  it('reports a process shutting down as an error, dependencies as they are', () => {
    const sut = toHealthReport({ status: 'shutting_down', details: { postgres: { status: 'up' }, queue: { status: 'up' } } });
    expect(sut).toEqual({ status: 'error', checks: { postgres: 'up', queue: 'up' }, errors: { process: 'shutting down' } });
  });
});
