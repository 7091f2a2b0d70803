import type { Operation } from '../api/api-types';

/** done / total as a bar, split into succeeded, failed and skipped. */
export function ProgressBar({ op }: { op: Operation }) {
  const pct = (n: number) => (op.total === 0 ? 0 : (100 * n) / op.total);
  const done = op.total === 0 ? 100 : pct(op.done);
  return (
    <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={op.total} aria-valuenow={op.done} aria-label={`operation ${op.id}`}>
      <div className="bar">
        <span className="ok" style={{ width: `${pct(op.succeeded)}%` }} />
        <span className="failed" style={{ width: `${pct(op.failed)}%` }} />
        <span className="skipped" style={{ width: `${pct(op.skipped)}%` }} />
      </div>
      <span className="progress-text">
        {op.done}/{op.total} ({done.toFixed(0)}%) · ok {op.succeeded} · failed {op.failed} · skipped {op.skipped}
      </span>
    </div>
  );
}
