import { redactPaths } from '@retrace/domain';
import type { OperationRecord } from '@retrace/engine';
import { NO_REDACTION, type PayloadRedaction } from '../redaction/payload-redaction';

/** An operation as the admin API shows it; `done` = succeeded + failed + skipped; `redaction` hides patch paths from viewers. */
export const toOperationDto = (op: OperationRecord, redaction: PayloadRedaction = NO_REDACTION) => ({
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
  ...(op.action === 'replay' ? { mode: op.params.mode, fromStep: op.params.fromStep, patch: redactPaths(op.params.patch, redaction.pathsFor(op.selector.saga)) as typeof op.params.patch } : {}),
  createdAt: op.createdAt.toISOString(),
  updatedAt: op.updatedAt.toISOString(),
  finishedAt: op.finishedAt?.toISOString() ?? null,
});
