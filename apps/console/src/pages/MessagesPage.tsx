import { useMemo, useState } from 'react';
import { ErrorBox } from '../components/ErrorBox';
import { Link } from '../components/Link';
import { filterFromSearch, filterToQuery, filterToSearch } from '../messages/message-filter';
import { MessageFilters } from '../messages/MessageFilters';
import { MessagesTable } from '../messages/MessagesTable';
import { useSession } from '../session';
import { usePolling } from '../use-polling';

/** How often the list is read again: it follows the system live. */
export const LIST_POLL_MS = 2000;

/** Messages, newest first, filtered; re-read every 2 s. */
export function MessagesPage({ search }: { search: URLSearchParams }) {
  const { api } = useSession();
  const key = search.toString();
  const filter = useMemo(() => filterFromSearch(new URLSearchParams(key)), [key]);
  const [limit, setLimit] = useState(100);
  const page = usePolling(() => api.listMessages(filterToQuery(filter, limit)), LIST_POLL_MS, [api, filter, limit]);
  const items = page.data?.items ?? [];
  return (
    <section>
      <div className="page-head">
        <h1>Messages</h1>
        <span className="muted live" title={`read again every ${LIST_POLL_MS / 1000} s`}>
          ● live
        </span>
        <span className="spacer" />
        <Link to={`/operations${filterToSearch(filter)}`} className="btn btn-plain">
          Bulk action on this selection…
        </Link>
      </div>
      <MessageFilters applied={filter} />
      <ErrorBox error={page.error} />
      <p className="muted count">
        {page.data ? `${items.length}${page.data.nextCursor ? '+' : ''} message(s)` : 'Loading…'}
      </p>
      {page.data && <MessagesTable items={items} />}
      {page.data?.nextCursor && limit < 500 && (
        <button type="button" className="btn btn-plain" onClick={() => setLimit(Math.min(500, limit * 2))}>
          Show more
        </button>
      )}
    </section>
  );
}
