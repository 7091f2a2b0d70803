import type { MessageQuery } from '../api/api-client';

/** The messages page's filters, kept in the URL so a filtered view can be shared and reloaded. */
export interface MessageFilter {
  status: string[];
  saga: string;
  q: string;
  from: string;
  to: string;
}

export const filterFromSearch = (search: URLSearchParams): MessageFilter => ({
  status: (search.get('status') ?? '').split(',').filter((s) => s !== ''),
  saga: search.get('saga') ?? '',
  q: search.get('q') ?? '',
  from: search.get('from') ?? '',
  to: search.get('to') ?? '',
});

export const filterToSearch = (filter: MessageFilter): string => {
  const search = new URLSearchParams();
  if (filter.status.length) search.set('status', filter.status.join(','));
  for (const key of ['saga', 'q', 'from', 'to'] as const) if (filter[key].trim()) search.set(key, filter[key].trim());
  const text = search.toString();
  return text ? `?${text}` : '';
};

export const filterToQuery = (filter: MessageFilter, limit: number): MessageQuery => ({
  status: filter.status.length ? filter.status : undefined,
  saga: filter.saga || undefined,
  q: filter.q.trim() || undefined,
  from: filter.from.trim() || undefined,
  to: filter.to.trim() || undefined,
  limit,
});
