import { useState, type FormEvent } from 'react';
import { ErrorBox } from '../components/ErrorBox';
import { navigate } from '../router';
import { useSession } from '../session';
import { Heatmap } from '../stats/Heatmap';
import { usePolling } from '../use-polling';

/** The status transitions seen in the log as a Markov chain: where each status goes next, and where it ends. */
export function StatsPage({ search }: { search: URLSearchParams }) {
  const { api } = useSession();
  const saga = search.get('saga') ?? '';
  const [draft, setDraft] = useState(saga);
  const stats = usePolling(() => api.transitions({ saga: saga || undefined }), 0, [api, saga]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/stats${draft ? `?saga=${encodeURIComponent(draft)}` : ''}`, { replace: true });
  };
  const data = stats.data;
  const from = data ? data.states.filter((s) => data.probabilities[s] !== undefined) : [];
  const absorbing = data ? data.states.filter((s) => data.probabilities[s] === undefined) : [];
  return (
    <section>
      <div className="page-head">
        <h1>Transitions</h1>
        <form className="row" onSubmit={submit}>
          <label>
            Saga
            <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="all sagas" size={16} />
          </label>
          <button type="submit" className="btn btn-plain">
            Show
          </button>
        </form>
      </div>
      <ErrorBox error={stats.error} />
      {data && (
        <div className="heatmaps">
          <div>
            <h2>Transition probabilities</h2>
            <Heatmap label="transition probabilities" rows={from} columns={data.states} values={data.probabilities} counts={data.counts} />
          </div>
          <div>
            <h2>Absorption: where a message in each status ends</h2>
            <Heatmap label="absorption probabilities" rows={from} columns={absorbing} values={data.absorption} />
          </div>
          {data.notes?.map((n) => (
            <p key={n} className="muted">
              {n}
            </p>
          ))}
        </div>
      )}
    </section>
  );
}
