import { StatusBadge } from '../components/StatusBadge';
import { ErrorBox } from '../components/ErrorBox';
import { useSession } from '../session';
import { usePolling } from '../use-polling';
import { ProgressBar } from './ProgressBar';

const FINISHED = ['completed', 'cancelled', 'failed'];

/** One operation, live (every second, like `retrace ops watch`), until it ends; then its result. */
export function OperationProgress({ id }: { id: string }) {
  const { api } = useSession();
  const op = usePolling(() => api.getOperation(id), 1000, [api, id]);
  if (!op.data) return <ErrorBox error={op.error} />;
  const finished = FINISHED.includes(op.data.status);
  return (
    <div className="card" aria-label="progress">
      <div className="row">
        <strong>Operation</strong> <span className="mono">{id}</span> <StatusBadge status={op.data.status} />
      </div>
      <ProgressBar op={op.data} />
      {finished && (
        <p className="result">
          {op.data.status === 'completed' && op.data.failed === 0
            ? `Done: all ${op.data.succeeded} message(s) reached the goal${op.data.skipped ? ` (${op.data.skipped} skipped)` : ''}.`
            : `Ended ${op.data.status}: ${op.data.succeeded} succeeded, ${op.data.failed} failed, ${op.data.skipped} skipped.`}
        </p>
      )}
    </div>
  );
}
