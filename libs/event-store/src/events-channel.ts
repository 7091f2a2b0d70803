/**
 * The channel every appending transaction NOTIFYs, one per schema (so deployments sharing a database
 * stay apart): an SQL expression for {@link EventStore.listen}. The notification is a wake-up with
 * an empty payload, delivered at commit; PostgreSQL folds the identical notifications of one
 * transaction into one, so a transaction that appends many times still sends one.
 */
export const EVENTS_CHANNEL_SQL = `'rte_' || current_schema()`;
