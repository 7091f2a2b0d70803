import { offerLoad } from './offered-load';

describe(offerLoad.name, () => {
  it('starts every call once, in order, without waiting for earlier ones to settle', async () => {
    const started: number[] = [];
    const pending: (() => void)[] = [];
    const sut = offerLoad(5, 10_000, (i) => {
      started.push(i);
      return new Promise<void>((resolve) => pending.push(resolve));
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual([0, 1, 2, 3, 4]); // open loop: none of them has answered yet
    pending.forEach((resolve) => resolve());
    await expect(sut).resolves.toBeUndefined();
  });

  it('stops offering at the first failure and rejects with it, without waiting for the schedule', async () => {
    const started: number[] = [];
    // 20/s: the schedule sleeps 50 ms before the second call, by when the first has failed.
    const sut = offerLoad(10, 20, async (i) => {
      started.push(i);
      if (i === 0) throw new Error('publish 0 refused');
    });
    await expect(sut).rejects.toThrow('publish 0 refused');
    expect(started).toEqual([0]);
  });
});
