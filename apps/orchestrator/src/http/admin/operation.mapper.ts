import type { OperationRecord } from '@retrace/engine';

/** An operation as the admin API shows it; `done` = succeeded + failed + skipped. */
export const toOperationDto = (op: OperationRecord) => ({
  id: op.id,
  action: op.action,
  status: op.status,
  total: op.total,
  done: op.succeeded + op.failed + op.skipped,
  succeeded: op.succeeded,
  failed: op.failed,
  skipped: op.skipped,
  maxInFlight: op.maxInFlight,
  reason: op.reason,
  actor: op.actor,
  selector: {
    ...op.selector,
    ...(op.selector.from ? { from: op.selector.from.toISOString() } : {}),
    ...(op.selector.to ? { to: op.selector.to.toISOString() } : {}),
  },
  ...(op.action === 'retract' ? {} : { force: op.params.force }),
  ...(op.action === 'replay' ? { mode: op.params.mode, fromStep: op.params.fromStep, patch: op.params.patch } : {}),
  createdAt: op.createdAt.toISOString(),
  updatedAt: op.updatedAt.toISOString(),
  finishedAt: op.finishedAt?.toISOString() ?? null,
});
