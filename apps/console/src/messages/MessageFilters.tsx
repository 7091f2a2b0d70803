import { useEffect, useState, type FormEvent } from 'react';
import { navigate } from '../router';
import { useSession } from '../session';
import { usePolling } from '../use-polling';
import { filterToSearch, type MessageFilter } from './message-filter';
import { StatusChips } from './StatusChips';

/** The filter form of the messages page: statuses apply at once, the rest on Apply (or Enter). */
export function MessageFilters({ applied }: { applied: MessageFilter }) {
  const { api } = useSession();
  const sagas = usePolling(() => api.listSagas(), 0, [api]);
  const [draft, setDraft] = useState(applied);
  useEffect(() => setDraft(applied), [applied]);
  const apply = (filter: MessageFilter) => navigate(`/${filterToSearch(filter)}`, { replace: true });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply(draft);
  };
  const set = (key: 'saga' | 'q' | 'from' | 'to') => (value: string) => setDraft({ ...draft, [key]: value });
  return (
    <form className="filters" onSubmit={submit}>
      <StatusChips value={draft.status} onChange={(status) => apply({ ...draft, status })} />
      <div className="row">
        <label>
          Saga
          <select value={draft.saga} onChange={(e) => apply({ ...draft, saga: e.target.value })}>
            <option value="">any saga</option>
            {(sagas.data?.items ?? []).map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Search
          <input value={draft.q} onChange={(e) => set('q')(e.target.value)} placeholder="message id or correlation id contains…" />
        </label>
        <label>
          Accepted from
          <input value={draft.from} onChange={(e) => set('from')(e.target.value)} placeholder="2026-11-20T10:02:00Z" size={24} />
        </label>
        <label>
          to
          <input value={draft.to} onChange={(e) => set('to')(e.target.value)} placeholder="2026-11-20T10:17:00Z" size={24} />
        </label>
        <button type="submit" className="btn btn-primary">
          Apply
        </button>
        <button type="button" className="btn btn-plain" onClick={() => apply({ status: [], saga: '', q: '', from: '', to: '' })}>
          Clear
        </button>
      </div>
    </form>
  );
}
