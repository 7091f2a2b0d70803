/** How big each figure's workload is, full and under --quick (latest.json records the ones used). */
export interface WorkloadSizes {
  /** pgInsertCeiling and appendRate: seconds each per round. */
  insertSeconds: number;
  /** bullmqChain: chains per round (cheap, so --quick keeps enough for a steady rate). */
  chains: number;
  /** sagaRate, scale10k, scale1M: sagas per round; dbosSaga: workflows per round. */
  sagas: number;
  /** Sagas run on a fresh orchestrator before its first timed round. */
  warmupSagas: number;
  /** Latency: seconds of offered load at 200 messages/s per round (the first second is not counted). */
  latencySeconds: number;
  /** replayRate: finished messages replayed per round. */
  replayMessages: number;
  /** rebuildRate, pgReadCeiling, scale1M: events in the large seeded log. */
  largeLogEvents: number;
}

export const FULL_SIZES: WorkloadSizes = {
  insertSeconds: 5,
  chains: 2000,
  sagas: 2000,
  warmupSagas: 2000,
  latencySeconds: 10,
  replayMessages: 5000,
  largeLogEvents: 1_000_000,
};

export const QUICK_SIZES: WorkloadSizes = {
  insertSeconds: 1.5,
  chains: 1000,
  sagas: 200,
  warmupSagas: 300,
  latencySeconds: 2,
  replayMessages: 200,
  largeLogEvents: 60_000,
};

export const sizesFor = (quick: boolean): WorkloadSizes => (quick ? QUICK_SIZES : FULL_SIZES);
