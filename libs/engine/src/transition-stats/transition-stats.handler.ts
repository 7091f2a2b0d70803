import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { MESSAGE_STATUSES, transitionChain, type TransitionChain } from '@retrace/domain';
import { EventStore } from '@retrace/event-store';
import { selectTransitions } from './select-transitions';
import { TransitionStatsQuery } from './transition-stats.query';

@QueryHandler(TransitionStatsQuery)
export class TransitionStatsHandler implements IQueryHandler<TransitionStatsQuery> {
  constructor(private readonly store: EventStore) {}

  async execute({ filter }: TransitionStatsQuery): Promise<TransitionChain> {
    return transitionChain(await selectTransitions(this.store.sql, filter), MESSAGE_STATUSES);
  }
}
