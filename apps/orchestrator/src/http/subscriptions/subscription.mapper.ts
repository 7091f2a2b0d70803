import type { NextBatch, SubscriptionRecord, SubscriptionView } from '@retrace/engine';
import { toLogEventDto } from '../events/event.mapper';

/**
 * A subscription as the API shows it. The lease's id is left out: it is the ack token of the
 * consumer holding the batch, not something for onlookers.
 */
export const toSubscriptionDto = (s: SubscriptionRecord | SubscriptionView) => ({
  name: s.name,
  filter: s.definition.filter,
  startAt: s.definition.startAt,
  ackTimeoutMs: s.definition.ackTimeoutMs,
  startPosition: s.startPosition,
  committedPosition: s.committedPosition,
  ...('headPosition' in s ? { headPosition: s.headPosition, lag: s.lag, lagCapped: s.lagCapped } : {}),
  lease: s.lease && { until: s.lease.until.toISOString(), upToPosition: s.lease.lastPosition, active: s.lease.live },
  createdAt: s.createdAt.toISOString(),
  updatedAt: s.updatedAt.toISOString(),
});

/** `{events, cursor?, leaseId?, leasedUntil?, committedPosition}`: cursor and leaseId only when there is a batch to ack. */
export const toNextBatchDto = (b: NextBatch) => ({
  // Viewers cannot lease batches: service and operator keys see payloads whole.
  events: b.events.map((e) => toLogEventDto(e)),
  ...(b.cursor === null ? {} : { cursor: b.cursor }),
  ...(b.leaseId === null ? {} : { leaseId: b.leaseId }),
  ...(b.leasedUntil === null ? {} : { leasedUntil: b.leasedUntil.toISOString() }),
  committedPosition: b.committedPosition,
});
