/**
 * The sagas a service key may touch: names (`refund`) and prefix globs with one trailing `*`
 * (`order*`), as `RETRACE_API_KEYS` declares them.
 */
export class SagaScope {
  constructor(readonly globs: readonly string[]) {}

  allows(saga: string): boolean {
    return this.globs.some((glob) => (glob.endsWith('*') ? saga.startsWith(glob.slice(0, -1)) : saga === glob));
  }

  /** `order*, refund`: for messages that say what would work. */
  describe(): string {
    return this.globs.join(', ');
  }
}
