import type { OperationAction, OperationParams, OperationSelector } from '@retrace/domain';

export type OperationStatus = 'running' | 'cancelling' | 'cancelled' | 'completed' | 'failed';

/** A bulk operation as its read model holds it. */
export interface OperationRecord {
  id: string;
  action: OperationAction;
  params: OperationParams;
  selector: OperationSelector;
  reason: string;
  actor: string;
  status: OperationStatus;
  maxInFlight: number;
  total: number;
  succeeded: number;
  failed: number;
  skipped: number;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
}

export const operationStreamId = (id: string): string => `operation-${id}`;

/** How many message ids one `OperationItemsSelected` event carries. */
export const ITEMS_PER_EVENT = 1000;
