/** How a GroupCommit forms its batches. */
export interface GroupCommitLimits {
  /** Most items in one commit. */
  batchSize: number;
  /** Most commits running at once; items that arrive meanwhile wait and go together in the next. */
  inFlight: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/**
 * Commits items submitted by concurrent callers together: while `inFlight` commits run, new items
 * wait, and the next free commit takes all that waited (up to `batchSize`). An item submitted when
 * a commit is free goes at once, so batching adds no wait when the load is light, and batches grow
 * with the load. Two items with the same key never share a commit nor run in two at once (the later
 * waits for a later commit); otherwise oldest first. `commit` answers each item of its batch in order; when it throws, every item of
 * that batch fails with the error.
 */
export class GroupCommit<T, R> {
  private waiting: Waiting<T, R>[] = [];
  /** The commits running now. */
  private readonly runs = new Set<Promise<void>>();
  /** Keys of the items in running commits. */
  private readonly busy = new Set<string>();

  constructor(
    private readonly commit: (items: T[]) => Promise<R[]>,
    private readonly keyOf: (item: T) => string,
    private readonly limits: GroupCommitLimits,
  ) {
    if (!(limits.batchSize >= 1 && limits.inFlight >= 1)) throw new RangeError('GroupCommit: batchSize and inFlight must be at least 1');
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.flush();
    });
  }

  /** Resolves once nothing waits or runs, items submitted meanwhile included (for a shutdown). */
  async drain(): Promise<void> {
    while (this.runs.size > 0) await Promise.all(this.runs);
  }

  private flush(): void {
    while (this.runs.size < this.limits.inFlight && this.waiting.length > 0) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const run: Promise<void> = this.run(batch).finally(() => {
        this.runs.delete(run);
        for (const entry of batch) this.busy.delete(this.keyOf(entry.item));
        this.flush();
      });
      this.runs.add(run);
    }
  }

  private takeBatch(): Waiting<T, R>[] {
    const batch: Waiting<T, R>[] = [];
    const keys = new Set<string>();
    const left: Waiting<T, R>[] = [];
    for (const entry of this.waiting) {
      const key = this.keyOf(entry.item);
      if (batch.length < this.limits.batchSize && !keys.has(key) && !this.busy.has(key)) {
        keys.add(key);
        this.busy.add(key);
        batch.push(entry);
      } else {
        left.push(entry);
      }
    }
    this.waiting = left;
    return batch;
  }

  private async run(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const results = await this.commit(batch.map((entry) => entry.item));
      if (results.length !== batch.length) throw new Error(`GroupCommit: the commit answered ${results.length} of ${batch.length} items`);
      batch.forEach((entry, i) => entry.resolve(results[i]));
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    }
  }
}
