import type { OutboxJob } from './outbox-job';
import { OutboxSignal } from './outbox-signal';

const job = (id: string) => ({ jobId: id }) as OutboxJob;

describe(OutboxSignal.name, () => {
  it('keeps committed jobs for the relay only while one accepts them, and wakes listeners either way', () => {
    const sut = new OutboxSignal();
    const wakes = jest.fn();
    sut.subscribe(wakes);

    sut.committed([job('a')]);
    expect(sut.takeCommitted()).toEqual([]);
    expect(sut.takeLookWanted()).toBe(true);

    sut.acceptHandOver(true);
    sut.committed([job('b'), job('c')]);
    expect(sut.takeCommitted()).toEqual(['b', 'c']);
    expect(sut.takeCommitted()).toEqual([]);
    expect(sut.takeLookWanted()).toBe(false);
    expect(wakes).toHaveBeenCalledTimes(2);
  });

  it('asks for a look at the table on a plain emit, once', () => {
    const sut = new OutboxSignal();
    sut.acceptHandOver(true);
    sut.emit();
    expect(sut.takeLookWanted()).toBe(true);
    expect(sut.takeLookWanted()).toBe(false);
  });

  it('drops what was handed over when the relay stops accepting', () => {
    const sut = new OutboxSignal();
    sut.acceptHandOver(true);
    sut.committed([job('a')]);
    sut.acceptHandOver(false);
    expect(sut.takeCommitted()).toEqual([]);
  });

  it('ignores an empty commit', () => {
    const sut = new OutboxSignal();
    const wakes = jest.fn();
    sut.subscribe(wakes);
    sut.committed([]);
    expect(wakes).not.toHaveBeenCalled();
  });
});
