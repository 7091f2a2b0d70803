import { LiveTailHub } from './live-tail-hub';
import { DEFAULT_LIVE_TAIL_OPTIONS, LIVE_TAIL_OPTIONS } from './live-tail-options';
import { TailEventsHandler } from './tail-events.handler';

export * from './live-tail-options';
export * from './tail-events.query';

/** What EngineModule provides for the live tail: the process's one hub, its tuning, the query. */
export const LIVE_TAIL_PROVIDERS = [
  { provide: LIVE_TAIL_OPTIONS, useFactory: () => ({ ...DEFAULT_LIVE_TAIL_OPTIONS }) },
  LiveTailHub,
  TailEventsHandler,
];
