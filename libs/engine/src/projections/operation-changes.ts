import { MESSAGE_STREAM_PREFIX, type OperationAction, type OperationParams } from '@retrace/domain';
import { ITEMS_PER_EVENT } from '../operations/operation-record';
import { countSettled, OPERATION_ITEMS_SETTLED, type OperationItemsSettledData, type SettledItem } from './operation-settlement';
import type { ProjectedEvent } from './projection';

/**
 * What one event does to the `operations` / `operation_items` rows. `position` names the event
 * whose transaction clock the live path wrote as `updated_at` (and `created_at`, `finished_at`).
 */
export type OperationChange =
  | {
      kind: 'created';
      id: string;
      action: OperationAction;
      params: OperationParams;
      selector: unknown;
      reason: string;
      actor: string;
      maxInFlight: number;
      total: number;
      position: number;
    }
  | { kind: 'itemsSelected'; id: string; items: { seq: number; messageId: string }[]; position: number }
  | { kind: 'cancelRequested'; id: string; position: number }
  | { kind: 'itemActing'; id: string; messageId: string; position: number }
  | { kind: 'itemsSettled'; id: string; items: SettledItem[]; counts: Record<SettledItem['state'], number>; position: number }
  | { kind: 'finished'; id: string; status: string; succeeded: number; failed: number; skipped: number; position: number };

const OPERATION_PREFIX = 'operation-';

/**
 * The change an event makes, or null. Operation events come from `operation-<id>`; a message event
 * whose metadata names an operation is the action the operation took on it, which turned its item
 * `acting` in the same transaction (OperationRunner → actOnItems).
 */
export function operationChange(event: ProjectedEvent): OperationChange | null {
  const { position } = event;
  if (event.streamId.startsWith(MESSAGE_STREAM_PREFIX)) {
    const operationId = event.metadata.operationId;
    if (typeof operationId !== 'string') return null;
    return { kind: 'itemActing', id: operationId, messageId: event.streamId.slice(MESSAGE_STREAM_PREFIX.length), position };
  }
  if (!event.streamId.startsWith(OPERATION_PREFIX)) return null;
  const id = event.streamId.slice(OPERATION_PREFIX.length);
  switch (event.type) {
    case 'OperationCreated': {
      const data = event.data as { action: OperationAction; params: OperationParams; selector: unknown; maxInFlight: number; total: number };
      const { reason, actor } = event.metadata;
      return {
        kind: 'created',
        id,
        action: data.action,
        params: data.params,
        selector: data.selector,
        reason: String(reason),
        actor: String(actor),
        maxInFlight: data.maxInFlight,
        total: data.total,
        position,
      };
    }
    case 'OperationItemsSelected': {
      const { chunk, messageIds } = event.data as { chunk: number; messageIds: string[] };
      return { kind: 'itemsSelected', id, items: messageIds.map((messageId, i) => ({ seq: chunk * ITEMS_PER_EVENT + i + 1, messageId })), position };
    }
    case 'OperationCancelRequested':
      return { kind: 'cancelRequested', id, position };
    case OPERATION_ITEMS_SETTLED: {
      const { items } = event.data as OperationItemsSettledData;
      return { kind: 'itemsSettled', id, items, counts: countSettled(items), position };
    }
    case 'OperationFinished': {
      const data = event.data as { status: string; succeeded: number; failed: number; skipped: number };
      return { kind: 'finished', id, status: data.status, succeeded: data.succeeded, failed: data.failed, skipped: data.skipped, position };
    }
    default:
      return null;
  }
}

/**
 * The changes of a page, in order. The events of one action share an operation id and message, and
 * an item turns `acting` once: only the first of them is kept.
 */
export function operationChanges(events: readonly ProjectedEvent[]): OperationChange[] {
  const changes: OperationChange[] = [];
  const acting = new Set<string>();
  for (const event of events) {
    const change = operationChange(event);
    if (!change) continue;
    if (change.kind === 'itemActing') {
      const key = `${change.id}\u0000${change.messageId}`;
      if (acting.has(key)) continue;
      acting.add(key);
    }
    changes.push(change);
  }
  return changes;
}
