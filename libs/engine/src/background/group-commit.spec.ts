import { GroupCommit, type GroupCommitLimits } from './group-commit';

interface Item {
  key: string;
  value: number;
}

/** A commit function whose calls stay open until the test finishes them. */
function heldCommits() {
  const calls: { items: Item[]; finish: (answer?: Error) => void }[] = [];
  const commit = (items: Item[]) =>
    new Promise<number[]>((resolve, reject) => {
      calls.push({ items, finish: (error) => (error ? reject(error) : resolve(items.map((i) => i.value * 10))) });
    });
  return { calls, commit };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const item = (key: string, value: number): Item => ({ key, value });

function setup(limits: GroupCommitLimits = { batchSize: 10, inFlight: 1 }) {
  const held = heldCommits();
  const sut = new GroupCommit<Item, number>(held.commit, (i) => i.key, limits);
  return { sut, calls: held.calls };
}

describe('GroupCommit', () => {
  it('commits an item at once, alone, when a commit is free', async () => {
    const { sut, calls } = setup();
    const result = sut.submit(item('a', 1));
    expect(calls.map((c) => c.items)).toEqual([[item('a', 1)]]);
    calls[0].finish();
    await expect(result).resolves.toBe(10);
  });

  it('gathers what arrives while the commits in flight run into the next, up to batchSize', async () => {
    const { sut, calls } = setup({ batchSize: 2, inFlight: 1 });
    const results = [1, 2, 3, 4].map((n) => sut.submit(item(`k${n}`, n)));
    expect(calls).toHaveLength(1);
    calls[0].finish();
    await flush();
    expect(calls.map((c) => c.items.map((i) => i.value))).toEqual([[1], [2, 3]]);
    calls[1].finish();
    await flush();
    expect(calls[2].items.map((i) => i.value)).toEqual([4]);
    calls[2].finish();
    await expect(Promise.all(results)).resolves.toEqual([10, 20, 30, 40]);
  });

  it('runs up to inFlight commits at once', async () => {
    const { sut, calls } = setup({ batchSize: 10, inFlight: 2 });
    [1, 2, 3].forEach((n) => void sut.submit(item(`k${n}`, n)));
    expect(calls.map((c) => c.items.map((i) => i.value))).toEqual([[1], [2]]);
    calls[1].finish();
    await flush();
    expect(calls[2].items.map((i) => i.value)).toEqual([3]);
  });

  it('never puts two items of one key in one commit, nor beside a running commit that has that key', async () => {
    const { sut, calls } = setup({ batchSize: 10, inFlight: 2 });
    const first = sut.submit(item('same', 1));
    const second = sut.submit(item('same', 2));
    const other = sut.submit(item('other', 3));
    // The second 'same' waits although a commit is free; 'other' takes it.
    expect(calls.map((c) => c.items.map((i) => i.value))).toEqual([[1], [3]]);
    calls[1].finish();
    await flush();
    expect(calls).toHaveLength(2);
    calls[0].finish();
    await flush();
    expect(calls[2].items.map((i) => i.value)).toEqual([2]);
    calls[2].finish();
    await expect(Promise.all([first, second, other])).resolves.toEqual([10, 20, 30]);
  });

  it('fails every item of a commit that throws, and goes on with the next', async () => {
    const { sut, calls } = setup({ batchSize: 10, inFlight: 1 });
    const first = sut.submit(item('a', 1));
    const waiting = [sut.submit(item('b', 2)), sut.submit(item('c', 3))];
    calls[0].finish(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await flush();
    calls[1].finish(new Error('again'));
    await expect(Promise.all(waiting.map((p) => p.catch((e: Error) => e.message)))).resolves.toEqual(['again', 'again']);
    const later = sut.submit(item('d', 4));
    calls[2].finish();
    await expect(later).resolves.toBe(40);
  });

  it('fails the items of a commit that answers for fewer of them', async () => {
    const sut = new GroupCommit<Item, number>(async () => [1], (i) => i.key, { batchSize: 10, inFlight: 1 });
    const blocker = sut.submit(item('a', 1));
    const pair = [sut.submit(item('b', 2)), sut.submit(item('c', 3))].map((p) => p.catch((e: Error) => e.message));
    await expect(blocker).resolves.toBe(1);
    await expect(Promise.all(pair)).resolves.toEqual(['GroupCommit: the commit answered 1 of 2 items', 'GroupCommit: the commit answered 1 of 2 items']);
  });

  it('drains: resolves once every commit has run, those started meanwhile included', async () => {
    const { sut, calls } = setup({ batchSize: 1, inFlight: 1 });
    void sut.submit(item('a', 1));
    void sut.submit(item('b', 2));
    let drained = false;
    const draining = sut.drain().then(() => (drained = true));
    calls[0].finish();
    await flush();
    expect(drained).toBe(false);
    calls[1].finish();
    await draining;
    expect(calls).toHaveLength(2);
  });

  it('refuses limits below 1', () => {
    expect(() => new GroupCommit(async () => [], () => '', { batchSize: 0, inFlight: 1 })).toThrow(RangeError);
    expect(() => new GroupCommit(async () => [], () => '', { batchSize: 1, inFlight: 0 })).toThrow(RangeError);
  });
});
