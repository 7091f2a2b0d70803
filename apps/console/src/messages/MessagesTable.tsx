import type { Message } from '../api/api-types';
import { Link } from '../components/Link';
import { StatusBadge } from '../components/StatusBadge';
import { Time } from '../components/Time';

/** Where a message stands: the step that failed (with its error) or the one in progress. */
function whereItIs(m: Message): string {
  const failed = m.steps.find((s) => s.error !== null);
  if (failed) return `${failed.name}: ${failed.error?.message ?? ''}`;
  const running = m.steps.find((s) => s.status === 'RUNNING' || s.status === 'DISPATCHED' || s.status === 'COMPENSATING');
  return running ? `${running.name} ${running.status.toLowerCase()}` : '';
}

export function MessagesTable({ items }: { items: Message[] }) {
  if (items.length === 0) return <p className="muted empty">No message matches these filters.</p>;
  return (
    <table className="grid" aria-label="messages">
      <thead>
        <tr>
          <th>ID</th>
          <th>Saga</th>
          <th>Status</th>
          <th>Step / error</th>
          <th>Correlation</th>
          <th>Accepted</th>
          <th>Updated</th>
        </tr>
      </thead>
      <tbody>
        {items.map((m) => (
          <tr key={m.id} data-id={m.id}>
            <td className="mono">
              <Link to={`/messages/${encodeURIComponent(m.id)}`}>{m.id}</Link>
            </td>
            <td>
              {m.saga} <span className="muted">v{m.sagaVersion}</span>
            </td>
            <td>
              <StatusBadge status={m.status} />
            </td>
            <td className="clip" title={whereItIs(m)}>
              {whereItIs(m)}
            </td>
            <td className="mono clip">{m.correlationId ?? ''}</td>
            <td>
              <Time iso={m.createdAt} />
            </td>
            <td>
              <Time iso={m.updatedAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
