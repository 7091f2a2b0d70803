import { Query } from '@nestjs/cqrs';
import type { TransitionChain, TransitionStatsFilter } from '@retrace/domain';

/** The status transitions in the log as an absorbing Markov chain (GET /v1/admin/stats/transitions). */
export class TransitionStatsQuery extends Query<TransitionChain> {
  constructor(readonly filter: TransitionStatsFilter) {
    super();
  }
}
