import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EventStore, type ReadAllResult, type RecordedEvent } from '@retrace/event-store';
import { LiveTailHub } from './live-tail-hub';
import { LIVE_TAIL_OPTIONS, type LiveTailOptions } from './live-tail-options';
import { TailEventsQuery, type LiveTail } from './tail-events.query';

/**
 * Reads the log page by page (gap-safe, as `GET /v1/events`) and, once it has caught up, waits on
 * the hub for the head to move. A filtered read that comes back short has covered everything up
 * to the head, so the tail continues from there and never rescans what its filter skipped.
 */
@QueryHandler(TailEventsQuery)
export class TailEventsHandler implements IQueryHandler<TailEventsQuery> {
  constructor(
    private readonly store: EventStore,
    private readonly hub: LiveTailHub,
    @Inject(LIVE_TAIL_OPTIONS) private readonly options: LiveTailOptions,
  ) {}

  execute(query: TailEventsQuery): Promise<LiveTail> {
    const signal = AbortSignal.any([query.signal, this.hub.stopping]);
    return Promise.resolve({ pages: this.pages(query, signal), heartbeatMs: this.options.heartbeatMs, signal });
  }

  private async *pages({ from, filter }: TailEventsQuery, signal: AbortSignal): AsyncGenerator<RecordedEvent[]> {
    const limit = this.options.batchSize;
    let page: ReadAllResult =
      'since' in from
        ? await this.store.readSince({ since: from.since, limit, ...filter })
        : await this.store.readAll({ after: from.after, limit, ...filter });
    while (!signal.aborted) {
      if (page.events.length > 0) yield page.events;
      if (page.events.length < limit) await this.hub.waitBeyond(page.lastPosition, signal);
      if (signal.aborted) return;
      page = await this.store.readAll({ after: page.lastPosition, limit, ...filter });
    }
  }
}
