import type { TransitionChain } from '@retrace/domain';

/** The transition chain as `GET /v1/admin/stats/transitions` shows it; `notes` only when there are some. */
export const toTransitionStatsDto = (chain: TransitionChain) => ({
  states: chain.states,
  counts: chain.counts,
  probabilities: chain.probabilities,
  absorption: chain.absorption,
  meanTimeMs: chain.meanTimeMs,
  transitions: chain.transitions,
  ...(chain.notes.length > 0 ? { notes: chain.notes } : {}),
});
