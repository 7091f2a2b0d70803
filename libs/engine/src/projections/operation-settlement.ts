import { OPERATION_GOALS, type MessageStatus, type OperationAction } from '@retrace/domain';

/** States an operation item ends in; `pending` and `acting` come before. */
export type SettledItemState = 'succeeded' | 'failed' | 'skipped';

/** One item an `OperationItemsSettled` event settles. */
export interface SettledItem {
  seq: number;
  state: SettledItemState;
  detail: string | null;
}

/**
 * Recorded on `operation-<id>` in the transaction that settles items, so the `operation_items` rows
 * and the operation's counts can be rebuilt from the log (DESIGN.md "Event log").
 */
export const OPERATION_ITEMS_SETTLED = 'OperationItemsSettled';

export interface OperationItemsSettledData {
  items: SettledItem[];
}

/** Details are kept short; the full reason is in the message's own history. */
export const MAX_ITEM_DETAIL = 1000;

/**
 * How an acting item ends once its message reached a terminal status: succeeded when that is the
 * action's goal, otherwise failed, naming the status. The live runner and the rebuild both use it.
 */
export function settleActingItem(action: OperationAction, status: MessageStatus): { state: 'succeeded' | 'failed'; detail: string | null } {
  return status === OPERATION_GOALS[action] ? { state: 'succeeded', detail: null } : { state: 'failed', detail: `ended ${status}` };
}

/** The counts an `OperationItemsSettled` event adds to its operation. */
export function countSettled(items: readonly SettledItem[]): Record<SettledItemState, number> {
  const counts = { succeeded: 0, failed: 0, skipped: 0 };
  for (const item of items) counts[item.state]++;
  return counts;
}
