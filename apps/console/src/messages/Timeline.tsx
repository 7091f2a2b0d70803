import type { MessageEvent } from '../api/api-types';
import { Time } from '../components/Time';

const text = (value: unknown): string => (value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** What an event says beyond its type: the error, the result, the replay's mode, the status reached. */
function detailOf(e: MessageEvent): { error: string; result: string } {
  const d = e.data;
  const error = text((d.error as { message?: string } | undefined)?.message);
  let result = '';
  if (e.type === 'StepSucceeded') result = text(d.result);
  else if (e.type === 'ReplayStarted') result = `${text(d.mode)}${d.fromStep ? ` from ${text(d.fromStep)}` : ''}${d.patch ? ` patch ${text(d.patch)}` : ''}`;
  else if (e.type === 'CompensationStarted') result = `${text(d.trigger)}: ${(d.steps as string[] | undefined)?.join(', ') ?? ''}`;
  else if (e.type === 'MessageSettled' || e.type === 'ReplyIgnored') result = text(d.why ?? d.reason);
  return { error, result };
}

/** Every event of the message, oldest first, one row each. */
export function Timeline({ events }: { events: MessageEvent[] }) {
  const runs = [...new Set(events.map((e) => text(e.data.runId ?? e.metadata.runId)).filter((r) => r !== ''))];
  return (
    <table className="grid timeline" aria-label="timeline">
      <thead>
        <tr>
          <th>Pos</th>
          <th>Time</th>
          <th>Event</th>
          <th>Run</th>
          <th>Step</th>
          <th>Kind</th>
          <th>Try</th>
          <th>Status</th>
          <th>Actor</th>
          <th>Reason</th>
          <th>Error</th>
          <th>Result</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => {
          const { error, result } = detailOf(e);
          const run = text(e.data.runId ?? e.metadata.runId);
          return (
            <tr key={e.position} className={error ? 'bad' : undefined}>
              <td className="mono">{e.position}</td>
              <td>
                <Time iso={e.createdAt} />
              </td>
              <td className="mono">{e.type}</td>
              <td className="mono" title={run}>
                {run ? `#${runs.indexOf(run) + 1}` : ''}
              </td>
              <td>{text(e.data.step)}</td>
              <td>{text(e.data.kind)}</td>
              <td>{text(e.data.attempt)}</td>
              <td>{text(e.data.status)}</td>
              <td>{e.metadata.actor ?? ''}</td>
              <td className="clip" title={e.metadata.reason ?? ''}>
                {e.metadata.reason ?? ''}
              </td>
              <td className="clip err" title={error}>
                {error}
              </td>
              <td className="clip mono" title={result}>
                {result}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
