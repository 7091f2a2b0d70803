import { MESSAGE_STATUSES, TERMINAL_STATUSES, type MessageStatus } from '@retrace/domain';

/** Not (yet) listed by Retrace: published, but not seen by the poller. */
export const UNSEEN = 'UNSEEN';

export function isTerminal(status: string): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}

/** How many messages are in each status, in the order of the status machine (DESIGN.md). */
export function countStatuses(statuses: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  const rank = (status: string) => {
    const i = MESSAGE_STATUSES.indexOf(status as MessageStatus);
    return i === -1 ? MESSAGE_STATUSES.length : i;
  };
  return [...counts].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}
