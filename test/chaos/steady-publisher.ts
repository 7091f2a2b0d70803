import { CHAOS_SAGA, payloadFor } from './chaos-saga';

/** What publishing came to: the messages the API acknowledged, and how hard it was to get there. */
export interface PublishTally {
  /** Ids answered 202 (or 200: the same id and body again): Retrace owns these. */
  accepted: string[];
  /** Ids answered with a definite refusal (a 4xx other than 408/429), with the answer. */
  refused: { id: string; status: number; body: string }[];
  /** Ids still without a definite answer when publishing had to stop. */
  unanswered: string[];
  /** Sends that got no definite answer (connection refused or cut, timeout, 5xx, 408/429) and were sent again. */
  retries: number;
}

const RETRYABLE = (status: number) => status >= 500 || status === 408 || status === 429;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Publishes at a steady rate, each message under an id the client chose, to whichever
 * orchestrator is up. A send without a definite answer (the orchestrator was killed, PostgreSQL
 * is down, a timeout) is sent again with the same id and body until one comes, so a message is
 * accepted at most once whatever happened to the answers.
 */
export class SteadyPublisher {
  private readonly tally: PublishTally = { accepted: [], refused: [], unanswered: [], retries: 0 };
  private readonly sending = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private published = 0;
  private giveUpAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly targets: () => string[],
    private readonly runTag: string,
    private readonly ratePerSecond: number,
    private readonly failEvery: number,
  ) {}

  start(): void {
    const startedAt = Date.now();
    // Paced against the clock, not per tick, so a slow event loop does not lower the rate.
    this.timer = setInterval(() => {
      const due = Math.floor(((Date.now() - startedAt) / 1000) * this.ratePerSecond);
      while (this.published < due) this.launch(this.published++);
    }, 20);
  }

  /** Stops publishing new messages and waits (up to `withinMs`) for every send in flight to get its answer. */
  async stop(withinMs: number): Promise<PublishTally> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.giveUpAt = Date.now() + withinMs;
    await Promise.all([...this.sending]);
    return this.tally;
  }

  count(): number {
    return this.published;
  }

  private launch(n: number): void {
    const sent = this.publish(`${this.runTag}-${String(n).padStart(6, '0')}`, n);
    this.sending.add(sent);
    void sent.finally(() => this.sending.delete(sent));
  }

  private async publish(id: string, n: number): Promise<void> {
    const body = JSON.stringify({ saga: CHAOS_SAGA, id, payload: payloadFor(n, this.failEvery) });
    for (let attempt = 0; ; attempt++) {
      if (Date.now() > this.giveUpAt) {
        this.tally.unanswered.push(id);
        return;
      }
      const urls = this.targets();
      const url = urls[(n + attempt) % Math.max(urls.length, 1)];
      if (url !== undefined) {
        const answer = await fetch(`${url}/v1/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
          signal: AbortSignal.timeout(5000),
        }).catch(() => null);
        if (answer && (answer.status === 202 || answer.status === 200)) {
          this.tally.accepted.push(id);
          return;
        }
        if (answer && !RETRYABLE(answer.status)) {
          this.tally.refused.push({ id, status: answer.status, body: (await answer.text()).slice(0, 300) });
          return;
        }
        await answer?.body?.cancel();
        this.tally.retries++;
      }
      await sleep(Math.min(200 * 2 ** Math.min(attempt, 3), 1500));
    }
  }
}
