import { useState } from 'react';
import type { Subscription } from '../api/api-types';
import { ErrorBox } from '../components/ErrorBox';
import { GuardedButton } from '../components/GuardedButton';
import { Time } from '../components/Time';
import { ResetDialog } from '../subscriptions/ResetDialog';
import { useSession } from '../session';
import { usePolling } from '../use-polling';

const filterText = (f: Subscription['filter']) =>
  [f.saga ? `saga=${f.saga}` : '', f.types?.length ? `types=${f.types.join(',')}` : '', f.streamPrefix ? `streamPrefix=${f.streamPrefix}` : ''].filter(Boolean).join(' ') || 'everything';

/** Durable subscriptions: position, lag, lease; reset with a dry run first. */
export function SubscriptionsPage() {
  const { api } = useSession();
  const subs = usePolling(() => api.listSubscriptions(), 3000, [api]);
  const [resetting, setResetting] = useState<Subscription | null>(null);
  return (
    <section>
      <div className="page-head">
        <h1>Subscriptions</h1>
      </div>
      <ErrorBox error={subs.error} />
      <table className="grid" aria-label="subscriptions">
        <thead>
          <tr>
            <th>Name</th>
            <th>Filter</th>
            <th>Committed</th>
            <th>Head</th>
            <th>Lag</th>
            <th>Lease</th>
            <th>Updated</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(subs.data?.items ?? []).map((s) => (
            <tr key={s.name}>
              <td className="mono">{s.name}</td>
              <td className="mono">{filterText(s.filter)}</td>
              <td className="num">{s.committedPosition}</td>
              <td className="num">{s.headPosition ?? ''}</td>
              <td className="num">{s.lag ?? ''}</td>
              <td>{s.lease?.active ? `held up to ${s.lease.upToPosition}` : 'free'}</td>
              <td>
                <Time iso={s.updatedAt} />
              </td>
              <td>
                <GuardedButton onClick={() => setResetting(s)}>Reset…</GuardedButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {subs.data?.items.length === 0 && <p className="muted empty">No subscription yet.</p>}
      {resetting && (
        <ResetDialog
          sub={resetting}
          onClose={() => setResetting(null)}
          onDone={() => {
            setResetting(null);
            subs.reload();
          }}
        />
      )}
    </section>
  );
}
