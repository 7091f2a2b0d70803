/**
 * Every figure the bench reports, its unit and the group that measures it. A group runs as one
 * unit (the figures in it share setup, or are interleaved so noise hits them alike).
 */
export const FIGURES = {
  pgInsertCeiling: { unit: 'rows/s', group: 'insert' },
  appendRate: { unit: 'events/s', group: 'insert' },
  bullmqChain: { unit: 'chains/s', group: 'throughput' },
  sagaRate: { unit: 'sagas/s', group: 'throughput' },
  orchestratorPeakRss: { unit: 'MB', group: 'throughput' },
  /** Diagnostic, no target: the orchestrator's CPU time per saga during sagaRate (steadier than a rate on a shared box). */
  orchestratorCpuPerSaga: { unit: 'ms', group: 'throughput' },
  /** Diagnostic: during sagaRate, per saga, the CPU time of PostgreSQL's processes, of Redis and of the bench process (SDK workers, HTTP publisher). */
  postgresCpuPerSaga: { unit: 'ms', group: 'throughput' },
  redisCpuPerSaga: { unit: 'ms', group: 'throughput' },
  benchCpuPerSaga: { unit: 'ms', group: 'throughput' },
  dbosSaga: { unit: 'workflows/s', group: 'throughput' },
  dispatchLatencyP50: { unit: 'ms', group: 'latency' },
  dispatchLatencyP99: { unit: 'ms', group: 'latency' },
  hopLatencyP50: { unit: 'ms', group: 'latency' },
  hopLatencyP99: { unit: 'ms', group: 'latency' },
  replayRate: { unit: 'messages/s', group: 'replay' },
  rebuildRate: { unit: 'events/s', group: 'log' },
  pgReadCeiling: { unit: 'rows/s', group: 'log' },
  scale10k: { unit: 'sagas/s', group: 'log' },
  scale1M: { unit: 'sagas/s', group: 'log' },
} as const;

export type FigureName = keyof typeof FIGURES;
export type GroupName = (typeof FIGURES)[FigureName]['group'];

/** Groups in the order they run: cheap and independent first, the big seeded log last. */
export const GROUP_ORDER: readonly GroupName[] = ['insert', 'throughput', 'latency', 'replay', 'log'];

/** Names `--only` takes besides figure names: the names for figures reported in parts. */
export const FIGURE_ALIASES: Readonly<Record<string, readonly FigureName[]>> = {
  dispatchLatency: ['dispatchLatencyP50', 'dispatchLatencyP99'],
  hopLatency: ['hopLatencyP50', 'hopLatencyP99'],
  scale: ['scale10k', 'scale1M'],
  peakRss: ['orchestratorPeakRss'],
};

export const isFigureName = (name: string): name is FigureName => Object.hasOwn(FIGURES, name);
