import { ErrorBox } from '../components/ErrorBox';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';
import { useSession } from '../session';
import { usePolling } from '../use-polling';
import { CancelOperationButton } from './CancelOperationButton';
import { ProgressBar } from './ProgressBar';

const selectorText = (s: Record<string, unknown>) =>
  Object.entries(s)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`)
    .join(' ');

/** The latest operations, live, each with its progress and a cancel; `refresh` changing reads them at once. */
export function OperationsList({ refresh }: { refresh?: string | null }) {
  const { api } = useSession();
  const ops = usePolling(() => api.listOperations(50), 2000, [api, refresh]);
  return (
    <>
      <ErrorBox error={ops.error} />
      <table className="grid" aria-label="operations">
        <thead>
          <tr>
            <th>Created</th>
            <th>Action</th>
            <th>Status</th>
            <th>Progress</th>
            <th>Selector</th>
            <th>Actor</th>
            <th>Reason</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(ops.data?.items ?? []).map((op) => (
            <tr key={op.id}>
              <td>
                <Time iso={op.createdAt} />
              </td>
              <td>
                {op.action}
                {op.mode ? ` (${op.mode})` : ''}
              </td>
              <td>
                <StatusBadge status={op.status} />
              </td>
              <td className="wide">
                <ProgressBar op={op} />
              </td>
              <td className="clip mono">{selectorText(op.selector as Record<string, unknown>)}</td>
              <td>{op.actor}</td>
              <td className="clip" title={op.reason}>
                {op.reason}
              </td>
              <td>
                <CancelOperationButton op={op} onDone={ops.reload} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
