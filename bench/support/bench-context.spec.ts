import { createCleanups } from './bench-context';

describe(createCleanups.name, () => {
  it('runs cleanups newest first and goes on past a failing one, reporting it', async () => {
    const sut = createCleanups();
    const ran: string[] = [];
    const log: string[] = [];
    sut.defer('drop the schema', async () => ran.push('schema'));
    sut.defer('stop the orchestrator', () => Promise.reject(new Error('already gone')));
    sut.defer('close the pool', async () => ran.push('pool'));
    await sut.runAll((line) => log.push(line));
    expect(ran).toEqual(['pool', 'schema']);
    expect(log).toEqual(['cleanup: could not stop the orchestrator: already gone']);
  });

  it('runs each cleanup once', async () => {
    const sut = createCleanups();
    let runs = 0;
    sut.defer('count', async () => runs++);
    await sut.runAll(() => undefined);
    await sut.runAll(() => undefined);
    expect(runs).toBe(1);
  });
});
