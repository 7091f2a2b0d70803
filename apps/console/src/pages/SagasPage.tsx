import type { StepTarget } from '../api/api-types';
import { ErrorBox } from '../components/ErrorBox';
import { Time } from '../components/Time';
import { useSession } from '../session';
import { usePolling } from '../use-polling';

const target = (t: StepTarget | null | undefined): string =>
  t == null ? 'none (irreversible)' : t.queue ? `queue ${t.queue}` : t.http ? `${t.http.method ?? 'POST'} ${t.http.url}` : '?';

/** Every saga's latest definition: its steps, where each runs, its compensation and retry policy. */
export function SagasPage() {
  const { api } = useSession();
  const sagas = usePolling(() => api.listSagas(), 0, [api]);
  return (
    <section>
      <div className="page-head">
        <h1>Sagas</h1>
      </div>
      <ErrorBox error={sagas.error} />
      {(sagas.data?.items ?? []).map((saga) => (
        <div className="card" key={saga.name}>
          <div className="row">
            <strong className="mono">{saga.name}</strong>
            <span className="muted">
              v{saga.version} · on failure: {saga.onFailure} · registered <Time iso={saga.registeredAt} />
            </span>
          </div>
          {saga.description && <p>{saga.description}</p>}
          <table className="grid" aria-label={`saga ${saga.name}`}>
            <thead>
              <tr>
                <th>#</th>
                <th>Step</th>
                <th>Action</th>
                <th>Compensation</th>
                <th>Retry</th>
                <th>Timeout</th>
              </tr>
            </thead>
            <tbody>
              {saga.steps.map((s, i) => (
                <tr key={s.name}>
                  <td className="num">{i + 1}</td>
                  <td>{s.name}</td>
                  <td className="mono">{target(s.action)}</td>
                  <td className="mono">{target(s.compensation)}</td>
                  <td>{s.retry ? `${s.retry.attempts} attempt(s)${s.retry.backoff ? `, ${s.retry.backoff.type} ${s.retry.backoff.delayMs} ms` : ''}` : '-'}</td>
                  <td>{s.timeoutMs ? `${s.timeoutMs} ms` : '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {sagas.data?.items.length === 0 && <p className="muted empty">No saga registered yet.</p>}
    </section>
  );
}
