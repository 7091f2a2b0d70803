/** Which background work this process runs, and how. An API-only replica turns the workers off. */
export interface EngineOptions {
  /** Move outbox rows into BullMQ. */
  relay: boolean;
  /** Apply workers' replies. */
  replies: boolean;
  /** Look after in-flight steps: lost jobs, lost replies, deadlines. */
  sweeper: boolean;
  /** Run HTTP steps. */
  httpSteps: boolean;
  relayBatchSize: number;
  relayPollMs: number;
  /** Hand-over sends a relay runs at once (each a claim, an addBulk and a commit). */
  relaySendsInFlight: number;
  /**
   * Decision batches whose jobs may be claimed and sent at once (ClaimedSends), each holding a pool
   * connection until BullMQ has its jobs; more fall back to the relay's hand-over. Keep it below
   * the pool's size (10): while Redis stalls, that many connections wait.
   */
  claimedSendsInFlight: number;
  /**
   * Replies applied at once. Each mostly waits for its decision's group commit, so more in flight
   * means bigger batches: sagaRate 32 → 96 measured +15–30 % (alternating runs), 160 no better.
   */
  replyConcurrency: number;
  /**
   * Offer workers the reply stream (Redis only): step jobs name it in `replyStream`, and workers
   * that can append to it (the SDK) send each reply as one XADD instead of a reply job.
   */
  replyStream: boolean;
  /** A reply on the stream that was not applied (PostgreSQL away, its replica dead) is taken again after this long. */
  replyRetryMs: number;
  /** Most decisions (of different messages) committed in one statement (DecisionCommitter's group commit). */
  decisionBatchSize: number;
  /** Decision commits running at once; decisions that arrive meanwhile go together in the next. */
  decisionCommitsInFlight: number;
  httpStepConcurrency: number;
  sweepIntervalMs: number;
  sweepBatchSize: number;
  /** How long after dispatch the sweeper first checks that a job is really in its queue. */
  firstCheckMs: number;
  /** How often after that it looks again while the step is in flight. */
  recheckMs: number;
  /** Sent outbox rows of messages with nothing in flight are deleted once this old (OutboxPruner). */
  outboxKeepSentMs: number;
  outboxPruneIntervalMs: number;
  /** Run bulk operations. */
  operations: boolean;
  operationTickMs: number;
  /** Bulk operations over more messages than this need `confirm`. */
  confirmAbove: number;
}

export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  relay: true,
  replies: true,
  sweeper: true,
  httpSteps: true,
  relayBatchSize: 500,
  relayPollMs: 250,
  relaySendsInFlight: 4,
  claimedSendsInFlight: 6,
  replyConcurrency: 96,
  replyStream: true,
  replyRetryMs: 10_000,
  decisionBatchSize: 100,
  decisionCommitsInFlight: 2,
  httpStepConcurrency: 50,
  sweepIntervalMs: 1000,
  sweepBatchSize: 100,
  firstCheckMs: 15_000,
  recheckMs: 30_000,
  outboxKeepSentMs: 3_600_000,
  outboxPruneIntervalMs: 60_000,
  operations: true,
  operationTickMs: 250,
  confirmAbove: 1000,
};

export const ENGINE_OPTIONS = Symbol('ENGINE_OPTIONS');
